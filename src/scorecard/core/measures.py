"""What a measure is: its polarity, frequency and how its values aggregate over time."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.periods import Quarter


class Polarity(StrEnum):
    """Which way is good ("Good =" in the report)."""

    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"  # good inside a range, worse the further outside it
    NONE = "none"  # contextual or demand measures: no judgement

    @property
    def label(self) -> str:
        return {"higher": "Higher", "lower": "Lower", "range": "In range", "none": "No judgement"}[self.value]


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class Aggregation(StrEnum):
    """How a value relates to time; decides the period the trend compares against."""

    SNAPSHOT = "snapshot"  # a position at a point in time
    CUMULATIVE = "cumulative"  # year to date
    ROLLING = "rolling"  # rolling 12 months
    PERIOD = "period"  # within the period only


@dataclass(frozen=True, slots=True)
class Measure:
    """The parts of a measure's definition that judging a value needs."""

    polarity: Polarity
    frequency: Frequency = Frequency.QUARTERLY
    aggregation: Aggregation = Aggregation.SNAPSHOT
    reporting_quarter: int | None = None  # for annual measures: the quarter they report in
    introduced: Quarter | None = None
    retired: Quarter | None = None
    lag_months: int = 0  # how long after its period ends a figure is published (see core.timeliness)

    def is_due(self, quarter: Quarter) -> bool:
        """Whether a value is expected in this reporting quarter."""
        if self.introduced is not None and quarter < self.introduced:
            return False
        if self.retired is not None and quarter > self.retired:
            return False
        if self.frequency is Frequency.ANNUAL:
            return quarter.number == (self.reporting_quarter or 4)
        return True

    def comparable_period(self, quarter: Quarter) -> Quarter:
        """The last comparable period for direction of travel.

        Year-to-date figures only compare with the same point last year; annual measures
        report once a year; the others compare with the previous quarter.
        """
        if self.aggregation is Aggregation.CUMULATIVE or self.frequency is Frequency.ANNUAL:
            return quarter.same_period_last_year()
        return quarter.previous()
