"""Starting Django from plain Python (the command line, scripts), outside manage.py and WSGI,
and changing the database's schema one process at a time."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Any fixed number: the PostgreSQL advisory lock every Scorecard process takes to set up.
_SETUP_LOCK = 0x5C0_2E_CA2D


class DatabaseNotReadyError(RuntimeError):
    """The database's schema is older than this version of Scorecard."""


def start() -> None:
    """Configure Django with the project's settings unless something already has."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.web.settings")
    if not apps.ready:
        django.setup()


@contextmanager
def one_at_a_time() -> Iterator[None]:
    """Hold the database's setup lock: concurrent migrations or demo loads wait their turn
    (an advisory lock on PostgreSQL, a lock file beside the SQLite file)."""
    start()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_SETUP_LOCK])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_SETUP_LOCK])
        return
    lock_path = Path(str(connection.settings_dict["NAME"]) + ".lock")
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _refuse_the_first_data_model() -> None:
    """Databases from before the data model was rebuilt cannot be migrated; say what to do."""
    if "plans_periodvalue" in connection.introspection.table_names():
        raise DatabaseNotReadyError(
            f"{connection.settings_dict['NAME']} was made by an earlier Scorecard whose data model has been "
            "replaced; move it aside and run `scorecard demo` to start a new one"
        )


def pending_migrations() -> list[str]:
    start()
    _refuse_the_first_data_model()
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def migrate(verbosity: int = 0) -> list[str]:
    """Bring the database schema up to date; the migrations applied."""
    with one_at_a_time():
        pending = pending_migrations()
        if pending:
            call_command("migrate", interactive=False, verbosity=verbosity)
        return pending


def require_current_schema() -> None:
    """Refuse to work on a database that has not been migrated, rather than migrate unasked."""
    pending = pending_migrations()
    if pending:
        raise DatabaseNotReadyError(
            f"the database needs {len(pending)} migration(s) before Scorecard can use it; "
            "run `scorecard migrate` (or `scorecard demo`, which migrates and loads the demo)"
        )
