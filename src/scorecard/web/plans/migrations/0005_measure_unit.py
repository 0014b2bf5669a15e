"""A measure's unit, so an officer's target in another unit is refused.

Added with plain ALTER TABLE ADD COLUMN: Django would rebuild the table on SQLite for a NOT NULL
column, and the rebuild's rename trips the tenancy triggers other tables hold on it."""

from django.db import migrations, models

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
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="measure",
                    name="unit",
                    field=models.CharField(
                        blank=True,
                        choices=UNITS,
                        help_text="What its figures are in; blank: not stated.",
                        max_length=10,
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE plans_measure ADD COLUMN unit varchar(10) DEFAULT '' NOT NULL",
                    "ALTER TABLE plans_measure DROP COLUMN unit",
                ),
            ],
        ),
    ]
