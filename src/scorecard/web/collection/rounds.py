"""A quarter's collection round: opening it with a due date (a draft return for every measure
due in it), what is outstanding and overdue, signing it off when complete (which locks the
quarter, see `workflow.ensure_open`) and reopening it, with a reason, for a correction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from scorecard.core.measures import Frequency
from scorecard.core.measures import Measure as Definition
from scorecard.core.periods import Quarter
from scorecard.core.timeliness import in_arrears, latest_available
from scorecard.web.plans import changes
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    ChangeKind,
    CollectionRound,
    Measure,
    Organisation,
    ReportEdition,
    ReportingPeriod,
    Return,
    ReturnState,
    User,
)
from scorecard.web.plans.queries import measure_entry, with_values
from scorecard.web.plans.workflow import WorkflowError

LONGEST_REASON = 5_000


def next_quarter(organisation: Organisation, held: list[ReportingPeriod]) -> Quarter | None:
    """The quarter after the latest one holding figures."""
    if not held:
        return None
    latest = held[-1].as_core(organisation.financial_year_start_month)
    return latest.next() if isinstance(latest, Quarter) else None


def _edition(organisation: Organisation, quarter_row: ReportingPeriod, *, by: User) -> None:
    """The quarter's report, its introduction carried over from the latest one as a draft."""
    if ReportEdition.objects.filter(period=quarter_row).exists():
        return
    latest = ReportEdition.objects.order_by("-period__start").first()
    if latest is None:
        return
    values = {
        "organisation": organisation,
        "period": quarter_row,
        "plan": latest.plan,
        "title": f"Strategic Performance Report - {quarter_row.label}",
        "introduction": latest.introduction,  # a draft, to be rewritten and approved
        "achievements_heading": latest.achievements_heading,
        "actions_intro": latest.actions_intro,
        "trend_key": latest.trend_key,
        "annual_note": latest.annual_note,
    }
    changes.create(ReportEdition, values, by=by, source="web: quarter opened")


def openable(organisation: Organisation, held: list[ReportingPeriod]) -> list[Quarter]:
    """Quarters a round can be opened for: the latest one held, if it has none yet, and the next."""
    found: list[Quarter] = []
    start_month = organisation.financial_year_start_month
    if held and not CollectionRound.objects.filter(period=held[-1]).exists():
        latest = held[-1].as_core(start_month)
        found += [latest] if isinstance(latest, Quarter) else []
    following = next_quarter(organisation, held)
    return [*found, following] if following is not None else found


def open_round(
    organisation: Organisation, quarter: Quarter, due: datetime.date, *, by: User
) -> tuple[CollectionRound, int]:
    """Open `quarter` for collection, due on `due`: its round and how many draft returns were made."""
    with transaction.atomic():
        period = stored_period(organisation, quarter)
        if CollectionRound.objects.filter(period=period).exists():
            raise WorkflowError(f"{quarter.label()} is open already; its due date is on the collection page")
        made = open_quarter(organisation, quarter, by=by)
        values = {
            "organisation": organisation,
            "period": period,
            "due": due,
            "opened_by": by,
            "opened_at": timezone.now(),
        }
        held = changes.create(CollectionRound, values, by=by, source="web: round opened")
    return held, made


def latest_published(measure: Definition, quarter: Quarter) -> dict[str, Any]:
    """A measure in arrears is collected in the quarter for the latest period published, the span
    printed under its value: the return's covered months, filled in for its owner."""
    if not in_arrears(measure, quarter):
        return {}
    span = latest_available(measure, quarter)
    return {"covers": span.label(), "covers_start": span.start, "covers_end": span.end}


