"""Assessing a stored measure in a reporting quarter: the judge pipeline fed from the plan's
records, with the comparable periods found by the measure's definition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from scorecard.core.periods import Quarter
from scorecard.core.plan import MeasureEntry, PeriodEntry
from scorecard.core.rag import Actual, Status, judge
from scorecard.core.schemes import Band, RagScheme
from scorecard.core.targets import NO_TARGET, Target, parse_target
from scorecard.core.trend import Trend, TrendAgainst, trends_against
from scorecard.core.values import Missing, MissingKind, Quantity, Range, ValueParseError, parse_value


@dataclass(frozen=True, slots=True)
class Assessment:
    """A measure's value in one quarter, judged, with the officer's override beside it."""

    period: Quarter
    entry: PeriodEntry | None
    target: Target
    actual: Actual
    status: Status  # what the scheme gives
    trend: Trend | None  # against the last comparable period
    compared_with: Quarter
    override: Band | None = None

    @property
    def shown(self) -> Band | None:
        """The band to publish: the officer's override where there is one."""
        return self.override or self.status.band

    @property
    def differs(self) -> bool:
        return self.override is not None and self.override.code != self.status.code


def read_actual(text: str) -> Actual:
    value = parse_value(text)
    if isinstance(value, Range):
        raise ValueParseError(f"{text!r} is a range; an actual is a single value")
    return value


def _stored_actual(entry: PeriodEntry | None) -> Actual:
    if entry is None:
        return Missing(MissingKind.BLANK)
    actual = read_actual(entry.actual)
    if isinstance(actual, Missing) and entry.marker.lower().startswith("note"):
        # the footnote explains the gap; a dash means it will not come, a blank that it is late
        kind = MissingKind.NOTE if actual.kind is MissingKind.DASH else actual.kind
        return Missing(kind, entry.marker) if kind is MissingKind.NOTE else actual
    return actual


def _amount(measure: MeasureEntry, period: Quarter) -> Quantity | None:
    entry = measure.entry(period)
    if entry is None:
        return None
    try:
        actual = read_actual(entry.actual)
    except ValueParseError:
        return None
    return actual if isinstance(actual, Quantity) else None


class UnknownSchemeError(LookupError):
    """A measure names a scheme, or an override a band, that does not exist: never guessed."""


def scheme_for(measure: MeasureEntry, default: RagScheme, schemes: Mapping[str, RagScheme]) -> RagScheme:
    if not measure.scheme:
        return default
    try:
        return schemes[measure.scheme]
    except KeyError:
        raise UnknownSchemeError(
            f"measure {measure.code} is judged by the {measure.scheme!r} scheme, which does not exist; "
            f"there are {', '.join(sorted(schemes))}"
        ) from None


def _override(measure: MeasureEntry, entry: PeriodEntry, scheme: RagScheme) -> Band:
    band = next((band for band in scheme.bands if band.code == entry.override), None)
    if band is None:
        raise UnknownSchemeError(
            f"measure {measure.code}, {entry.period.label()}: the override {entry.override!r} is not a band of the "
            f"{scheme.name} scheme ({', '.join(band.code for band in scheme.bands)})"
        )
    return band


def assess(
    measure: MeasureEntry,
    period: Quarter,
    scheme: RagScheme,
    *,
    no_change_band: Decimal = Decimal(0),
) -> Assessment:
    definition = measure.definition
    entry = measure.entry(period)
    target = parse_target(entry.target) if entry else NO_TARGET
    actual = _stored_actual(entry)
    trends = trends_against(
        definition.polarity,
        actual,
        _amount(measure, period.previous()),
        _amount(measure, period.same_period_last_year()),
        target_range=target.range,
        no_change_band=no_change_band,
    )
    last_year = measure.entry(period.same_period_last_year())
    due = definition.is_due(period)
    status = judge(
        definition.polarity,
        target,
        actual,
        scheme,
        last_year=_stored_actual(last_year) if last_year else None,
        trends=trends,
        due=due or (entry is not None and entry.actual.strip() not in {"", "-"}),
    )
    compared_with = definition.comparable_period(period)
    comparable = TrendAgainst.PREVIOUS if compared_with == period.previous() else TrendAgainst.LAST_YEAR
    override = _override(measure, entry, scheme) if entry and entry.override else None
    return Assessment(period, entry, target, actual, status, trends[comparable], compared_with, override)
