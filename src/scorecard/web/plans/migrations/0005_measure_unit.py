"""A measure's unit, so an officer's target in another unit is refused."""

from django.db import migrations, models

from scorecard.web.plans.guards import Guard, unguard_sqlite

UNITS = [
    ("number", "A number"),
    ("percent", "A percentage"),
    ("min:sec", "Minutes and seconds"),
    ("pounds", "Pounds (money)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_measure_lag"),
    ]

    operations = [
        migrations.RunPython(unguard_sqlite, migrations.RunPython.noop),
        migrations.AddField(
            model_name="measure",
            name="unit",
            field=models.CharField(
                blank=True,
                choices=UNITS,
                default="",
                help_text="What its figures are in; blank: not stated.",
                max_length=10,
            ),
            preserve_default=False,
        ),
        Guard(),
    ]
