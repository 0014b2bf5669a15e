"""Asserting that the database itself refuses a write, whatever Django would have checked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, connection, transaction


@contextmanager
def refused_by_database(match: str) -> Iterator[None]:
    """The writes in the block break a rule of the database, with a message matching `match`.

    Deferred constraints (PostgreSQL's foreign keys, SQLite's too) are checked when the block ends,
    as a commit would check them; the savepoint is rolled back, so the test can go on."""
    with pytest.raises(DatabaseError, match=match), transaction.atomic():  # noqa: PT012 (the block is the caller's)
        yield
        connection.check_constraints()


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"
