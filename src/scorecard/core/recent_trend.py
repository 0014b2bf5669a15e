"""Fingertips' recent trend: is the last five years' change significant, and which way?

Annual, non-overlapping points, oldest first; the 5 most recent are used. Proportions use the
chi-squared test for trend on counts and denominators; other values a regression weighted by
their 95% confidence intervals. A trend counts at χ² above the 99.8% point of χ² on one degree of
freedom, and only when leaving out any one point keeps the slope's sign.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.intervals import z_score
from scorecard.core.measures import Polarity

POINTS = 5
THRESHOLD = 9.54953570608324  # χ²(1) at 99.8%


class TrendMarker(StrEnum):
    INCREASING = "increasing"
    DECREASING = "decreasing"
    INCREASING_BETTER = "increasing_and_getting_better"
    INCREASING_WORSE = "increasing_and_getting_worse"
    DECREASING_BETTER = "decreasing_and_getting_better"
    DECREASING_WORSE = "decreasing_and_getting_worse"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    CANNOT_BE_CALCULATED = "cannot_be_calculated"


@dataclass(frozen=True, slots=True)
class RecentTrend:
    marker: TrendMarker
    chi_square: float | None = None
    slope: float | None = None  # per year: of the logit for proportions, of the value otherwise


def _slope(ys: Sequence[float], weights: Sequence[float]) -> tuple[float, float]:
    """Weighted least-squares slope of ys on 1..n, and its variance 1/Σw(t - t̄)²."""
    times = range(1, len(ys) + 1)
    total = math.fsum(weights)
    mean_time = math.fsum(w * t for w, t in zip(weights, times, strict=False)) / total
    mean_y = math.fsum(w * y for w, y in zip(weights, ys, strict=True)) / total
    spread = math.fsum(w * (t - mean_time) ** 2 for w, t in zip(weights, times, strict=False))
    slope = math.fsum(w * (t - mean_time) * (y - mean_y) for w, t, y in zip(weights, times, ys, strict=False)) / spread
    return slope, 1 / spread


def _signs_hold(ys: Sequence[float], weights: Sequence[float], slope: float) -> bool:
    """Whether every refit without one point keeps the slope's sign."""
    for left_out in range(len(ys)):
        kept = [index for index in range(len(ys)) if index != left_out]
        refit, _ = _slope([ys[index] for index in kept], [weights[index] for index in kept])
        if (refit > 0) != (slope > 0) or refit == 0:
            return False
    return True


def _marker(chi_square: float, slope: float, holds: Callable[[], bool], polarity: Polarity) -> RecentTrend:
    if chi_square <= THRESHOLD or slope == 0 or not holds():
        return RecentTrend(TrendMarker.NO_SIGNIFICANT_CHANGE, chi_square, slope)
    rising = slope > 0
    if polarity is Polarity.HIGHER:
        marker = TrendMarker.INCREASING_BETTER if rising else TrendMarker.DECREASING_WORSE
    elif polarity is Polarity.LOWER:
        marker = TrendMarker.INCREASING_WORSE if rising else TrendMarker.DECREASING_BETTER
    else:
        marker = TrendMarker.INCREASING if rising else TrendMarker.DECREASING
    return RecentTrend(marker, chi_square, slope)


def proportion_trend(counts: Sequence[float], denominators: Sequence[float], polarity: Polarity) -> RecentTrend:
    """The chi-squared test for trend in r/n; the direction from the slope of the logit log(r/(n - r))."""
    if len(counts) != len(denominators) or len(counts) < POINTS:
        return RecentTrend(TrendMarker.CANNOT_BE_CALCULATED)
    r, n = list(counts[-POINTS:]), list(denominators[-POINTS:])
    if any(not 0 < count < total for count, total in zip(r, n, strict=True)):
        return RecentTrend(TrendMarker.CANNOT_BE_CALCULATED)  # the logit needs 0 < r < n
    times = range(1, POINTS + 1)
    big_n, big_r = math.fsum(n), math.fsum(r)
    sum_rt = math.fsum(count * t for count, t in zip(r, times, strict=True))
    sum_nt = math.fsum(total * t for total, t in zip(n, times, strict=True))
    sum_nt2 = math.fsum(total * t * t for total, t in zip(n, times, strict=True))
    chi_square = (
        big_n * (big_n * sum_rt - big_r * sum_nt) ** 2 / (big_r * (big_n - big_r) * (big_n * sum_nt2 - sum_nt**2))
    )
    logits = [math.log(count / (total - count)) for count, total in zip(r, n, strict=True)]
    equal = [1.0] * POINTS
    slope, _ = _slope(logits, equal)
    return _marker(chi_square, slope, lambda: _signs_hold(logits, equal, slope), polarity)


def interval_trend(
    values: Sequence[float],
    lowers: Sequence[float],
    uppers: Sequence[float],
    polarity: Polarity,
    *,
    z: float = z_score(0.95),
) -> RecentTrend:
    """Regression weighted by 1/σ², σ = (upper - lower)/(2z) from the 95% intervals; χ² = slope²/Var(slope).

    z is 1.959964 as in PHEindicatormethods; fingertips-open rounds it to 1.96 (χ² 0.004% higher)."""
    if not len(values) == len(lowers) == len(uppers) >= POINTS:
        return RecentTrend(TrendMarker.CANNOT_BE_CALCULATED)
    ys = list(values[-POINTS:])
    sigmas = [(upper - lower) / (2 * z) for lower, upper in zip(lowers[-POINTS:], uppers[-POINTS:], strict=True)]
    if any(sigma <= 0 for sigma in sigmas):
        return RecentTrend(TrendMarker.CANNOT_BE_CALCULATED)
    weights = [1 / (sigma * sigma) for sigma in sigmas]
    slope, variance = _slope(ys, weights)
    return _marker(slope * slope / variance, slope, lambda: _signs_hold(ys, weights, slope), polarity)