def open_quarter(organisation: Organisation, quarter: Quarter, *, by: User) -> int:
    """Make the draft returns of every measure due in `quarter` that has none, and the quarter's
    report; how many returns were made. A monthly measure's return is for the quarter's last
    month, as the quarterly report shows it; one in arrears covers the latest period published."""
    made = 0
    start_month = organisation.financial_year_start_month
    with transaction.atomic():
        quarter_row = stored_period(organisation, quarter)
        _edition(organisation, quarter_row, by=by)
        for measure in with_values(Measure.objects.order_by("pk")):
            definition = measure_entry(measure, start_month).definition
            if not definition.is_due(quarter):
                continue
            monthly = measure.frequency == Frequency.MONTHLY.value
            period = stored_period(organisation, quarter.span.last) if monthly else quarter_row
            if any(held.period_id == period.pk for held in measure.returns.all()):
                continue
            values = {
                "organisation": organisation,
                "measure": measure,
                "period": period,
                "state": ReturnState.DRAFT,
                **latest_published(definition, quarter),
            }
            changes.create(Return, values, by=by, source="web: quarter opened")
            made += 1
    return made


@dataclass(frozen=True, slots=True)
class Outstanding:
    """A return its owner has still to submit, or a key project with no update for the quarter."""

    record: Return | Action
    what: str

    @property
    def directorate_id(self) -> int | None:
        owner = self.record.measure if isinstance(self.record, Return) else self.record
        return owner.directorate_id


def round_of(period: ReportingPeriod) -> CollectionRound | None:
    return CollectionRound.objects.filter(period=period).select_related("signed_off_by", "opened_by").first()


def outstanding(held: CollectionRound) -> list[Outstanding]:
    """What owners have still to do in the round: returns in draft or returned, and key projects
    in use with no update for the quarter."""
    period = held.period
    waiting = (
        Return.objects.filter(
            period__start__gte=period.start,
            period__end__lte=period.end,
            state__in=[ReturnState.DRAFT, ReturnState.RETURNED],
        )
        .select_related("measure__directorate", "period")
        .order_by("measure__order", "measure__code")
    )
    found = [Outstanding(entry, f"{entry.measure.name} ({entry.get_state_display().lower()})") for entry in waiting]
    updated = ActionUpdate.objects.filter(period=period).values("action_id")
    missing = Action.objects.filter(retired__isnull=True).exclude(pk__in=updated).order_by("theme__order", "order")
    return found + [Outstanding(action, f"{action.title} (no progress update)") for action in missing]


def overdue(held: CollectionRound, today: datetime.date | None = None) -> bool:
    return not held.signed_off and (today or timezone.localdate()) > held.due


def sign_off(held: CollectionRound, *, expected_version: int, by: User) -> CollectionRound:
    """Lock the quarter; refused while any return of it is not approved."""
    period = held.period
    unapproved = Return.objects.filter(period__start__gte=period.start, period__end__lte=period.end).exclude(
        state=ReturnState.APPROVED
    )
    if held.signed_off:
        raise WorkflowError(f"{period} is signed off already")
    if unapproved.exists():
        raise WorkflowError(
            f"{period} cannot be signed off: {unapproved.count()} return(s) are not approved yet; "
            "sign off once every return is approved"
        )
    values = {"signed_off_by": by, "signed_off_at": timezone.now()}
    return changes.change(held, values, expected_version=expected_version, by=by, kind=ChangeKind.SIGNED_OFF)


def reopen(held: CollectionRound, reason: str, *, expected_version: int, by: User) -> CollectionRound:
    """Unlock a signed-off quarter for a correction; the reason is kept in the round's history."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError("Reason: it is empty; say what needs correcting and why")
    if len(reason) > LONGEST_REASON:
        raise WorkflowError(f"Reason: it is {len(reason):,} characters long; shorten it to {LONGEST_REASON:,} or fewer")
    if not held.signed_off:
        raise WorkflowError(f"{held.period} is not signed off, so there is nothing to reopen")
    values = {"signed_off_by": None, "signed_off_at": None, "reopen_reason": reason}
    return changes.change(
        held, values, expected_version=expected_version, by=by, kind=ChangeKind.REOPENED, comment=reason
    )
