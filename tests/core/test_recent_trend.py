"""Fingertips' recent trend against fingertips-open's TrendMarkerCalculatorTest, PHEindicatormethods'
assign_trend_markers test sheets and FingertipsNext's real England series
(tests/vectors/fingertips_recent_trend_markers.json)."""

import pytest

from scorecard.core.measures import Polarity
from scorecard.core.recent_trend import TrendMarker, interval_trend, proportion_trend
from tests.reference import vector_json

TRENDS = vector_json("fingertips_recent_trend_markers.json")
OPEN = {case["name"]: case for case in TRENDS["fingertips_open_TrendMarkerCalculatorTest"]["cases"]}
SHEETS = TRENDS["pheindicatormethods_assign_trend_markers"]["sheets"]


def _oldest_first(points):
    return sorted(points, key=lambda point: point["Year"])


def test_fingertips_open_ci_weighted_trend_is_significant():
    """fingertips-open TrendMarkerCalculatorTest.TestIsSignificantReturnsTrue: χ² = 46.77 (2 dp), with σ
    from the intervals over 2 × 1.96 (PHEindicatormethods' 1.959964 gives 46.7636 on the same data, below)."""
    data = _oldest_first(OPEN["TestIsSignificantReturnsTrue"]["data"])
    found = interval_trend(
        [p["Value"] for p in data],
        [p["LowerCI95"] for p in data],
        [p["UpperCI95"] for p in data],
        Polarity.NONE,
        z=1.96,
    )
    assert round(found.chi_square, 2) == 46.77
    assert found.marker is TrendMarker.INCREASING


def test_fingertips_open_ci_weighted_trend_is_not_significant():
    """fingertips-open TestIsSignificantReturnsFalse."""
    data = _oldest_first(OPEN["TestIsSignificantReturnsFalse"]["data"])
    found = interval_trend(
        [p["Value"] for p in data], [p["LowerCI95"] for p in data], [p["UpperCI95"] for p in data], Polarity.NONE
    )
    assert found.marker is TrendMarker.NO_SIGNIFICANT_CHANGE


def test_fingertips_open_proportions_trend():
    """fingertips-open TestIsSignificantForProportionsReturnsTrue: χ² = 47.9 by the chi-squared test for trend."""
    data = _oldest_first(OPEN["TestIsSignificantForProportionsReturnsTrue"]["data"])
    found = proportion_trend([p["Count"] for p in data], [p["Denominator"] for p in data], Polarity.NONE)
    assert round(found.chi_square, 1) == 47.9
    assert found.marker is TrendMarker.INCREASING


def test_fingertips_open_proportions_trend_cannot_be_calculated_at_100_percent():
    """fingertips-open TestIsSignificantForProportionsCannotBeCalculated: a count equals its denominator."""
    data = _oldest_first(OPEN["TestIsSignificantForProportionsCannotBeCalculated"]["data"])
    found = proportion_trend([p["Count"] for p in data], [p["Denominator"] for p in data], Polarity.NONE)
    assert found.marker is TrendMarker.CANNOT_BE_CALCULATED


MARKERS = {"Decreasing": TrendMarker.DECREASING, "No significant change": TrendMarker.NO_SIGNIFICANT_CHANGE}


def test_pheindicatormethods_proportion_sheet():
    """PHEindicatormethods (DHSC add_trend_markers branch) testdata_prop_trends: Significance 12.5688 and
    Gradient -0.1062 (4 dp), Decreasing."""
    sheet = SHEETS["testdata_prop_trends"]
    found = proportion_trend([row["Count"] for row in sheet], [row["denominator"] for row in sheet], Polarity.NONE)
    last = sheet[-1]
    assert (round(found.chi_square, 4), round(found.slope, 4)) == (last["Significance"], last["Gradient"])
    assert found.marker is MARKERS[last["recent_trend"]]


@pytest.mark.parametrize("name", ["testdata_other_trends", "testdata_other_6"])
def test_pheindicatormethods_other_value_sheets(name):
    """PHEindicatormethods testdata_other_trends and testdata_other_6 (6 rows, the latest 5 used):
    Significance and Gradient (4 dp) and the marker."""
    sheet = SHEETS[name]
    found = interval_trend(
        [row["Value"] for row in sheet], [row["LL"] for row in sheet], [row["UL"] for row in sheet], Polarity.NONE
    )
    last = sheet[-1]
    assert (round(found.chi_square, 4), round(found.slope, 4)) == (last["Significance"], last["Gradient"])
    assert found.marker is MARKERS[last["recent_trend"]]


NEXT = {case["name"]: case for case in TRENDS["fingertips_next_real_data"]["cases"]}
NEXT_POLARITY = {"No judgement": Polarity.NONE, "High is good": Polarity.HIGHER, "Low is good": Polarity.LOWER}
NEXT_MARKERS = {
    "Increasing": TrendMarker.INCREASING,
    "DecreasingAndGettingWorse": TrendMarker.DECREASING_WORSE,
    "IncreasingAndGettingWorse": TrendMarker.INCREASING_WORSE,
}


@pytest.mark.parametrize("name", ["DiabetesPrevalence", "YorkshireMmrCoverage", "DiabeticEyeDisease"])
def test_fingertips_next_real_england_series(name):
    """FingertipsNext trend-analysis TrendCalculatorTests.cs: the trend the Fingertips website shows,
    labelled by polarity; both of our methods agree on these series."""
    case = NEXT[name]
    data = case["data_points_as_written_most_recent_first"][::-1]
    polarity = NEXT_POLARITY[case["indicator"]["Polarity"]]
    by_interval = interval_trend(
        [p["Value"] for p in data], [p["LowerCI"] for p in data], [p["UpperCI"] for p in data], polarity
    )
    by_counts = proportion_trend([p["Count"] for p in data], [p["Denominator"] for p in data], polarity)
    assert by_interval.marker is by_counts.marker is NEXT_MARKERS[case["expected_trend"]]


def test_fewer_than_five_points_cannot_be_calculated():
    assert proportion_trend([1, 2, 3, 4], [10, 10, 10, 10], Polarity.NONE).marker is TrendMarker.CANNOT_BE_CALCULATED
    assert interval_trend([1, 2], [0, 1], [2, 3], Polarity.NONE).marker is TrendMarker.CANNOT_BE_CALCULATED


def test_a_slope_that_changes_sign_without_one_point_is_no_change():
    """Four gently falling points and one very precise high one: significant, but without it the slope falls."""
    values = [10.2, 10.1, 10.0, 9.9, 14.0]
    lowers = [value - 1 for value in values[:4]] + [13.99]
    uppers = [value + 1 for value in values[:4]] + [14.01]
    found = interval_trend(values, lowers, uppers, Polarity.HIGHER)
    assert found.chi_square > 9.5495
    assert found.marker is TrendMarker.NO_SIGNIFICANT_CHANGE
