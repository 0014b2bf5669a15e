"""Judging an actual against its target: state first, then deviation, band and reason.

Everything here is pure: plain values in, a Status out. The database, the web app, the
report and `scorecard evaluate` all call `judge`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from enum import StrEnum

from scorecard.core.measures import Polarity
from scorecard.core.schemes import Band, DeviationMode, RagScheme
from scorecard.core.targets import Target, TargetKind
from scorecard.core.trend import Trend, TrendAgainst, distance_outside
from scorecard.core.values import Missing, MissingKind, Quantity, Range, Unit, format_amount, unit_mismatch

# Values are limited to 18 significant digits (values.py), so 50 digits keep every
# boundary comparison exact: a quotient can't round onto a band's edge.
_EXACT = Context(prec=50)
_INFINITY = Decimal("Infinity")
_ROUND_HALF_UP = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP)
_TENTH = Decimal("0.1")


class ValueState(StrEnum):
    """Why a value has, or has not, been given a band. Missing data is never a colour."""

    JUDGED = "judged"
    NOT_DUE = "not due"
    AWAITING = "awaiting"
    NOT_AVAILABLE = "not available"
    BASELINE = "baseline"
    NO_TARGET = "no target"
    NO_JUDGEMENT = "no judgement"

    @property
    def label(self) -> str:
        return {
            "judged": "Judged",
            "not due": "Not due this quarter",
            "awaiting": "Awaiting data (in arrears)",
            "not available": "Not available",
            "baseline": "Baseline being established",
            "no target": "No target",
            "no judgement": "No judgement",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Status:
    state: ValueState
    reason: str
    band: Band | None = None
    deviation: Decimal | None = None  # signed, positive = better; None when it has no size
    scheme: str = ""
    scheme_version: int = 0

    @property
    def code(self) -> str:
        return self.band.code if self.band else ""


Actual = Quantity | Missing
NO_TRENDS: Mapping[TrendAgainst, Trend | None] = {}


def _relative(difference: Decimal, magnitude: Decimal) -> Decimal:
    if magnitude == 0:
        return Decimal(0) if difference == 0 else _INFINITY.copy_sign(difference)
    return _EXACT.divide(difference, magnitude)


def _toward_good(polarity: Polarity, actual: Decimal, target: Decimal) -> Decimal:
    """actual - target, with the sign flipped when lower is better."""
    difference = _EXACT.subtract(actual, target)
    return -difference if polarity is Polarity.LOWER else difference


def deviation(polarity: Polarity, target: Decimal | Range, actual: Decimal, mode: DeviationMode) -> Decimal:
    """Signed so that positive is better than target.

    Relative to the target's magnitude by default; zero inside a range and the distance
    from the nearest bound outside it; a zero target is met only when equalled (±infinity
    otherwise, as no percentage of zero exists).
    """
    if isinstance(target, Range):
        outside = distance_outside(actual, target)
        if outside == 0:
            return Decimal(0)
        bound = target.low.amount if actual < target.low.amount else target.high.amount
        favoured = (polarity is Polarity.LOWER and actual < bound) or (polarity is Polarity.HIGHER and actual > bound)
        signed = outside if favoured else -outside
        return signed if mode is DeviationMode.ABSOLUTE else _relative(signed, abs(bound))
    toward_good = _toward_good(polarity, actual, target)
    return toward_good if mode is DeviationMode.ABSOLUTE else _relative(toward_good, abs(target))


def _percent(fraction: Decimal) -> str:
    # copy_abs and scaleb round nothing; the rounding context has room for any size
    # (0.00000001 against 100000000000000000 is a 27-digit percentage)
    return f"{_ROUND_HALF_UP.quantize(_EXACT.scaleb(fraction.copy_abs(), 2), _TENTH)}%"


def _units(amount: Decimal, unit: Unit) -> str:
    size = abs(amount)
    if unit is Unit.PERCENT:
        return f"{format_amount(size, max(0, -size.normalize().as_tuple().exponent))} percentage points"  # type: ignore[operator]
    if unit is Unit.MINUTES_SECONDS:
        return f"{size} seconds"
    text = format_amount(size, max(0, -size.normalize().as_tuple().exponent), grouped=True)  # type: ignore[operator]
    return f"£{text}" if unit is Unit.POUNDS else text


def _size(dev: Decimal, raw_gap: Decimal, unit: Unit, mode: DeviationMode) -> str:
    return _percent(dev) if mode is DeviationMode.RELATIVE else _units(raw_gap, unit)


def _explain(
    band: Band,
    polarity: Polarity,
    target: Target,
    comparator: Decimal | Range,
    actual: Quantity,
    dev: Decimal,
    mode: DeviationMode,
    last_year: Quantity | None,
) -> str:
    head = f"{band.label}:"
    if isinstance(comparator, Range):
        if dev == 0:
            return f"{head} within the target range of {target}"
        above = actual.amount > comparator.high.amount
        bound = comparator.high.amount if above else comparator.low.amount
        side = "above the top" if above else "below the bottom"
        if dev.is_infinite():  # a range ending at zero: no percentage of zero exists
            return f"{head} {side} of the target range {target}"
        return f"{head} {_size(dev, actual.amount - bound, actual.unit, mode)} {side} of the target range {target}"
    if last_year is not None:
        plain = replace(last_year, numerator=None, denominator=None, count=None)
        against, suffix, lower = f"last year's {plain}", f" (target: {target.printed.lower()})", ""
    else:
        against, suffix = f"the target of {target}", ""
        lower = " (lower is better)" if polarity is Polarity.LOWER else ""
    if actual.amount == comparator:
        return f"{head} on {against}{suffix}" if last_year is None else f"{head} the same as {against}{suffix}"
    direction = "above" if actual.amount > comparator else "below"
    if dev.is_infinite():
        return f"{head} {direction} {against}{suffix}{lower}"
    return f"{head} {_size(dev, actual.amount - comparator, actual.unit, mode)} {direction} {against}{suffix}{lower}"


def _missing(actual: Missing) -> Status:
    if actual.kind is MissingKind.BASELINE:
        return Status(ValueState.BASELINE, "Baseline being established")
    if actual.kind is MissingKind.NOTE:
        return Status(ValueState.NOT_AVAILABLE, f"Not available: see {actual.note}")
    if actual.kind is MissingKind.DASH:
        return Status(ValueState.NOT_AVAILABLE, "Not available")
    return Status(ValueState.AWAITING, "Awaiting data")


def reference(target: Target, last_year: Actual | None) -> Quantity | None:
    """The value an actual is measured against: the target's (low end), or last year's."""
    if target.kind in (TargetKind.YEAR_ON_YEAR_REDUCTION, TargetKind.YEAR_ON_YEAR_INCREASE):
        return last_year if isinstance(last_year, Quantity) else None
    if target.range is not None:
        return target.range.low
    return target.value if isinstance(target.value, Quantity) else None


def comparison_problem(target: Target, actual: Actual, last_year: Actual | None) -> str | None:
    """Why the actual cannot be judged against its target because of its unit, or None."""
    against = reference(target, last_year)
    if against is None or not isinstance(actual, Quantity):
        return None
    return unit_mismatch(against, actual, target.printed if target.value is not None else "")


def judge(
    polarity: Polarity,
    target: Target,
    actual: Actual,
    scheme: RagScheme,
    *,
    last_year: Actual | None = None,
    trends: Mapping[TrendAgainst, Trend | None] = NO_TRENDS,
    due: bool = True,
) -> Status:
    """The whole pipeline for one value: state, deviation, band, reason."""
    if not due:
        return Status(ValueState.NOT_DUE, "Not due this quarter")
    if isinstance(actual, Missing):
        return _missing(actual)
    if polarity is Polarity.NONE:
        return Status(ValueState.NO_JUDGEMENT, "No judgement: a contextual measure has no good direction")
    if problem := comparison_problem(target, actual, last_year):
        return Status(ValueState.NO_JUDGEMENT, f"No judgement: {problem}")
    comparator: Decimal | Range
    effective = polarity
    comparing_year: Quantity | None = None
    if target.kind is TargetKind.NONE:
        return Status(ValueState.NO_TARGET, "No target set")
    if target.kind is TargetKind.BASELINE:
        return Status(ValueState.BASELINE, "Baseline being established: no target yet")
    if target.kind in (TargetKind.YEAR_ON_YEAR_REDUCTION, TargetKind.YEAR_ON_YEAR_INCREASE):
        if not isinstance(last_year, Quantity):
            return Status(ValueState.NO_JUDGEMENT, "No judgement: a year-on-year target needs last year's value")
        comparator, comparing_year = last_year.amount, last_year
        effective = Polarity.LOWER if target.kind is TargetKind.YEAR_ON_YEAR_REDUCTION else Polarity.HIGHER
    elif isinstance(target.value, Range):
        comparator = target.value
    elif isinstance(target.value, Quantity):
        if polarity is Polarity.RANGE:
            return Status(
                ValueState.NO_JUDGEMENT, "No judgement: an In range measure needs a range target such as 0.9-1.1"
            )
        comparator = target.value.amount
    else:  # a NUMBER or RANGE target always carries its value
        return Status(ValueState.NO_TARGET, "No target set")
    dev = deviation(effective, comparator, actual.amount, scheme.deviation)
    band = scheme.band_for(dev, trends)
    if band is None:
        return Status(ValueState.NO_JUDGEMENT, f"No judgement: no band of the {scheme.name} scheme applies")
    reason = _explain(band, effective, target, comparator, actual, dev, scheme.deviation, comparing_year)
    if band.trend is not None:
        reason += f"; {trends.get(band.trend_against)} against {band.trend_against.phrase}"
    return Status(
        ValueState.JUDGED,
        reason,
        band,
        None if dev.is_infinite() else dev,
        scheme.name,
        scheme.version,
    )
