"""Running the publishing queue inside a test, as `scorecard worker` would."""

from django.core.management import call_command


def run_queue() -> None:
    """Run everything queued, here and now, on the test's own database connection."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
