"""Data timeliness: whether a measure's figure is due in a quarter, and which months it can cover.

A measure's `lag_months` is how long after its period ends a figure is published, counted from
the end of the reporting quarter as the report is compiled (the same count as
`periods.lag_in_months`): 0 for figures the council holds at the quarter's end, 3 for a rolling
year published a quarter later, 24 for a reoffending cohort tracked for a year and published a
year after that. A quarter's figure then covers the latest period of the measure's frequency
whose figure exists by `lag_months` before the quarter ends; when that is earlier than the period
the quarter would show without a lag, the measure is in arrears ("awaiting"), and the latest
available period is shown instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.measures import Aggregation, Frequency, Measure
from scorecard.core.periods import Month, Quarter, Span, quarter_containing
from scorecard.core.rag import ValueState


class Timeliness(StrEnum):
    DUE = "due"
    NOT_DUE = "not due"
    AWAITING = "awaiting"  # due, but its own period's data is not yet published (in arrears)
    NOT_AVAILABLE = "not available"  # due, no figure, and the quarter's collection is over

    @property
    def label(self) -> str:
        """The words the statuses use for the same states."""
        return "Due" if self is Timeliness.DUE else ValueState(self.value).label


@dataclass(frozen=True, slots=True)
class Timing:
    """A measure's timeliness in one quarter and the months its figure covers (none when not due)."""

    state: Timeliness
    covers: Span | None

    def describe(self) -> str:
        """'Awaiting data (in arrears): latest published Jul 17 - Jun 18'."""
        if self.state is Timeliness.AWAITING and self.covers is not None:
            return f"{self.state.label}: latest published {self.covers.label()}"
        return self.state.label


def _period_ending_by(frequency: Frequency, month: Month, start_month: int) -> Span:
    """The latest whole period of `frequency` that ends in or before `month`."""
    if frequency is Frequency.MONTHLY:
        return Span(month, month)
    if frequency is Frequency.QUARTERLY:
        quarter = quarter_containing(month, start_month)
        return (quarter if quarter.span.last == month else quarter.previous()).span
    year = quarter_containing(month, start_month).year
    return (year if year.span.last == month else year.previous()).span


def _as_covered(aggregation: Aggregation, period: Span, start_month: int) -> Span:
    """The months a figure for `period` covers: a rolling figure the year up to it, a year-to-date
    figure the months since its financial year started."""
    if aggregation is Aggregation.ROLLING:
        return Span(period.last.plus(-11), period.last)
    if aggregation is Aggregation.CUMULATIVE:
        return Span(quarter_containing(period.last, start_month).year.span.first, period.last)
    return period


def expected_period(measure: Measure, quarter: Quarter) -> Span:
    """The period a quarter's figure is for when nothing lags: the quarter's last month (monthly),
    the quarter, or the latest financial year ending by the quarter's end (annual)."""
    return _period_ending_by(measure.frequency, quarter.span.last, quarter.year.start_month)


def latest_available(measure: Measure, quarter: Quarter) -> Span:
    """The latest period whose figure is published by the end of `quarter`, as the figure covers it."""
    start_month = quarter.year.start_month
    published_by = quarter.span.last.plus(-measure.lag_months)
    return _as_covered(
        measure.aggregation, _period_ending_by(measure.frequency, published_by, start_month), start_month
    )


def in_arrears(measure: Measure, quarter: Quarter) -> bool:
    """Whether the quarter's own period is not yet published when its report is compiled."""
    return measure.lag_months > 0 and latest_available(measure, quarter).last < expected_period(measure, quarter).last


def timing(measure: Measure, quarter: Quarter, *, held: bool, past_due: bool) -> Timing:
    """A measure's timeliness in `quarter`. `held`: a figure has been entered for the quarter;
    `past_due`: the quarter's collection is over (a later quarter is open, or it is published)."""
    if not measure.is_due(quarter):
        return Timing(Timeliness.NOT_DUE, None)
    covers = latest_available(measure, quarter)
    if not held and past_due:
        return Timing(Timeliness.NOT_AVAILABLE, covers)
    return Timing(Timeliness.AWAITING if in_arrears(measure, quarter) else Timeliness.DUE, covers)
