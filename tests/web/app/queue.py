"""Running the publishing queue inside a test, as `scorecard worker` would.

Each queued task is claimed, run and marked done on the test's own connection. (The worker
command itself closes its database connections between tasks, which would end the test's
transaction on PostgreSQL.)"""

from django_tasks_db.models import DBTaskResult


def run_queue() -> None:
    for queued in DBTaskResult.objects.ready():
        queued.claim("tests")
        result = queued.task_result
        queued.set_successful(queued.task.call(*result.args, **result.kwargs))
