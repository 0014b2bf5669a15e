"""Assessing a stored measure in a quarter: states that depend on its definition, and no guessing:
an unknown scheme or an override that is no band is refused."""

import pytest

from scorecard.core.assess import UnknownSchemeError, assess, scheme_for
from scorecard.core.measures import Frequency, Measure, Polarity
from scorecard.core.periods import parse_quarter
from scorecard.core.plan import MeasureEntry, PeriodEntry
from scorecard.core.rag import ValueState
from scorecard.core.schemes import BUILT_IN, FIVE_BAND

Q2 = parse_quarter("Q2 2018/19")
Q4 = parse_quarter("Q4 2018/19")
ANNUAL = Measure(Polarity.HIGHER, Frequency.ANNUAL, reporting_quarter=4)
QUARTERLY = Measure(Polarity.HIGHER)


def _measure(scheme="", override="", **definition):
    entry = PeriodEntry(Q2, target="76%", actual="71.40%", override=override, override_reason="why" if override else "")
    return MeasureEntry("build-29", "29", "Key Stage 2", Measure(Polarity.HIGHER, **definition), (entry,), scheme)


def test_a_measure_naming_an_unknown_scheme_is_refused_not_judged_by_the_default():
    with pytest.raises(UnknownSchemeError, match=r"'purple-band' scheme, which does not exist; there are five-band"):
        scheme_for(_measure(scheme="purple-band"), FIVE_BAND, BUILT_IN)


def test_a_named_scheme_and_the_default_are_found():
    assert scheme_for(_measure(scheme="three-band"), FIVE_BAND, BUILT_IN).name == "three-band"
    assert scheme_for(_measure(), FIVE_BAND, BUILT_IN) is FIVE_BAND


def test_an_override_that_is_no_band_of_the_scheme_is_refused_not_printed():
    with pytest.raises(UnknownSchemeError, match=r"the override 'PURPLE' is not a band of the five-band scheme"):
        assess(_measure(override="PURPLE"), Q2, FIVE_BAND)


def test_an_override_of_a_band_is_published_beside_the_computed_status():
    assessment = assess(_measure(override="A"), Q2, FIVE_BAND)

    assert (assessment.status.code, assessment.shown.code, assessment.differs) == ("LR", "A", True)


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
