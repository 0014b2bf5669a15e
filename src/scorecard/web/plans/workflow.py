"""The quarterly return: an owner enters a measure's actual and commentary, submits it, and an
approver approves it or sends it back with a comment; officers set targets and, with a reason,
publish a band other than the computed one.

Every step is a change through `changes`, so it is made against the version the person saw
(a stale one is refused with the current record) and kept in the history with who and when.
An approved return is settled: it changes again only once an approver sends it back, which is
how it is reopened. The report's words (a quarter's introduction, a theme's summary and key
challenges) take the same steps, with the same states.

A signed-off quarter is locked: no return, update, target or words of it change until an officer
reopens it with a reason. Every step here checks, so no page can forget to.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.db import IntegrityError, models
from django.utils import timezone

from scorecard.core.periods import parse_span
from scorecard.core.targets import parse_target
from scorecard.core.values import Quantity, Range, Unit, unit_mismatch
from scorecard.web.plans import changes
from scorecard.web.plans.models import (
    ChangeKind,
    CollectionRound,
    Measure,
    ReportEdition,
    ReportingPeriod,
    Return,
    ReturnState,
    Scheme,
    SchemeBand,
    Target,
    ThemeNarrative,
    User,
)
from scorecard.web.plans.schemes import current_versions
from scorecard.web.plans.statuses import store_statuses
from scorecard.web.plans.values import actual_columns, target_columns

DRAFT_FIELDS = ("actual", "commentary", "covers", "data_note")
_EDITABLE = frozenset({ReturnState.DRAFT, ReturnState.RETURNED})
_UNSETTLED = frozenset(ReturnState) - {ReturnState.APPROVED}
_NEXT_STEP = {
    ReturnState.DRAFT: "the owner completes and submits it",
    ReturnState.SUBMITTED: "an approver approves it or sends it back",
    ReturnState.RETURNED: "the owner corrects it and submits it again",
    ReturnState.APPROVED: "an approver sends it back to reopen it",
}


class WorkflowError(Exception):
    """A step the return's state does not allow; the message says what has to happen first."""


class QuarterLockedError(WorkflowError):
    """A change to a quarter that has been signed off."""


class EntryError(WorkflowError):
    """A value that cannot be stored: names the field, what is wrong and what to enter instead."""

    def __init__(self, field: str, problem: str, fix: str) -> None:
        super().__init__(f"{field}: {problem}; {fix}")
        self.field = field


def save_draft(return_: Return, fields: Mapping[str, str], *, expected_version: int, by: User) -> Return:
    """The owner's entry of the actual, commentary, covered months and data note, kept as a draft
    (or as returned, until it is submitted again)."""
    unknown = sorted(set(fields) - set(DRAFT_FIELDS))
    if unknown:
        raise EntryError(unknown[0], "is not part of a return's entry", f"enter only {', '.join(DRAFT_FIELDS)}")
    stored = _in_state(return_, _EDITABLE, "edited", expected_version)
    entry = {name: fields.get(name, getattr(stored, name)).strip() for name in DRAFT_FIELDS}
    for name, text in entry.items():
        _check_length(Return, name, text)
    values = {
        **_actual(entry["actual"], entry["covers"]),
        "commentary": entry["commentary"],
        "data_note": entry["data_note"],
        "entered_by": by,
    }
    return _rejudged(changes.change(stored, values, expected_version=expected_version, by=by))


Reviewed = TypeVar("Reviewed", Return, ReportEdition, ThemeNarrative)


def submit(return_: Reviewed, *, expected_version: int, by: User) -> Reviewed:
    """The owner (or writer) hands the return (or words) to an approver. A decision on an earlier
    submission is cleared (the history keeps it): the new submission awaits its own."""
    stored = _in_state(return_, _EDITABLE, "submitted", expected_version)
    if stored.version == expected_version:
        _check_complete(stored)
    values = {
        "state": ReturnState.SUBMITTED,
        "submitted_by": by,
        "submitted_at": timezone.now(),
        "decided_by": None,
        "decided_at": None,
        "decision_comment": "",
    }
    return changes.change(stored, values, expected_version=expected_version, by=by, kind=ChangeKind.SUBMITTED)


def save_words(record: Reviewed, values: Mapping[str, Any], *, expected_version: int, by: User) -> Reviewed:
    """Change the report's words (an introduction, or a theme's summary) while a draft or returned."""
    stored = _in_state(record, _EDITABLE, "edited", expected_version)
    return changes.change(stored, values, expected_version=expected_version, by=by, source="web")


