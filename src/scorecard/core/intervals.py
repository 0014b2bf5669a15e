"""Confidence intervals as OHID's public-health statistics (Fingertips, PHEindicatormethods) compute them:
Wilson for proportions, Byar's for counts, exact or Byar's for crude rates, Dobson for standardised rates.

Confidence is a fraction: 0.95 or 0.998 in Fingertips. Plain floats: the published values are doubles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

# PHEindicatormethods uses exact limits below this many events, and suppresses a DSR below it.
SMALL_COUNT = 10


class IntervalError(ValueError):
    """An input the method cannot take; `field` names it: numerator, denominator or confidence."""

    def __init__(self, message: str, field: str = "numerator") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Interval:
    value: float
    lower: float
    upper: float


def z_score(confidence: float) -> float:
    """The two-sided normal quantile: 1.959964 for 0.95, 3.090232 for 0.998."""
    if not 0 < confidence < 1:
        raise IntervalError(f"confidence must be between 0 and 1 (such as 0.95), not {confidence}", "confidence")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(numerator: float, denominator: float, confidence: float = 0.95, multiplier: float = 1) -> Interval:
    """Wilson score interval for the proportion numerator/denominator, times `multiplier` (100 for a %)."""
    if numerator < 0:
        raise IntervalError(f"the numerator must not be negative ({numerator})")
    if denominator <= 0:
        raise IntervalError(f"the denominator must be positive ({denominator})", "denominator")
    if numerator > denominator:
        raise IntervalError(f"the numerator {numerator} is more than the denominator {denominator}")
    z = z_score(confidence)
    proportion = numerator / denominator
    root = z * math.sqrt(z * z + 4 * numerator * (1 - proportion))
    lower = (2 * numerator + z * z - root) / (2 * (denominator + z * z))
    upper = (2 * numerator + z * z + root) / (2 * (denominator + z * z))
    # At 0 or all, rounding can leave a bound a hair past the estimate or outside 0..1.
    lower, upper = max(0.0, min(lower, proportion)), min(1.0, max(upper, proportion))
    return Interval(proportion * multiplier, lower * multiplier, upper * multiplier)


def byars_lower(count: float, z: float) -> float:
    """Byar's lower limit for a Poisson count; never below zero (the formula goes negative for a
    count of about 1 at 99.8%, where PHEindicatormethods gives no value)."""
    if count == 0:
        return 0.0
    base = 1 - 1 / (9 * count) - z / (3 * math.sqrt(count))
    return count * base**3 if base > 0 else 0.0


def byars_upper(count: float, z: float) -> float:
    following = count + 1
    return following * (1 - 1 / (9 * following) + z / (3 * math.sqrt(following))) ** 3


def byars(count: float, confidence: float = 0.95) -> Interval:
    """Byar's approximation to the exact Poisson interval for an observed count."""
    _check_count(count)
    z = z_score(confidence)
    return Interval(count, byars_lower(count, z), byars_upper(count, z))


def _check_count(count: float) -> None:
    if count < 0:
        raise IntervalError(f"a count must not be negative ({count})")


def _lower_gamma(shape: float, x: float) -> float:
    """The regularised lower incomplete gamma P(shape, x), by its power series (shape is small here)."""
    if x <= 0:
        return 0.0
    term = total = 1 / shape
    step = 0
    while term > total * 1e-17:
        step += 1
        term *= x / (shape + step)
        total += term
    return total * math.exp(shape * math.log(x) - x - math.lgamma(shape))


def _gamma_quantile(shape: float, probability: float) -> float:
    """x with P(shape, x) = probability, by bisection to the last bit: half the chi-squared quantile
    on 2·shape degrees of freedom, which is what the exact Poisson limits are."""
    low, high = 0.0, shape + 10.0
    while _lower_gamma(shape, high) < probability:
        low, high = high, high * 2
    while True:
        middle = (low + high) / 2
        if middle in (low, high):
            return middle
        if _lower_gamma(shape, middle) < probability:
            low = middle
        else:
            high = middle


def exact_poisson(count: float, confidence: float = 0.95) -> Interval:
    """The exact (chi-squared) interval for a Poisson count."""
    _check_count(count)
    tail = (1 - confidence) / 2
    z_score(confidence)  # the same check of the confidence as everywhere else
    lower = _gamma_quantile(count, tail) if count > 0 else 0.0
    return Interval(count, lower, _gamma_quantile(count + 1, 1 - tail))


def crude_rate(count: float, population: float, confidence: float = 0.95, multiplier: float = 100_000) -> Interval:
    """count/population × multiplier; exact limits below 10 events, Byar's from 10 (PHEindicatormethods).
    A count above the population is allowed: events can recur."""
    if population <= 0:
        raise IntervalError(f"the denominator must be positive ({population})", "denominator")
    counted = exact_poisson(count, confidence) if count < SMALL_COUNT else byars(count, confidence)
    scale = multiplier / population
    return Interval(count * scale, counted.lower * scale, counted.upper * scale)


def directly_standardised_rate(
    counts: Sequence[float],
    populations: Sequence[float],
    standard_populations: Sequence[float],
    confidence: float = 0.95,
    multiplier: float = 100_000,
    *,
    squared_counts: Sequence[float] | None = None,
) -> Interval | None:
    """Dobson's interval for a directly standardised rate, one entry per age band; None (suppressed)
    when fewer than 10 events in all.

    The rate is Σ wᵢ·xᵢ/nᵢ / Σ wᵢ with standard population weights wᵢ (such as the European Standard
    Population 2013); Byar's limits for the total count are scaled by √(var/total count), where
    var = Σ wᵢ²·qᵢ/nᵢ² / (Σ wᵢ)². For independent events qᵢ = xᵢ. When a person can have several
    events, give `squared_counts`: each band's Σ f²·(people with f events), which widens the interval
    as PHEindicatormethods does for non-independent events (xᵢ is then Σ f·people)."""
    squares = counts if squared_counts is None else squared_counts
    if not len(counts) == len(populations) == len(standard_populations) == len(squares) > 0:
        raise IntervalError("counts, populations and standard populations need one entry per age band")
    for count in counts:
        _check_count(count)
    if any(population <= 0 for population in populations):
        raise IntervalError("every age band's population must be positive", "denominator")
    if any(weight < 0 for weight in standard_populations) or sum(standard_populations) <= 0:
        raise IntervalError("standard populations must not be negative, nor all zero", "standard_population")
    z = z_score(confidence)
    total = math.fsum(counts)
    if total < SMALL_COUNT:
        return None
    bands = list(zip(counts, populations, standard_populations, squares, strict=True))
    weight = math.fsum(standard_populations)
    rate = math.fsum(w * x / n for x, n, w, _ in bands) / weight
    variance = math.fsum(w * w * q / (n * n) for _, n, w, q in bands) / (weight * weight)
    scale = math.sqrt(variance / total)
    return Interval(
        rate * multiplier,
        (rate + scale * (byars_lower(total, z) - total)) * multiplier,
        (rate + scale * (byars_upper(total, z) - total)) * multiplier,
    )
