"""A record's history as a timeline: each change with who, when, and what it changed from and to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Q
from django.utils.text import capfirst

from scorecard.web.plans.models import Change

_NOT_SHOWN = {"id", "organisation_id", "version", "created_at", "updated_at"}


_NOT_READ = ("made_by__password", "made_by__last_login", "made_by__date_joined", "made_by__email")
SHOWN_LENGTH = 200  # a long text's start is enough to tell which change it was


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    before: str | None  # None: the record had no value before (it was made by this change)
    after: str


def _shown(value: Any) -> str:
    """A value as the timeline prints it: "(empty)" for nothing, a long text cut short."""
    text = "(empty)" if value is None or value == "" else str(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


@dataclass(frozen=True, slots=True)
class Event:
    change: Change
    record: str  # what was changed, in words: "Return for Q2 2018/19"
    fields: tuple[FieldChange, ...]


@cache  # a few field names, met hundreds of times in a measure's timeline
def _label(name: str) -> str:
    return capfirst(name.removesuffix("_id").replace("_", " "))


def _differences(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> tuple[FieldChange, ...]:
    before, after = before or {}, after or {}
    names = [name for name in after if name not in _NOT_SHOWN and before.get(name) != after.get(name)]
    return tuple(
        FieldChange(
            _label(name),
            None if before.get(name) is None else _shown(before[name]),
            _shown(after.get(name)),
        )
        for name in names
    )


def timeline(records: Mapping[tuple[str, int], str], latest: int | None = None) -> list[Event]:
    """The changes to the records named (record type and id → words for it), newest first; the
    `latest` so many when given."""
    if not records:
        return []
    wanted = Q()
    by_type: dict[str, list[int]] = {}
    for record_type, record_id in records:
        by_type.setdefault(record_type, []).append(record_id)
    for record_type, ids in by_type.items():
        wanted |= Q(record_type=record_type, record_id__in=ids)
    found = Change.objects.filter(wanted).select_related("made_by").defer(*_NOT_READ).order_by("-created_at", "-pk")
    if latest is not None:
        found = found[:latest]
    return [
        Event(change, records[(change.record_type, change.record_id)], _differences(change.before, change.after))
        for change in found
    ]
