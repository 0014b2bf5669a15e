"""RAG judgement: the five-band key, user-written schemes, boundaries and properties."""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.measures import Polarity
from scorecard.core.rag import ValueState, judge
from scorecard.core.schemes import FIVE_BAND, THREE_BAND, SchemeError, parse_scheme
from scorecard.core.targets import parse_target
from scorecard.core.trend import Trend, TrendAgainst
from scorecard.core.values import ValueParseError, parse_value

HIGHER, LOWER, RANGE = Polarity.HIGHER, Polarity.LOWER, Polarity.RANGE

SCHEMES = Path(__file__).parents[2] / "docs" / "schemes"


def user_scheme(name):
    """The example scheme files in docs/schemes, read as a user's file would be."""
    return parse_scheme((SCHEMES / f"{name}.toml").read_text(encoding="utf-8"))


BRACKNELL, BELFAST, HAVERING = (user_scheme(name) for name in ("bracknell-three-band", "belfast", "havering"))


def band(polarity, target, actual, scheme=FIVE_BAND, **extra):
    return judge(polarity, parse_target(target), parse_value(actual), scheme, **extra).code


@pytest.mark.parametrize(
    ("target", "actual", "higher", "lower"),
    [
        ("100", "100", "LG", "LG"),  # exactly on target is met
        ("100", "105", "HG", "LR"),  # exactly 5% better is High Green; exactly 5% worse is Low Red
        ("100", "104.99", "LG", "A"),
        ("100", "95", "LR", "HG"),  # exactly 5% off is Low Red ("between 5% and 10% off")
        ("100", "95.01", "A", "LG"),
        ("100", "90", "LR", "HG"),  # exactly 10% off is still Low Red ("more than 10%" is High Red)
        ("100", "89.99", "HR", "HG"),
        ("100", "110", "HG", "LR"),
        ("100", "110.01", "HG", "HR"),
    ],
)
def test_five_band_boundaries_for_both_polarities(target, actual, higher, lower):
    assert band(HIGHER, target, actual) == higher
    assert band(LOWER, target, actual) == lower


@pytest.mark.parametrize(
    ("polarity", "target", "actual", "expected"),
    [
        (LOWER, "0%", "0%", "LG"),  # a zero target is met only when equalled
        (LOWER, "0", "1", "HR"),
        (HIGHER, "0", "1", "HG"),
        (HIGHER, "0", "-1", "HR"),
        (LOWER, "-10%", "-28%", "HG"),  # a 10% reduction target beaten by a 28% reduction
        (LOWER, "-10%", "9%", "HR"),
        (LOWER, "-10%", "-9.6%", "A"),  # measured against the target's magnitude
        (LOWER, "-10%", "-9.5%", "LR"),
        (LOWER, "-10%", "-10%", "LG"),
    ],
)
def test_zero_and_negative_targets(polarity, target, actual, expected):
    assert band(polarity, target, actual) == expected


def test_a_zero_target_missed_has_no_percentage():
    status = judge(LOWER, parse_target("0"), parse_value("2"), FIVE_BAND)
    assert status.deviation is None
    assert status.reason == "High Red: above the target of 0 (lower is better)"


@pytest.mark.parametrize(
    ("polarity", "target", "actual", "expected"),
    [
        (RANGE, "0.9-1.1", "0.97", "LG"),
        (RANGE, "0.9-1.1", "0.9", "LG"),  # the ends are inside
        (RANGE, "0.9-1.1", "1.1", "LG"),
        (RANGE, "0.9-1.1", "1.155", "LR"),  # 5% above the top bound
        (RANGE, "0.9-1.1", "0.88", "A"),
        (RANGE, "0.9-1.1", "0.8", "HR"),
        (LOWER, "7-15%", "13.7%", "LG"),
        (LOWER, "7-15%", "6%", "HG"),  # below the range is the good side when lower is better
        (LOWER, "7-15%", "16.5%", "LR"),
    ],
)
def test_range_targets(polarity, target, actual, expected):
    assert band(polarity, target, actual) == expected


