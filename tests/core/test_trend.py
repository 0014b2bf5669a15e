from decimal import Decimal

import pytest

from scorecard.core.measures import Aggregation, Frequency, Measure, Polarity
from scorecard.core.periods import parse_quarter
from scorecard.core.trend import Trend, TrendAgainst, direction_of_travel, trends_against
from scorecard.core.values import parse_value

D = Decimal


@pytest.mark.parametrize(
    ("polarity", "current", "previous", "expected"),
    [
        (Polarity.HIGHER, "51.3", "50", Trend.IMPROVED),
        (Polarity.HIGHER, "26", "27", Trend.DETERIORATED),
        (Polarity.LOWER, "15", "5", Trend.DETERIORATED),  # lower is better: a rise is worse
        (Polarity.LOWER, "0.68", "3.02", Trend.IMPROVED),
        (Polarity.LOWER, "12.9", "12.9", Trend.UNCHANGED),
    ],
)
def test_the_arrow_follows_polarity(polarity, current, previous, expected):
    assert direction_of_travel(polarity, D(current), D(previous)) is expected


def test_a_range_measure_that_stays_in_range_is_unchanged():
    in_range = parse_value("0.9-1.1")
    assert direction_of_travel(Polarity.RANGE, D("0.97"), D("0.93"), target_range=in_range) is Trend.UNCHANGED
    assert direction_of_travel(Polarity.RANGE, D("1.12"), D("1.2"), target_range=in_range) is Trend.IMPROVED
    assert direction_of_travel(Polarity.RANGE, D("0.8"), D("0.95"), target_range=in_range) is Trend.DETERIORATED


def test_a_no_change_band_absorbs_small_moves():
    assert direction_of_travel(Polarity.HIGHER, D("102"), D("100"), no_change_band=D("0.03")) is Trend.UNCHANGED
    assert direction_of_travel(Polarity.HIGHER, D("103"), D("100"), no_change_band=D("0.03")) is Trend.IMPROVED


def test_no_direction_without_a_good_direction():
    assert direction_of_travel(Polarity.NONE, D(1), D(2)) is None


def test_the_last_comparable_period_depends_on_aggregation():
    q2 = parse_quarter("Q2 2018/19")
    snapshot = Measure(Polarity.HIGHER, aggregation=Aggregation.SNAPSHOT)
    rolling = Measure(Polarity.LOWER, aggregation=Aggregation.ROLLING)
    cumulative = Measure(Polarity.HIGHER, aggregation=Aggregation.CUMULATIVE)
    annual = Measure(Polarity.HIGHER, frequency=Frequency.ANNUAL, reporting_quarter=1)
    assert snapshot.comparable_period(q2).label() == "Q1 2018/19"
    assert rolling.comparable_period(q2).label() == "Q1 2018/19"
    assert cumulative.comparable_period(q2).label() == "Q2 2017/18"
    assert annual.comparable_period(q2).label() == "Q2 2017/18"


def test_annual_measures_are_due_only_in_their_quarter():
    annual = Measure(Polarity.HIGHER, frequency=Frequency.ANNUAL, reporting_quarter=1)
    assert annual.is_due(parse_quarter("Q1 2018/19"))
    assert not annual.is_due(parse_quarter("Q2 2018/19"))
    new = Measure(Polarity.HIGHER, introduced=parse_quarter("Q4 2017/18"))
    assert not new.is_due(parse_quarter("Q2 2017/18"))
    assert new.is_due(parse_quarter("Q1 2018/19"))


def test_no_trend_between_values_in_different_units():
    """60% after 0.65 is a unit slip, not an improvement: the band refuses it, and so does the trend."""
    trends = trends_against(Polarity.HIGHER, parse_value("60%"), parse_value("0.65"), parse_value("£50"))
    assert trends == {TrendAgainst.PREVIOUS: None, TrendAgainst.LAST_YEAR: None}
    same = trends_against(Polarity.HIGHER, parse_value("£1.2m"), parse_value("1000000"), parse_value("55%"))
    assert same == {TrendAgainst.PREVIOUS: Trend.IMPROVED, TrendAgainst.LAST_YEAR: None}
