import django.core.validators
from django.db import migrations, models

from scorecard.web.plans.guards import Guard, unguard_sqlite



class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_stored_statuses"),
    ]

    operations = [
        migrations.RunPython(unguard_sqlite, migrations.RunPython.noop),
        migrations.AddField(
            model_name="measure",
            name="lag_months",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="How many months after the reporting quarter ends its figure is published; 0 when held on time.",
                validators=[django.core.validators.MaxValueValidator(120)],
                verbose_name="publication lag (months)",
            ),
        ),
        Guard(),
    ]
