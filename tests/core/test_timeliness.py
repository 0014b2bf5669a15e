from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.measures import Aggregation, Frequency, Measure, Polarity
from scorecard.core.periods import FinancialYear, Quarter, lag_in_months, parse_quarter, parse_span
from scorecard.core.timeliness import (
    Timeliness,
    Timing,
    expected_period,
    in_arrears,
    latest_available,
    timing,
)

Q2 = parse_quarter("Q2 2018/19")


def _measure(frequency: Frequency = Frequency.QUARTERLY, lag: int = 0, **more: object) -> Measure:
    return Measure(Polarity.LOWER, frequency, lag_months=lag, **more)


def test_the_harrow_measures_in_arrears_cover_what_the_report_prints():
    # Q2 2018/19 prints these spans under the values of measures published months later.
    reoffending = _measure(lag=24, aggregation=Aggregation.PERIOD)
    custodial = _measure(lag=3, aggregation=Aggregation.ROLLING)
    entrants = _measure(lag=6, aggregation=Aggregation.ROLLING)
    assert latest_available(reoffending, Q2) == parse_span("Jul 16 - Sep 16")
    assert latest_available(custodial, Q2) == parse_span("Jul 17 - Jun 18")
    assert latest_available(entrants, Q2) == parse_span("Apr 17 - Mar 18")
    assert latest_available(entrants, Q2.previous()) == parse_span("Jan 17 - Dec 17")
    assert timing(custodial, Q2, held=True, past_due=True) == Timing(Timeliness.AWAITING, parse_span("Jul 17 - Jun 18"))
    assert timing(custodial, Q2, held=True, past_due=True).describe() == (
        "Awaiting data (in arrears): latest published Jul 17 - Jun 18"
    )


def test_each_state():
    annual = _measure(Frequency.ANNUAL, reporting_quarter=1)
    assert timing(annual, Q2, held=False, past_due=True) == Timing(Timeliness.NOT_DUE, None)
    q1 = Q2.previous()
    assert timing(annual, q1, held=True, past_due=False) == Timing(Timeliness.DUE, FinancialYear(2017).span)
    assert timing(annual, q1, held=False, past_due=False).state is Timeliness.DUE  # still to come
    assert timing(annual, q1, held=False, past_due=True).state is Timeliness.NOT_AVAILABLE
    ons = _measure(Frequency.ANNUAL, lag=9, reporting_quarter=1)  # a year's figure out the December after
    assert timing(ons, q1, held=True, past_due=False) == Timing(Timeliness.AWAITING, FinancialYear(2016).span)
    monthly = _measure(Frequency.MONTHLY, lag=1)
    assert timing(monthly, Q2, held=True, past_due=False) == Timing(Timeliness.AWAITING, parse_span("Aug 18 - Aug 18"))
    cumulative = _measure(aggregation=Aggregation.CUMULATIVE, lag=3)
    assert latest_available(cumulative, Q2) == parse_span("Apr 18 - Jun 18")
    assert latest_available(cumulative, Q2.previous()) == parse_span("Apr 17 - Mar 18")


def test_an_annual_measure_reporting_in_q4_covers_its_own_year():
    annual = _measure(Frequency.ANNUAL, reporting_quarter=4)
    q4 = Quarter(FinancialYear(2018), 4)
    assert expected_period(annual, q4) == FinancialYear(2018).span
    # a three-month lag pushes it back a year: the year ending in March is out only in June
    assert latest_available(_measure(Frequency.ANNUAL, lag=3, reporting_quarter=4), q4) == FinancialYear(2017).span


quarters = st.builds(Quarter, st.builds(FinancialYear, st.integers(1990, 2060), st.integers(1, 12)), st.integers(1, 4))
measures = st.builds(
    Measure,
    st.sampled_from(list(Polarity)),
    st.sampled_from(list(Frequency)),
    st.sampled_from(list(Aggregation)),
    st.integers(1, 4),
    lag_months=st.integers(0, 36),
)


@given(measures, quarters, st.booleans(), st.booleans())
def test_states_follow_the_rules(measure, quarter, held, past_due):
    found = timing(measure, quarter, held=held, past_due=past_due)
    if not measure.is_due(quarter):
        assert found == Timing(Timeliness.NOT_DUE, None)
        return
    assert found.covers == latest_available(measure, quarter)
    if found.state is Timeliness.NOT_AVAILABLE:
        assert not held
        assert past_due
    elif not held and past_due:
        raise AssertionError("a due measure without a figure after its collection must be not available")
    else:
        assert (found.state is Timeliness.AWAITING) == in_arrears(measure, quarter)


@given(measures, quarters)
def test_the_figure_shown_is_published_in_time_and_the_latest_that_is(measure, quarter):
    covers = latest_available(measure, quarter)
    assert lag_in_months(quarter, covers) >= measure.lag_months  # it exists when the report is compiled
    # nothing later of the same kind would: one lag month less moves it on, or leaves it alone
    if measure.lag_months > 0:
        sooner = latest_available(
            Measure(
                measure.polarity,
                measure.frequency,
                measure.aggregation,
                measure.reporting_quarter,
                lag_months=measure.lag_months - 1,
            ),
            quarter,
        )
        assert sooner.last >= covers.last
    assert covers.last <= expected_period(measure, quarter).last


@given(measures, quarters)
def test_without_a_lag_nothing_is_in_arrears_and_quarterly_figures_cover_the_quarter(measure, quarter):
    prompt = Measure(measure.polarity, measure.frequency, Aggregation.PERIOD, measure.reporting_quarter)
    assert not in_arrears(prompt, quarter)
    assert latest_available(prompt, quarter) == expected_period(prompt, quarter)
    if measure.frequency is Frequency.QUARTERLY:
        assert expected_period(prompt, quarter) == quarter.span


@given(measures, quarters)
def test_a_lag_shorter_than_the_frequency_still_shows_a_whole_period(measure, quarter):
    covers = latest_available(measure, quarter)
    months = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}[measure.frequency]
    if measure.aggregation is Aggregation.ROLLING:
        assert covers.months == 12
    elif measure.aggregation is not Aggregation.CUMULATIVE:
        assert covers.months == months
