"""Opening a quarter for collection: a draft return for every measure due in it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from scorecard.core.measures import Frequency
from scorecard.core.measures import Measure as Definition
from scorecard.core.periods import Quarter
from scorecard.core.timeliness import in_arrears, latest_available
from scorecard.web.plans import changes
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.models import (
    Measure,
    Organisation,
    ReportEdition,
    ReportingPeriod,
    Return,
    ReturnState,
    User,
)
from scorecard.web.plans.queries import measure_entry, with_values


def next_quarter(organisation: Organisation, held: list[ReportingPeriod]) -> Quarter | None:
    """The quarter after the latest one holding figures."""
    if not held:
        return None
    latest = held[-1].as_core(organisation.financial_year_start_month)
    return latest.next() if isinstance(latest, Quarter) else None


def _edition(organisation: Organisation, quarter_row: ReportingPeriod) -> None:
    """The quarter's report, its words carried over from the latest one until they are rewritten."""
    if ReportEdition.objects.filter(period=quarter_row).exists():
        return
    latest = ReportEdition.objects.order_by("-period__start").first()
    if latest is None:
        return
    ReportEdition.objects.create(
        organisation=organisation,
        period=quarter_row,
        plan=latest.plan,
        title=f"Strategic Performance Report - {quarter_row.label}",
        introduction=latest.introduction,
        achievements_heading=latest.achievements_heading,
        actions_intro=latest.actions_intro,
        trend_key=latest.trend_key,
        annual_note=latest.annual_note,
    )


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
        _edition(organisation, quarter_row)
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
