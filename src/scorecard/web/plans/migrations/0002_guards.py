from django.db import migrations

from scorecard.web.plans.guards import Guard


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [Guard()]
