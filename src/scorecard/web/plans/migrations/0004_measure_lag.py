import django.core.validators
from django.db import migrations, models

from scorecard.web.plans.guards import Guard


def _drop_triggers_naming_measures(apps, schema_editor):
    """SQLite adds the column by rebuilding the measure table, and the rebuild's rename fails while
    triggers on other tables name it; Guard() below reinstalls every one."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%\"plans_measure\"%'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_stored_statuses"),
    ]

    operations = [
        migrations.RunPython(_drop_triggers_naming_measures, migrations.RunPython.noop),
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