def test_the_reason_names_band_deviation_and_target():
    status = judge(HIGHER, parse_target("76%"), parse_value("71.40%"), FIVE_BAND)
    assert status.reason == "Low Red: 6.1% below the target of 76%"
    assert status.deviation is not None
    assert round(status.deviation, 4) == Decimal("-0.0605")


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("100", "G"), ("95", "G"), ("94.99", "A"), ("90", "A"), ("89.99", "R"), ("120", "G")],
)
def test_three_band_r2_built_in_and_user_written(actual, expected):
    assert band(HIGHER, "100", actual, THREE_BAND) == expected
    assert band(HIGHER, "100", actual, BRACKNELL) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("100", "G"), ("99", "G"), ("98.99", "A"), ("95.01", "A"), ("95", "R"), ("80", "R")],
)
def test_belfast_r3_narrow_bands(actual, expected):
    assert band(HIGHER, "100", actual, BELFAST) == expected


@pytest.mark.parametrize(
    ("actual", "last_year_trend", "expected"),
    [
        ("90", None, "G"),  # within 10% is green whatever the trend
        ("89.99", Trend.IMPROVED, "A"),
        ("80", Trend.UNCHANGED, "A"),
        ("80", Trend.DETERIORATED, "R"),
        ("80", None, "R"),  # no comparison: not shown as improved
    ],
)
def test_havering_r4_amber_needs_improvement_on_last_year(actual, last_year_trend, expected):
    trends = {TrendAgainst.LAST_YEAR: last_year_trend, TrendAgainst.PREVIOUS: Trend.IMPROVED}
    assert band(HIGHER, "100", actual, HAVERING, trends=trends) == expected


def test_a_trend_band_explains_the_trend():
    trends = {TrendAgainst.LAST_YEAR: Trend.IMPROVED}
    status = judge(HIGHER, parse_target("50%"), parse_value("40%"), HAVERING, trends=trends)
    assert status.reason == "Amber: 20.0% below the target of 50%; improved against the same period last year"


def test_absolute_deviation_in_percentage_points():
    scheme = parse_scheme(
        'name = "points"\ndeviation = "absolute"\n[[bands]]\ncode = "G"\nmin = -2\n[[bands]]\ncode = "R"'
    )
    assert band(HIGHER, "50%", "48%", scheme) == "G"
    status = judge(HIGHER, parse_target("50%"), parse_value("47.5%"), scheme)
    assert status.code == "R"
    assert status.reason == "R: 2.5 percentage points below the target of 50%"


def test_year_on_year_targets_compare_with_last_year():
    target = parse_target("Year on year reduction")
    status = judge(LOWER, target, parse_value("52 (223)"), FIVE_BAND, last_year=parse_value("72 (307)"))
    assert status.code == "HG"
    assert status.reason == "High Green: 27.8% below last year's 72 (target: year on year reduction)"
    without = judge(LOWER, target, parse_value("52"), FIVE_BAND)
    assert (without.code, without.state) == ("", ValueState.NO_JUDGEMENT)


@pytest.mark.parametrize(
    ("target", "actual", "state"),
    [
        ("50%", "", ValueState.AWAITING),
        ("50%", "-", ValueState.NOT_AVAILABLE),
        ("50%", "Note 1", ValueState.NOT_AVAILABLE),
        ("BL", "50%", ValueState.BASELINE),
        ("-", "50%", ValueState.NO_TARGET),
        ("", "50%", ValueState.NO_TARGET),
    ],
)
def test_missing_data_is_a_state_never_a_colour(target, actual, state):
    status = judge(HIGHER, parse_target(target), parse_value(actual), FIVE_BAND)
    assert status.state is state
    assert status.band is None


def test_not_due_comes_first():
    status = judge(HIGHER, parse_target("50%"), parse_value(""), FIVE_BAND, due=False)
    assert status.state is ValueState.NOT_DUE


