"""What-if on rules: an unchanged rule changes nothing; a changed scheme, polarity or target
changes exactly the statuses whose judgement moves, shown on the Harrow demo."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scorecard.demo
from scorecard.core.assess import assess
from scorecard.core.measures import Frequency, Measure, Polarity
from scorecard.core.periods import FinancialYear, Month, Quarter
from scorecard.core.plan import MeasureEntry, PeriodEntry
from scorecard.core.rag import ValueState
from scorecard.core.schemes import BUILT_IN, BUILT_IN_TOML, parse_scheme
from scorecard.core.what_if import Rules, held_quarters, what_if
from scorecard.interchange.dataset import read_dataset

HARROW = Path(scorecard.demo.__file__).parent / "harrow_q2_2018_19"
Q1 = Quarter(FinancialYear(2018), 1)
FIVE_BAND_MOVED = (
    BUILT_IN_TOML["five-band"].replace("min = 0.05", "min = 0.10").replace("above = -0.05", "above = -0.10")
)


@pytest.fixture(scope="module")
def harrow() -> Rules:
    report = read_dataset(HARROW)
    measures = tuple(measure for theme in report.themes for measure in theme.measures)
    return Rules(measures, dict(BUILT_IN), report.scheme, report.period.year.start_month)


def test_harrow_with_the_five_band_thresholds_moved_to_ten_percent(harrow):
    result = what_if(harrow, harrow.with_scheme(parse_scheme(FIVE_BAND_MOVED)))

    assert result.judged == 251
    assert len(result.changes) == 27
    assert result.moves() == [("High Green", "Low Green", 14), ("Low Red", "Amber", 13)]
    assert [(c.measure, c.period.label(), c.was, c.would_be) for c in result.changes[:3]] == [
        ("build-9", "Q1 2018/19", "High Green", "Low Green"),
        ("build-20", "Q2 2017/18", "Low Red", "Amber"),
        ("build-29", "Q1 2018/19", "Low Red", "Amber"),
    ]


def test_harrow_moved_thresholds_change_exactly_the_statuses_between_old_and_new_bounds(harrow):
    """Counted independently: High Green below +10% and Low Red above -10% are the ones that move."""
    scheme = BUILT_IN["five-band"]
    between = 0
    for measure in harrow.measures:
        for quarter in held_quarters(measure, harrow.start_month):
            status = assess(measure, quarter, scheme).status
            if status.deviation is None:
                continue
            high_green = status.code == "HG" and status.deviation < Decimal("0.10")
            low_red = status.code == "LR" and status.deviation > Decimal("-0.10")
            between += high_green or low_red

    assert between == len(what_if(harrow, harrow.with_scheme(parse_scheme(FIVE_BAND_MOVED))).changes)


def test_harrow_a_polarity_turned_to_no_judgement_changes_every_judged_status_of_the_measure(harrow):
    result = what_if(harrow, harrow.with_polarity("build-57", Polarity.NONE))

    assert [(c.period.label(), c.was, c.would_be) for c in result.changes] == [
        ("Q2 2017/18", "High Green", "No judgement"),
        ("Q1 2018/19", "High Green", "No judgement"),
        ("Q2 2018/19", "High Green", "No judgement"),
    ]


def test_a_scheme_no_measure_uses_changes_nothing(harrow):
    three_band = parse_scheme(BUILT_IN_TOML["three-band"].replace("0.05", "0.5"))

    assert what_if(harrow, harrow.with_scheme(three_band)).changes == ()


def _measure(polarity: Polarity, targets: list[str], actuals: list[str]) -> MeasureEntry:
    quarter = Quarter(FinancialYear(2017), 1)
    entries = []
    for target, actual in zip(targets, actuals, strict=True):
        entries.append(PeriodEntry(quarter, target=target, actual=actual))
        quarter = quarter.next()
    return MeasureEntry("m1", "1", "A measure", Measure(polarity), tuple(entries))


def test_a_target_changed_in_one_quarter_changes_that_quarter_only():
    rules = Rules((_measure(Polarity.HIGHER, ["50%"] * 3, ["40%", "49%", "60%"]),), dict(BUILT_IN), "five-band")

    result = what_if(rules, rules.with_target("m1", Quarter(FinancialYear(2017), 2), "45%"))

    assert [(c.period.label(), c.was, c.would_be) for c in result.changes] == [("Q2 2017/18", "Amber", "High Green")]
    assert result.changes[0].after.reason == "High Green: 8.9% above the target of 45%"


def test_a_new_target_for_a_quarter_without_a_value_changes_nothing():
    rules = Rules((_measure(Polarity.HIGHER, ["50%"], ["40%"]),), dict(BUILT_IN), "five-band")

    assert what_if(rules, rules.with_target("m1", Quarter(FinancialYear(2019), 1), "10%")).changes == ()


def test_a_monthly_measure_is_judged_at_the_last_month_of_the_quarter_it_holds():
    months = (PeriodEntry(Month(2018, 4), "10", "9"), PeriodEntry(Month(2018, 5), "10", "12"))
    measure = MeasureEntry("m1", "1", "Monthly", Measure(Polarity.HIGHER, Frequency.MONTHLY), months)
    rules = Rules((measure,), dict(BUILT_IN), "five-band")

    changed = what_if(rules, rules.with_target("m1", Month(2018, 5), "20"))

    assert (changed.judged, [(c.period, c.was, c.would_be) for c in changed.changes]) == (
        1,
        [(Q1, "High Green", "High Red")],
    )


def test_asking_about_a_measure_not_held_says_so():
    rules = Rules((), dict(BUILT_IN), "five-band")

    with pytest.raises(KeyError, match="no measure 'x1'"):
        rules.with_polarity("x1", Polarity.LOWER)


percentages = st.decimals(min_value=0, max_value=200, places=1).map(lambda amount: f"{amount}%")
polarities = st.sampled_from([Polarity.HIGHER, Polarity.LOWER, Polarity.NONE])
thresholds = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.5"), places=2)


@st.composite
def rule_sets(draw: st.DrawFn) -> Rules:
    count = draw(st.integers(min_value=1, max_value=6))
    measures = []
    for number in range(count):
        quarters = draw(st.integers(min_value=1, max_value=5))
        targets = draw(st.lists(percentages | st.just("-"), min_size=quarters, max_size=quarters))
        actuals = draw(st.lists(percentages | st.just(""), min_size=quarters, max_size=quarters))
        measure = _measure(draw(polarities), targets, actuals)
        measures.append(MeasureEntry(f"m{number}", str(number), "A measure", measure.definition, measure.entries))
    gap = draw(thresholds)
    five_band = parse_scheme(BUILT_IN_TOML["five-band"].replace("0.05", str(gap)))
    return Rules(tuple(measures), {**BUILT_IN, "five-band": five_band}, "five-band")


@given(rule_sets())
def test_an_unchanged_rule_changes_nothing(rules):
    code = rules.measures[0].code
    same_polarity = rules.measures[0].definition.polarity

    assert what_if(rules, rules).changes == ()
    assert what_if(rules, rules.with_scheme(rules.schemes["five-band"])).changes == ()
    assert what_if(rules, rules.with_polarity(code, same_polarity)).changes == ()
    for entry in rules.measures[0].entries:
        assert what_if(rules, rules.with_target(code, entry.period, entry.target)).changes == ()


@given(rule_sets(), polarities)
def test_every_change_is_a_status_that_differs_and_the_counts_add_up(rules, polarity):
    proposed = rules.with_polarity(rules.measures[0].code, polarity)

    result = what_if(rules, proposed)

    assert all((c.before.state, c.before.code) != (c.after.state, c.after.code) for c in result.changes)
    assert sum(count for _, _, count in result.moves()) == len(result.changes) <= result.judged
    assert {c.measure for c in result.changes} <= {rules.measures[0].code}
    if polarity is Polarity.NONE:
        assert all(c.after.state is ValueState.NO_JUDGEMENT for c in result.changes)
