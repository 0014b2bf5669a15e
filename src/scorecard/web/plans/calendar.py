"""Finding and making an organisation's reporting periods from the core's periods."""

from __future__ import annotations

from scorecard.core.periods import Month, Period, Quarter
from scorecard.web.plans.models import Organisation, ReportingPeriod, period_fields


class CalendarError(ValueError):
    """A period from a financial year that starts in another month than the organisation's."""


def stored_period(organisation: Organisation, period: Period) -> ReportingPeriod:
    """The organisation's row for `period`, made the first time it is needed."""
    if not isinstance(period, Month):
        starts = period.year.start_month if isinstance(period, Quarter) else period.start_month
        if starts != organisation.financial_year_start_month:
            raise CalendarError(
                f"{period.label()} is of a year starting in month {starts}; "
                f"{organisation.slug}'s financial year starts in month {organisation.financial_year_start_month}"
            )
    fields = period_fields(period)
    row, _ = ReportingPeriod.unscoped.get_or_create(
        organisation=organisation, kind=fields["kind"], start=fields["start"], defaults=fields
    )
    return row