def approve(return_: Reviewed, *, expected_version: int, by: User, comment: str = "") -> Reviewed:
    """An approver accepts a submitted return (or words) as it stands."""
    stored = _in_state(return_, {ReturnState.SUBMITTED}, "approved", expected_version)
    return _decide(stored, ReturnState.APPROVED, ChangeKind.APPROVED, comment.strip(), expected_version, by)


def send_back(return_: Reviewed, comment: str, *, expected_version: int, by: User) -> Reviewed:
    """An approver returns a submitted (or reopens an approved) return to its owner, saying why."""
    if not comment.strip():
        raise EntryError("comment", "is empty", "say what the owner should change")
    allowed = {ReturnState.SUBMITTED, ReturnState.APPROVED}
    stored = _in_state(return_, allowed, "sent back", expected_version)
    return _decide(stored, ReturnState.RETURNED, ChangeKind.RETURNED, comment.strip(), expected_version, by)


def set_target(
    measure: Measure, period: ReportingPeriod, printed: str, *, expected_version: int | None, by: User
) -> Target:
    """The measure's target for the period as it is printed ("76%", "7-15%", "BL"); a new target
    when `expected_version` is None, which is refused like a stale edit if someone set one first."""
    ensure_open(period, f"the target of {measure.code}")
    printed = printed.strip()
    values = {**target_values(measure, printed), "set_by": by}
    held: Target | None = Target.unscoped.filter(measure=measure, period=period).first()
    if held is None and expected_version is None:
        try:
            return _rejudged(
                changes.create(
                    Target,
                    {"organisation_id": measure.organisation_id, "measure": measure, "period": period, **values},
                    by=by,
                )
            )
        except IntegrityError:
            # Another officer set it between the look and the write: refused below like a stale edit.
            held = Target.unscoped.filter(measure=measure, period=period).first()
            if held is None:
                raise
    if held is None:
        raise WorkflowError(f"{measure.code} has no target for {period} yet: set it as a new one")
    # A new target made while one exists was made against "no version", version 0, so it is refused.
    seen = 0 if expected_version is None else expected_version
    return _rejudged(changes.change(held, values, expected_version=seen, by=by))


def target_values(measure: Measure, printed: str) -> dict[str, Any]:
    """The typed columns of a target as printed for `measure`, or which part of it is wrong."""
    _check_length(Target, "printed", printed)
    try:
        values = target_columns(printed)
    except ValueError as error:
        raise EntryError("target", str(error), 'enter it as it is printed, e.g. "76%", "7-15%", "BL" or "-"') from None
    _in_measure_unit(measure, printed)
    return values


def override_status(return_: Return, code: str, reason: str, *, expected_version: int, by: User) -> Return:
    """Publish band `code` of the measure's scheme instead of the computed one, with the reason."""
    if not reason.strip():
        raise EntryError("reason", "is empty", "say why the published band differs from the computed one")
    stored = _in_state(return_, _UNSETTLED, "overridden", expected_version)
    values = {
        "override_band": _band(stored.measure, code.strip()),
        "override_reason": reason.strip(),
        "override_by": by,
        "override_at": timezone.now(),
    }
    return changes.change(
        stored, values, expected_version=expected_version, by=by, kind=ChangeKind.OVERRIDDEN, comment=reason.strip()
    )


def remove_override(return_: Return, reason: str, *, expected_version: int, by: User) -> Return:
    """Publish the computed band again; the history keeps the override removed, and why."""
    if not reason.strip():
        raise EntryError("reason", "is empty", "say why the computed band should be published again")
    stored = _in_state(return_, _UNSETTLED, "changed", expected_version)
    if stored.version == expected_version and stored.override_band_id is None:
        raise WorkflowError(f"The return for {stored.measure.code}, {stored.period} has no override to remove")
    values = {"override_band": None, "override_reason": "", "override_by": by, "override_at": timezone.now()}
    return changes.change(
        stored, values, expected_version=expected_version, by=by, kind=ChangeKind.OVERRIDDEN, comment=reason.strip()
    )


Judged = TypeVar("Judged", Return, Target)


def _rejudged(record: Judged) -> Judged:
    """Stored statuses follow the values they judge."""
    store_statuses(record.organisation, [record.measure_id])
    return record


def ensure_open(period: ReportingPeriod, what: str) -> None:
    """Refuse a change to a signed-off quarter (or to a month of one)."""
    held = (
        CollectionRound.unscoped.filter(
            organisation_id=period.organisation_id, period__start__lte=period.start, period__end__gte=period.end
        )
        .select_related("period")
        .first()
    )
    if held is not None and held.signed_off:
        raise QuarterLockedError(
            f"{held.period} is signed off, so {what} cannot be changed and nothing was saved; "
            "to correct it, an officer reopens the quarter with a reason on the collection page"
        )


