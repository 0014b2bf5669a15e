"""Changing a record with history: optimistic locking, and a history row for every attempt.

A change names the version it was made against. The update only happens where the stored row
still has that version (one UPDATE ... WHERE version = n, atomic in the database, so two writers
racing from the same version cannot both win); a change against an older version is refused
with the current record, and the refusal is kept in the history too, so no one's edit vanishes.
Call `change` outside any transaction of the caller's own: a transaction rolled back because of
the refusal would take the refusal's history row with it.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F

from scorecard.web.plans.models import Change, ChangeKind, User, Versioned

V = TypeVar("V", bound=Versioned)
R = TypeVar("R", bound=models.Model)


class StaleEditError(Exception):
    """A change made against an older version; `current` is the record as it now stands."""

    def __init__(self, current: Versioned, attempted_version: int) -> None:
        super().__init__(
            f"{current._meta.verbose_name} {current} was changed by someone else (now version {current.version}, "
            f"the change was made to version {attempted_version}); nothing was saved"
        )
        self.current = current


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(record: models.Model) -> dict[str, Any]:
    """The record's stored fields as JSON (foreign keys by id), for the history."""
    skip = {"created_at", "updated_at"}
    return {
        field.attname: _plain(getattr(record, field.attname))
        for field in record._meta.concrete_fields
        if field.attname not in skip
    }


def record_type(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def log(
    record: models.Model,
    kind: ChangeKind,
    *,
    by: User | None,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    source: str = "",
    comment: str = "",
    version: int | None = None,
) -> Change:
    return Change.unscoped.create(
        organisation_id=record.organisation_id,  # type: ignore[attr-defined]
        record_type=record_type(record),
        record_id=record.pk,
        kind=kind,
        version=getattr(record, "version", 1) if version is None else version,
        made_by=by,
        source=source,
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
        comment=comment,
    )


def create(model: type[R], values: Mapping[str, Any], *, by: User | None, source: str = "") -> R:
    """A new record at version 1, with its creation in the history."""
    with transaction.atomic():
        record = model._default_manager.create(**values)
        log(record, ChangeKind.CREATED, by=by, before=None, after=snapshot(record), source=source)
    return record


def change(
    record: V,
    changes: Mapping[str, Any],
    *,
    expected_version: int,
    by: User | None,
    kind: ChangeKind = ChangeKind.CHANGED,
    source: str = "",
    comment: str = "",
) -> V:
    """Apply `changes` to `record` if it is still at `expected_version`; raises StaleEditError
    (after keeping the refused attempt in the history) if someone else changed it first."""
    rows = type(record)._default_manager
    with transaction.atomic():
        # Locks the row where the database can, so a second writer waits here, then finds the
        # version moved on and is refused.
        previous = rows.select_for_update().filter(pk=record.pk, version=expected_version).order_by("pk").first()
        if previous is not None:
            rows.filter(pk=record.pk).update(
                **changes, version=F("version") + 1, updated_at=datetime.datetime.now(tz=datetime.UTC)
            )
            current = rows.get(pk=record.pk)
            log(
                current, kind, by=by, before=snapshot(previous), after=snapshot(current), source=source, comment=comment
            )
            return current
    current = rows.get(pk=record.pk)
    attempt = {
        **snapshot(current),
        **{current._meta.get_field(name).attname: _plain(value) for name, value in changes.items()},  # type: ignore[union-attr]
    }
    log(
        current,
        ChangeKind.REFUSED,
        by=by,
        before=snapshot(current),
        after=attempt,
        source=source,
        comment=comment,
        version=expected_version,
    )
    raise StaleEditError(current, expected_version)
