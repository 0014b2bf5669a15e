"""Assessing a stored measure in a quarter: the states that depend on the measure's definition."""

import pytest

from scorecard.core.assess import assess
from scorecard.core.measures import Frequency, Measure, Polarity
from scorecard.core.periods import parse_quarter
from scorecard.core.plan import MeasureEntry, PeriodEntry
from scorecard.core.rag import ValueState
from scorecard.core.schemes import FIVE_BAND

Q2 = parse_quarter("Q2 2018/19")
Q4 = parse_quarter("Q4 2018/19")
ANNUAL = Measure(Polarity.HIGHER, Frequency.ANNUAL, reporting_quarter=4)
QUARTERLY = Measure(Polarity.HIGHER)


def measure(definition, *entries):
    return MeasureEntry("m", "1", "A measure", definition, tuple(entries))


@pytest.mark.parametrize(
    ("definition", "entries", "period", "state", "reason"),
    [
        (ANNUAL, (PeriodEntry(Q2, target="50%", actual=""),), Q2, ValueState.NOT_DUE, "Not due this quarter"),
        (ANNUAL, (PeriodEntry(Q2, target="50%", actual="-"),), Q2, ValueState.NOT_DUE, "Not due this quarter"),
        (ANNUAL, (), Q2, ValueState.NOT_DUE, "Not due this quarter"),
        (ANNUAL, (PeriodEntry(Q4, target="50%", actual=""),), Q4, ValueState.AWAITING, "Awaiting data"),
        (QUARTERLY, (PeriodEntry(Q2, target="50%", actual=""),), Q2, ValueState.AWAITING, "Awaiting data"),
    ],
)
def test_an_annual_measure_is_not_due_outside_its_quarter(definition, entries, period, state, reason):
    status = assess(measure(definition, *entries), period, FIVE_BAND).status
    assert (status.state, status.reason, status.band) == (state, reason, None)


def test_an_annual_value_given_early_is_judged():
    status = assess(measure(ANNUAL, PeriodEntry(Q2, target="50%", actual="55%")), Q2, FIVE_BAND).status
    assert (status.state, status.code) == (ValueState.JUDGED, "HG")
