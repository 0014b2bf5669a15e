"""Direction of travel: improved, deteriorated or unchanged, read through the polarity."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from scorecard.core.measures import Polarity
from scorecard.core.values import Missing, Quantity, Range, unit_mismatch

_ZERO = Decimal(0)


class Trend(StrEnum):
    IMPROVED = "improved"
    DETERIORATED = "deteriorated"
    UNCHANGED = "unchanged"

    @property
    def arrow(self) -> str:
        return {"improved": "▲", "deteriorated": "▼", "unchanged": "–"}[self.value]

    @property
    def label(self) -> str:
        return self.value.capitalize()


class TrendAgainst(StrEnum):
    PREVIOUS = "previous"  # the previous reporting period
    LAST_YEAR = "last_year"  # the same period last year

    @property
    def phrase(self) -> str:
        return "the previous period" if self is TrendAgainst.PREVIOUS else "the same period last year"


def distance_outside(value: Decimal, target_range: Range) -> Decimal:
    """How far a value lies outside a range; zero inside it (ends included)."""
    if value < target_range.low.amount:
        return target_range.low.amount - value
    if value > target_range.high.amount:
        return value - target_range.high.amount
    return Decimal(0)


def direction_of_travel(
    polarity: Polarity,
    current: Decimal,
    previous: Decimal,
    *,
    no_change_band: Decimal = _ZERO,
    target_range: Range | None = None,
) -> Trend | None:
    """Compare a value with the last comparable one; None when no direction is good.

    `no_change_band` is a relative threshold: a change smaller than that share of the
    previous value counts as unchanged (DEFRA-style, e.g. 0.03). For an In range measure the
    compared quantity is the distance outside the range.
    """
    if polarity is Polarity.HIGHER:
        change, base = current - previous, previous
    elif polarity is Polarity.LOWER:
        change, base = previous - current, previous
    elif polarity is Polarity.RANGE and target_range is not None:
        base = distance_outside(previous, target_range)
        change = base - distance_outside(current, target_range)
    else:
        return None
    if not change or (no_change_band and abs(change) < no_change_band * abs(base)):
        return Trend.UNCHANGED
    return Trend.IMPROVED if change > 0 else Trend.DETERIORATED


def trends_against(
    polarity: Polarity,
    actual: Quantity | Missing,
    previous: Quantity | Missing | None,
    last_year: Quantity | Missing | None,
    *,
    target_range: Range | None = None,
    no_change_band: Decimal = _ZERO,
) -> dict[TrendAgainst, Trend | None]:
    """The trend against the previous period and against the same period last year, where
    both values are numbers in the same unit: what trend-based RAG bands and the trend column
    read. Like the band, it refuses a unit slip (60% after 0.65 is no improvement)."""

    def against(earlier: Quantity | Missing | None) -> Trend | None:
        if not isinstance(actual, Quantity) or not isinstance(earlier, Quantity):
            return None
        if unit_mismatch(actual, earlier):
            return None
        return direction_of_travel(
            polarity, actual.amount, earlier.amount, no_change_band=no_change_band, target_range=target_range
        )

    return {TrendAgainst.PREVIOUS: against(previous), TrendAgainst.LAST_YEAR: against(last_year)}