def ensure_editable(record: Reviewed) -> None:
    """Refuse an edit of words (or a return) that is submitted, approved or in a locked quarter."""
    _in_state(record, _EDITABLE, "edited", record.version)


def described(record: Return | ReportEdition | ThemeNarrative) -> str:
    if isinstance(record, Return):
        return f"the return for {record.measure.code}, {record.period}"
    if isinstance(record, ThemeNarrative):
        return f"the words for {record.theme}, {record.period}"
    return f"the introduction to the {record.period} report"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _check_complete(stored: Return | ReportEdition | ThemeNarrative) -> None:
    if isinstance(stored, Return) and not stored.actual:
        raise EntryError("actual", "is empty", "enter the actual, or - with a data note when there will be none")
    if isinstance(stored, ReportEdition) and not stored.introduction:
        raise EntryError("introduction", "is empty", "write the introduction, then submit it")
    if isinstance(stored, ThemeNarrative) and not stored.achievements and not stored.challenges.exists():
        raise EntryError("achievements", "are empty", "write the summary of achievements, then submit it")


def _in_state(return_: Reviewed, allowed: Collection[str], step: str, expected_version: int) -> Reviewed:
    """The stored record, if its quarter is open and its state allows `step`. When the version has
    moved on the state is not judged here: `changes.change` refuses the stale edit and shows the
    current record."""
    related = ("measure", "period") if isinstance(return_, Return) else ("period",)
    stored = type(return_).unscoped.select_related(*related).get(pk=return_.pk)
    ensure_open(stored.period, described(stored))
    if stored.version == expected_version and stored.state not in allowed:
        state = ReturnState(stored.state)
        raise WorkflowError(
            f"{_sentence(described(stored))} cannot be {step}: it is {state.label.lower()}, "
            f"and only a return that is {' or '.join(ReturnState(s).label.lower() for s in sorted(allowed))} can be; "
            f"first {_NEXT_STEP[state]}"
        )
    return stored


def _decide(
    stored: Reviewed, state: ReturnState, kind: ChangeKind, comment: str, expected_version: int, by: User
) -> Reviewed:
    values = {"state": state, "decided_by": by, "decided_at": timezone.now(), "decision_comment": comment}
    return changes.change(stored, values, expected_version=expected_version, by=by, kind=kind, comment=comment)


def _actual(actual: str, covers: str) -> dict[str, Any]:
    """The typed columns of the printed actual and covered months, or which of them is wrong."""
    if covers:
        try:
            parse_span(covers)
        except ValueError as error:
            raise EntryError(
                "covers", str(error), 'enter the months, e.g. "Jul 16 - Sep 16", or leave it blank'
            ) from None
    try:
        return actual_columns(actual, covers)
    except ValueError as error:
        raise EntryError(
            "actual", str(error), 'enter it as it is printed, e.g. "71.4%", "38.7% (53/137)", "12", or "-" for none'
        ) from None


def _check_length(model: type[models.Model], name: str, text: str) -> None:
    field = model._meta.get_field(name)
    longest = field.max_length if isinstance(field, models.Field) else None
    if longest is not None and len(text) > longest:
        raise EntryError(name, f"is {len(text)} characters long", f"shorten it to {longest} or fewer")


def _in_measure_unit(measure: Measure, printed: str) -> None:
    """A target in another unit than the measure's figures is a slip (45 for 45%)."""
    value = parse_target(printed).value
    low = value.low if isinstance(value, Range) else value
    if measure.unit and low is not None:
        mismatch = unit_mismatch(Quantity(Decimal(0), Unit(measure.unit)), low, expected_as=f"{measure.code}")
        if mismatch:
            raise EntryError("target", mismatch, f"enter it as {measure.get_unit_display().lower()}")


def _band(measure: Measure, code: str) -> SchemeBand:
    """The band `code` of the current version of the scheme that judges `measure`."""
    organisation = measure.organisation
    scheme: Scheme | None = measure.scheme or organisation.default_scheme
    if scheme is None:
        raise WorkflowError(f"{measure.code} has no scheme and {organisation} no default: name one before overriding")
    version = current_versions(organisation)[scheme.name]
    bands: list[SchemeBand] = list(SchemeBand.unscoped.filter(scheme_version=version))
    for band in bands:
        if band.code == code:
            return band
    listed = ", ".join(f"{band.code} ({band.label})" for band in bands)
    raise EntryError("code", f"{code!r} is not a band of {version}", f"name one of its bands: {listed}")
