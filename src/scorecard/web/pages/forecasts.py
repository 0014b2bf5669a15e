"""The year-end forecast a cumulative (year-to-date) measure's page shows beside its current
status: the outturn from the year so far at its run rate and from last year's profile, and the
status that outturn would get against the year-end target. The core computes; this finds the
figures and says plainly why a method gives nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from scorecard.core.forecasts import Forecast, forecast_status, last_year_profile, run_rate
from scorecard.core.measures import Aggregation, Frequency, Polarity
from scorecard.core.periods import Quarter
from scorecard.core.targets import TargetKind, parse_target
from scorecard.core.values import Quantity, Unit, format_quantity, parse_value
from scorecard.web.pages.tags import Tag

if TYPE_CHECKING:
    from scorecard.web.pages.measures import PeriodLine
    from scorecard.web.pages.reading import Judging
    from scorecard.web.plans.models import Measure

QUARTERS = 4
# A share of something collected in instalments (Council Tax) does not grow evenly through the
# year, so its run rate misleads (57% at half year is not 114% at the end); counts and money do.
RUN_RATE_UNITS = frozenset({Unit.NUMBER, Unit.POUNDS})


@dataclass(frozen=True, slots=True)
class Outturn:
    method: str  # as the page names it
    printed: str


@dataclass(frozen=True, slots=True)
class YearEnd:
    year: str  # "2018/19"
    to_date: str  # "76 at Q2 2018/19"
    outturns: tuple[Outturn, ...]
    gaps: tuple[str, ...]  # why a method, or the status, gives nothing
    target: str  # the year-end (fourth quarter's) target as printed, or ""
    status: Tag | None  # the status the forecast outturn would get against that target

    @property
    def summary(self) -> str:
        if not self.outturns:
            return f"No year-end forecast for {self.year}: {'; '.join(self.gaps)}."
        forecasts = " and ".join(f"{o.printed} {o.method}" for o in self.outturns)
        judged = f", {self.status.label} against the year-end target of {self.target}" if self.status else ""
        return f"{self.year} so far: {self.to_date}. Forecast year-end outturn: {forecasts}{judged}."


def _quantity(text: str) -> Quantity | None:
    try:
        value = parse_value(text)
    except ValueError:
        return None
    return value if isinstance(value, Quantity) else None


def _printed(forecast: Forecast, latest: Quantity) -> str:
    return format_quantity(replace(latest, amount=forecast.year_end, numerator=None, denominator=None, count=None))


def year_end(measure: Measure, lines: Sequence[PeriodLine], start_month: int, judged: Judging) -> YearEnd | None:
    """The forecast for the year of the latest figure held; None for a measure that is not a
    quarterly year-to-date one, or holds no figure."""
    if measure.aggregation != Aggregation.CUMULATIVE.value or measure.frequency != Frequency.QUARTERLY.value:
        return None
    figures: dict[Quarter, Quantity] = {}
    targets: dict[Quarter, str] = {}
    for line in lines:
        quarter = line.period.as_core(start_month)
        if not isinstance(quarter, Quarter):
            continue
        held = _quantity(line.held.actual) if line.held else None
        if held is not None:
            figures[quarter] = held
        if line.target and line.target.printed:
            targets[quarter] = line.target.printed
    if not figures:
        return None
    latest_quarter = max(figures)
    latest, year = figures[latest_quarter], latest_quarter.year
    path = [figures.get(year.quarter(number)) for number in range(1, latest_quarter.number + 1)]
    last_year = [figures.get(year.previous().quarter(number)) for number in range(1, QUARTERS + 1)]
    outturns: list[tuple[Outturn, Forecast]] = []
    gaps: list[str] = []
    if None in path:
        gaps.append(f"the year to date lacks a figure for quarter {path.index(None) + 1}")
    else:
        so_far = [figure.amount for figure in path if figure is not None]
        if latest.unit in RUN_RATE_UNITS:
            forecast = run_rate(so_far, QUARTERS)
            outturns.append((Outturn("at the run rate so far", _printed(forecast, latest)), forecast))
        else:
            gaps.append("a percentage is not projected at its run rate")
        if None in last_year:
            gaps.append(f"last year's four quarters ({year.previous().label()}) are not all held")
        else:
            profile = last_year_profile(so_far, [figure.amount for figure in last_year if figure is not None])
            if profile is None:
                gaps.append("last year had reached nothing by this quarter, so its profile cannot scale")
            else:
                outturns.append((Outturn("on last year's profile", _printed(profile, latest)), profile))
    target_text = targets.get(year.quarter(QUARTERS), "")
    status = None
    if outturns and not target_text:
        gaps.append(f"no year-end target (quarter 4 of {year.label()}) is held, so the forecast is not judged")
    elif outturns:
        target = parse_target(target_text)
        if target.kind in {TargetKind.NUMBER, TargetKind.RANGE}:
            scheme_name = measure.scheme.name if measure.scheme else judged.default
            judgement = forecast_status(
                outturns[-1][1], latest, Polarity(measure.polarity), target, judged.core_scheme(scheme_name)
            )
            band = judgement.band
            status = Tag(band.code, band.label, judged.style.get(scheme_name, {}).get(band.code)) if band else None
        if status is None:
            gaps.append(f"the year-end target {target_text} gives no band")
    return YearEnd(
        year.label(),
        f"{format_quantity(latest)} at {latest_quarter.label()}",
        tuple(outturn for outturn, _ in outturns),
        tuple(gaps),
        target_text,
        status,
    )
