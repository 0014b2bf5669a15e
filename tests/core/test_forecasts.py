from decimal import Decimal

import pytest

from scorecard.core.forecasts import ForecastError, ForecastMethod, forecast_status, last_year_profile, run_rate
from scorecard.core.measures import Polarity
from scorecard.core.rag import ValueState
from scorecard.core.schemes import FIVE_BAND
from scorecard.core.targets import parse_target
from scorecard.core.values import parse_value

D = Decimal


def test_the_run_rate_continues_the_average_per_period():
    forecast = run_rate([D(100), D(210), D(300)], periods=4)
    assert (forecast.method, forecast.year_end, forecast.elapsed) == (ForecastMethod.RUN_RATE, D(400), 3)


def test_last_year_profile_scales_by_the_share_reached_by_now():
    """Last year had 30% of its 1,000 by the end of Q2 (a slow start); this year has 360 by then."""
    forecast = last_year_profile([D(150), D(360)], [D(120), D(300), D(650), D(1000)])
    assert forecast.year_end == D(1200)
    assert forecast.method is ForecastMethod.LAST_YEAR_PROFILE


def test_no_profile_forecast_without_a_share_to_scale_by():
    assert last_year_profile([D(5)], [D(0), D(10), D(20), D(30)]) is None


@pytest.mark.parametrize("path", [[], [D(1)] * 5])
def test_a_year_to_date_must_fit_the_year(path):
    with pytest.raises(ForecastError):
        run_rate(path, periods=4)


def test_the_forecast_status_judges_the_outturn_against_the_year_end_target():
    latest = parse_value("1,650")
    forecast = run_rate([D(560), D(1100), D(1650)], periods=4)  # 2,200 at the year's end
    judged = forecast_status(forecast, latest, Polarity.HIGHER, parse_target("2,000"), FIVE_BAND)
    assert judged.state is ValueState.JUDGED
    assert judged.deviation == D("0.1")
    assert judged.reason == "High Green: 10.0% above the target of 2,000"
    missed = forecast_status(forecast, latest, Polarity.LOWER, parse_target("2,000"), FIVE_BAND)
    assert missed.deviation == D("-0.1")