def test_no_judgement_for_contextual_measures():
    status = judge(Polarity.NONE, parse_target("50"), parse_value("60"), FIVE_BAND)
    assert status.state is ValueState.NO_JUDGEMENT


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = 'x'", "at least one"),
        ("[[bands]]\ncode='G'", "needs a name"),
        ("name='x'\n[[bands]]\ncode='G'\nmin='lots'", "must be a number"),
        ("name='x'\n[[bands]]\ncode='G'\ntrend=['better']", "trend values"),
        ("name='x'\n[[bands]]\ncode='G'\n[[bands]]\ncode='G'", "unique"),
        ("name='x'\ncolour='red'\n[[bands]]\ncode='G'", "unknown setting"),
        ("name = [", "not valid TOML"),
        ("name='x'\n[[bands]]\ncode='G'\nmin=nan", "min must be a finite number"),
        ("name='x'\n[[bands]]\ncode='G'\nabove=inf", "above must be a finite number"),
        ("name='x'\n[[bands]]\ncode='G'\nmax='-Infinity'", "max must be a finite number"),
    ],
)
def test_bad_scheme_files_are_explained(text, message):
    with pytest.raises(SchemeError, match=message):
        parse_scheme(text)


amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)


@given(amounts, amounts)
def test_flipping_polarity_mirrors_the_judgement(target, actual):
    """Lower-is-better on (t, a) is higher-is-better on (-t, -a), band for band."""
    higher = judge(HIGHER, parse_target(f"{target}"), parse_value(f"{actual}"), FIVE_BAND)
    lower = judge(LOWER, parse_target(f"{-target}"), parse_value(f"{-actual}"), FIVE_BAND)
    assert higher.code == lower.code
    assert higher.deviation == lower.deviation


@given(amounts.filter(lambda t: t != 0), amounts)
def test_flipping_polarity_negates_the_deviation(target, actual):
    higher = judge(HIGHER, parse_target(f"{target}"), parse_value(f"{actual}"), FIVE_BAND)
    lower = judge(LOWER, parse_target(f"{target}"), parse_value(f"{actual}"), FIVE_BAND)
    assert higher.deviation == lower.deviation.copy_negate()


@given(st.sampled_from(list(Polarity)), st.text(max_size=20), st.text(max_size=20))
def test_no_input_string_makes_evaluation_crash(polarity, target_text, actual_text):
    try:
        target, actual = parse_target(target_text), parse_value(actual_text)
    except ValueParseError:
        return
    if not hasattr(actual, "low"):
        status = judge(polarity, target, actual, FIVE_BAND)
        assert status.reason


@pytest.mark.parametrize(
    ("target", "actual", "reason"),
    [
        ("50%", "45", "No judgement: 45 is a plain number but 50% is a percentage"),
        ("01:30", "96", "No judgement: 96 is a plain number but 01:30 is a time in minutes and seconds"),
        ("7-15%", "0.2", "No judgement: 0.2 is a plain number but 7-15% is a percentage"),
    ],
)
def test_an_actual_in_another_unit_is_not_judged(target, actual, reason):
    status = judge(HIGHER, parse_target(target), parse_value(actual), FIVE_BAND)
    assert (status.state, status.reason) == (ValueState.NO_JUDGEMENT, reason)


def test_money_and_plain_numbers_compare():
    assert band(HIGHER, "£1.2m", "1300000") == "HG"


def test_any_size_of_deviation_is_judged_and_explained():
    status = judge(HIGHER, parse_target("0.00000001"), parse_value("100000000000000000"), FIVE_BAND)
    assert status.deviation == Decimal("9999999999999999999999999")
    assert status.reason == "High Green: 999999999999999999999999900.0% above the target of 0.00000001"
    tiny = judge(HIGHER, parse_target("0." + "0" * 40 + "1"), parse_value("1"), FIVE_BAND)
    assert tiny.reason.startswith("High Green: 9999999999999999999999999999999999999999900.0% above")


def test_a_range_ending_at_zero_is_judged_without_a_percentage():
    status = judge(HIGHER, parse_target("0-0"), parse_value("5"), FIVE_BAND)
    assert (status.code, status.reason, status.deviation) == (
        "HG",
        "High Green: above the top of the target range 0-0",
        None,
    )
    below = judge(Polarity.RANGE, parse_target("0-10"), parse_value("-5"), FIVE_BAND)
    assert (below.code, below.reason) == ("HR", "High Red: below the bottom of the target range 0-10")
