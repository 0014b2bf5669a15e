"""Year-end forecasts for cumulative (year-to-date) measures, and the status a forecast would get.

Two forecasts: the run rate (the year so far, continued at its average per period) and last
year's profile (this year's total so far, scaled by the share of last year's total reached by
the same point). Decimal, as the statuses they are judged into are exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from scorecard.core.measures import Polarity
from scorecard.core.rag import Status, judge
from scorecard.core.schemes import RagScheme
from scorecard.core.targets import Target
from scorecard.core.values import Quantity


class ForecastMethod(StrEnum):
    RUN_RATE = "run_rate"
    LAST_YEAR_PROFILE = "last_year_profile"


class ForecastError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Forecast:
    method: ForecastMethod
    year_end: Decimal
    elapsed: int  # periods of the year with a value so far
    periods: int  # periods in the year: 12 monthly, 4 quarterly


def _check(year_to_date: Sequence[Decimal], periods: int) -> None:
    if not 0 < len(year_to_date) <= periods:
        raise ForecastError(f"a year to date needs 1 to {periods} cumulative values, not {len(year_to_date)}")


def run_rate(year_to_date: Sequence[Decimal], periods: int) -> Forecast:
    """The latest cumulative value continued at its average per period to the year's end."""
    _check(year_to_date, periods)
    elapsed = len(year_to_date)
    return Forecast(ForecastMethod.RUN_RATE, year_to_date[-1] * periods / elapsed, elapsed, periods)


def last_year_profile(year_to_date: Sequence[Decimal], last_year: Sequence[Decimal]) -> Forecast | None:
    """This year so far divided by the share of last year's total that last year had reached by the same
    period; None when last year had reached nothing by then (no share to scale by)."""
    periods = len(last_year)
    _check(year_to_date, periods)
    elapsed = len(year_to_date)
    reached, total = last_year[elapsed - 1], last_year[-1]
    if not reached or not total:
        return None
    return Forecast(ForecastMethod.LAST_YEAR_PROFILE, year_to_date[-1] * total / reached, elapsed, periods)


def forecast_status(
    forecast: Forecast, latest: Quantity, polarity: Polarity, year_end_target: Target, scheme: RagScheme
) -> Status:
    """The status the forecast outturn would get against the year-end target, printed in the unit and
    precision of the latest actual."""
    outturn = replace(latest, amount=forecast.year_end, numerator=None, denominator=None)
    return judge(polarity, year_end_target, outturn, scheme)
