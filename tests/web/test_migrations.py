from django.core.management import call_command


def test_the_migrations_match_the_models(db):
    # Exits with an error when a model changed without its migration.
    call_command("makemigrations", "plans", check=True, dry_run=True, verbosity=0)
