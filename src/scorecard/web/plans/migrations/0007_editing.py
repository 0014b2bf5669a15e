"""A measure's unit, so an officer's target in another unit is refused (migration for officer editing)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_stored_statuses"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="unit",
            field=models.CharField(
                blank=True,
                choices=[
                    ("number", "A number"),
                    ("percent", "A percentage"),
                    ("min:sec", "Minutes and seconds"),
                    ("pounds", "Pounds (money)"),
                ],
                help_text="What its figures are in; blank: not stated.",
                max_length=10,
            ),
        ),
    ]
