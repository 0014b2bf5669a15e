"""The SPC engine against METHODS.md's worked examples and the published expected values in
tests/vectors/ (NHSRplotthedots' tests and vignette, the Making Data Count testing guide, a
Python port's tests); each test names its source."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.spc.chart import AssuranceIcon, PointType, VariationIcon, assurance, xmr_chart
from scorecard.core.spc.limits import ProcessLimits, process_limits
from scorecard.core.spc.rules import Rule, shift, trend, two_in_three
from scorecard.core.spc.settings import (
    MAKING_DATA_COUNT,
    PLOTTHEDOTS,
    Direction,
    LimitMethod,
    SettingsError,
    SpcSettings,
)
from tests.reference import vector_json, vector_rows

MDC_WORKED = [20, 24, 20, 26, 22, 16, 18, 16, 31, 28, 34, 26, 30, 19, 18]
PTD_VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def _limits(values, settings):
    chart = xmr_chart(values, settings)
    return chart.sections[0].limits


# ---- METHODS.md worked examples -------------------------------------------------------------------


@pytest.mark.parametrize("method", list(LimitMethod))
def test_the_mdc_testing_guide_example(method):
    """MDC 'SPC Charts - XmR Testing', process limits section: MRbar 5.43, mean 23.20, limits 37.64 and
    8.76 (2 dp), the same by 2.66·MRbar and by 3σ with σ = MRbar/1.128."""
    limits = _limits(MDC_WORKED, dataclasses.replace(MAKING_DATA_COUNT, limit_method=method))
    assert round(limits.moving_range, 2) == 5.43
    assert round(limits.moving_range / 1.128, 2) == 4.81
    assert (round(limits.mean, 2), round(limits.upper, 2), round(limits.lower, 2)) == (23.20, 37.64, 8.76)


@pytest.mark.parametrize(
    ("screen", "expected"), [(True, (4.6, 1.94, -0.72)), (False, (6.95, 1.94, -3.06))], ids=["screened", "unscreened"]
)
def test_the_plotthedots_vignette_with_and_without_screening(screen, expected):
    """NHSRplotthedots vignettes/deviations.Rmd figure captions (rounded to 2 dp); point 5 is the only
    special cause, an improvement (tests/vectors/ptd_deviations_vignette_screen_outliers.json)."""
    vignette = vector_json("ptd_deviations_vignette_screen_outliers.json")
    assert vignette["input"]["values"] == PTD_VIGNETTE
    chart = xmr_chart(
        PTD_VIGNETTE, dataclasses.replace(PLOTTHEDOTS, screen_outliers=screen), direction=Direction.INCREASE
    )
    limits = chart.sections[0].limits
    assert (round(limits.upper, 2), round(limits.mean, 2), round(limits.lower, 2)) == expected
    types = [point.point_type for point in chart.points]
    assert types[4] is PointType.IMPROVEMENT
    assert types[:4] + types[5:] == [PointType.COMMON_CAUSE] * 17


# ---- NHSRplotthedots unit tests -------------------------------------------------------------------

RULE_HELPERS = vector_json("ptd_rule_helpers.json")["cases"]


def _cases(function):
    return [case for case in RULE_HELPERS if case["function"].startswith(function)]


def _part_of_run(ends, run_length=7):
    """NHSRplotthedots marks the last point of a qualifying 7-point window; our rules mark every point
    of the run, i.e. every point with a window end in the next 6 points (ptd_part_of_seven_trend)."""
    return [next((end for end in ends[index : index + run_length] if end), 0) for index in range(len(ends))]


@pytest.mark.parametrize("case", _cases("ptd_seven_point_one_side_mean"), ids=str)
def test_plotthedots_shift_cases(case):
    """NHSRplotthedots tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_one_side_mean."""
    sides = case["input"]
    expected_ends = [side if flag else 0 for side, flag in zip(sides, case["expected"], strict=True)]
    assert shift(sides, 7) == _part_of_run(expected_ends)


@pytest.mark.parametrize("case", _cases("ptd_seven_point_trend"), ids=str)
def test_plotthedots_trend_cases(case):
    """NHSRplotthedots test-ptd_calculate_point_type.R, ptd_seven_point_trend (a tie breaks a trend)."""
    marks = trend(case["input"], 7)
    assert [rising or falling for rising, falling in marks] == _part_of_run(case["expected"])


@pytest.mark.parametrize("case", _cases("ptd_two_in_three"), ids=str)
def test_plotthedots_two_in_three_windows(case):
    """NHSRplotthedots ptd_two_in_three marks each point of a qualifying window; the points it then
    flags (ptd_part_of_two_in_three) are those of them beyond a two-sigma line, which our rule returns."""
    close, sides = case["close_to_limits"], case["relative_to_mean"]
    beyond = [flag * side for flag, side in zip(close, sides, strict=True)]
    windows = case["expected"]
    expected = [side if window and flag else 0 for window, flag, side in zip(windows, close, sides, strict=True)]
    assert two_in_three(beyond, sides) == expected


@pytest.mark.parametrize("case", _cases("part_of_two_in_three"), ids=str)
def test_plotthedots_two_in_three_flagged_points(case):
    """NHSRplotthedots ptd_part_of_two_in_three(ptd_two_in_three(c, r), c), end to end."""
    close, sides = case["close_to_limits"], case["relative_to_mean"]
    beyond = [flag * side for flag, side in zip(close, sides, strict=True)]
    assert [abs(flag) for flag in two_in_three(beyond, sides)] == case["expected"]


def test_two_near_limit_points_on_opposite_sides_are_common_cause():
    """NHSRplotthedots test-ptd_spc_standard.R (issue #143): tests/vectors/ptd_two_in_three_opposite_sides.json."""
    vector = vector_json("ptd_two_in_three_opposite_sides.json")
    chart = xmr_chart(vector["input"]["values"], PLOTTHEDOTS, direction=Direction.INCREASE)
    assert [point.point_type.value for point in chart.points[-2:]] == vector["expected"]["point_type_last_2"]


ASSURANCE = {"consistent_pass": AssuranceIcon.CONSISTENT_PASS, "consistent_fail": AssuranceIcon.CONSISTENT_FAIL}
ASSURANCE |= {"inconsistent": AssuranceIcon.HIT_AND_MISS, None: None}


def _row_limits(row):
    return ProcessLimits(row["mean"], 0.0, row["lpl"], row["upl"], row["mean"], row["mean"])


@pytest.mark.parametrize("case", vector_json("ptd_assurance.json")["cases"], ids=lambda case: case["name"])
def test_plotthedots_assurance_cases(case):
    """NHSRplotthedots tests/testthat/test-ptd_calculate_assurance_type.R; the last row (the latest
    section's limits) decides. PTD's 'inconsistent' is our hit and miss."""
    direction = Direction(case["improvement_direction"])
    if "rows_in_order" in case:
        last = case["rows_in_order"][-1]
        assert assurance(_row_limits(last), last["target"], direction) is ASSURANCE[case["expected_assurance"]]
        return
    for row, expected in zip(case["rows"], case["expected_assurance_by_facet"], strict=True):
        limits = _row_limits(row) if "mean" in row else ProcessLimits(0, 0, -1, 1, 0, 0)
        assert assurance(limits, row.get("target", case.get("target")), direction) is ASSURANCE[expected]


SNAPSHOT = vector_json("ptd_snapshot_rnorm_seed123.json")
RNORM = SNAPSHOT["input"]["values_8dp"]


def _case(identifier):
    return next(case for case in SNAPSHOT["cases"] if case["id"] == identifier)


@pytest.mark.parametrize(("identifier", "screen"), [("r1", True), ("r2", True), ("r3", False)])
def test_plotthedots_snapshot_limits(identifier, screen):
    """NHSRplotthedots tests/testthat/_snaps/ptd_spc_standard.md on R's set.seed(123); rnorm(20), printed
    to 7 significant figures (inputs to 8 dp, so compared to 1e-6 relative); r2 and r3 set y[15] to 10."""
    case = _case(identifier)
    values = list(RNORM)
    if identifier != "r1":
        values[14] = 10
    chart = xmr_chart(values, dataclasses.replace(PLOTTHEDOTS, screen_outliers=screen))
    limits = chart.sections[0].limits
    expected = case["expected"]
    assert limits.mean == pytest.approx(expected["mean_col"], rel=1e-6)
    assert limits.lower == pytest.approx(expected["lpl"], rel=1e-6)
    assert limits.upper == pytest.approx(expected["upl"], rel=1e-6)
    sides_key = next(key for key in expected if key.startswith("relative_to_mean"))
    sides = [(value > limits.mean) - (value < limits.mean) for value in values]
    assert sides[: len(expected[sides_key])] == expected[sides_key]
    assert not any(point.rule is Rule.OUTSIDE for point in chart.points[:8])


def test_plotthedots_snapshot_summaries():
    """NHSRplotthedots _snaps/ptd_spc.md summaries: 20 common-cause points with improvement direction
    increase; as two facets of 10, each facet's limits (3 s.f.) and 10 common-cause points."""
    whole = xmr_chart(RNORM, PLOTTHEDOTS, direction=Direction.INCREASE)
    assert [point.point_type for point in whole.points] == [PointType.COMMON_CAUSE] * 20
    facets = _case("summary_facets")["expected_summary_printed"]
    for facet, values in zip(facets, (RNORM[:10], RNORM[10:]), strict=True):
        chart = xmr_chart(values, PLOTTHEDOTS)
        limits = chart.sections[0].limits
        assert f"{limits.mean:.3g}" == f"{facet['mean_col']:.3g}"
        assert (f"{limits.lower:.3g}", f"{limits.upper:.3g}") == (f"{facet['lpl']:.3g}", f"{facet['upl']:.3g}")
        assert sum(point.point_type is PointType.COMMON_CAUSE for point in chart.points) == facet["common_cause"]


PORT = vector_json("port_nhspy_plotthedots_limits.json")


@pytest.mark.parametrize(
    "case",
    [case for case in PORT["limits_calculations"]["cases"] if case["values"] != []],
    ids=lambda case: str(case["values"])[:30],
)
def test_python_port_limits(case):
    """Secondary: nhs-pycom/nhspy-plotthedots tests/unittests/test_limits_calculations.py (screened
    moving ranges, as NHSRplotthedots): (mean, lpl, upl, near lpl, near upl)."""
    values = list(range(20)) if isinstance(case["values"], str) else case["values"]
    limits = _limits(values, PLOTTHEDOTS)
    found = (limits.mean, limits.lower, limits.upper, limits.near_lower, limits.near_upper)
    assert found == pytest.approx(case["expected"], rel=1e-12, abs=1e-12)


def test_python_port_collapsed_limits():
    """Secondary: nhspy-plotthedots test_pandas_spc_x_calc.py: in 1 1 1 1 2 the only non-zero moving
    range is screened out, the limits collapse onto the mean 1.2 and every point is outside them."""
    case = next(case for case in PORT["pandas_spc_x_calc"]["cases"] if case["values"] == [1, 1, 1, 1, 2])
    chart = xmr_chart(case["values"], PLOTTHEDOTS)
    limits = chart.sections[0].limits
    assert (limits.mean, limits.lower, limits.upper) == pytest.approx((1.2, 1.2, 1.2))
    assert [point.rule is Rule.OUTSIDE for point in chart.points] == case["expected"]["outside_limits"]


# ---- The Making Data Count testing guide (Single Chart Tool v5.0) ---------------------------------

MDC = vector_json("mdc_xmr_testing_v5_scenarios.json")["scenarios"]
COLOURS = {
    PointType.COMMON_CAUSE: "grey",
    PointType.IMPROVEMENT: "blue",
    PointType.CONCERN: "orange",
    PointType.NEUTRAL_HIGH: "purple",
    PointType.NEUTRAL_LOW: "purple",
}
DIRECTIONS = {"high is good": Direction.INCREASE, "low is good": Direction.DECREASE, "neither": Direction.NEUTRAL}


def _mdc_chart(scenario, target=None):
    settings = MAKING_DATA_COUNT
    if scenario.get("baseline_points"):
        settings = dataclasses.replace(settings, baseline=scenario["baseline_points"])
    rebase = [scenario["recalculation_starts_at_point"] - 1] if scenario.get("recalculation_starts_at_point") else []
    direction = DIRECTIONS[scenario.get("improvement_direction", "high is good")]
    return xmr_chart(scenario["values"], settings, direction=direction, rebase_at=rebase, target=target)


def _scenario(identifier):
    return next(scenario for scenario in MDC if scenario["id"] == identifier)


@pytest.mark.parametrize(
    "scenario", [scenario for scenario in MDC if "third_party_point_colours" in scenario], ids=lambda s: s["id"]
)
def test_mdc_scenario_point_colours(scenario):
    """MDC 'SPC Charts - XmR Testing' scenarios (6-point rules, no screening, limits from 13 points),
    with the point colours NHSDigital transcribed from its charts (secondary evidence). In
    conflict_high_is_good the guide states colours for p1-p14 only; the transcription's blue p15
    (27, four points above the mean, no rule we know of) is not reproduced, so only p1-p14 are compared."""
    colours = [COLOURS[point.point_type] for point in _mdc_chart(scenario).points]
    expected = scenario["third_party_point_colours"]
    if scenario["id"] == "conflict_high_is_good":
        colours, expected = colours[:14], expected[:14]
    assert colours == expected


def test_mdc_conflict_colours_as_the_guide_states_them():
    """MDC guide, special cause conflict (high is good): p1-p4 blue, p5-p7 orange, p8-p14 blue (the
    tool shows improvement where a point is both); low is good: only p12-p14 orange."""
    high = [COLOURS[point.point_type] for point in _mdc_chart(_scenario("conflict_high_is_good")).points]
    assert high[:14] == ["blue"] * 4 + ["orange"] * 3 + ["blue"] * 7
    low = [COLOURS[point.point_type] for point in _mdc_chart(_scenario("conflict_low_is_good")).points]
    assert [index + 1 for index, colour in enumerate(low[:14]) if colour == "orange"] == [12, 13, 14]


@pytest.mark.parametrize(("identifier", "shown"), [("number_of_points_12", False), ("number_of_points_13", True)])
def test_mdc_limits_and_icons_need_13_points(identifier, shown):
    """MDC guide, number of points: 12 points or fewer show the mean (and target) but no limits or icons."""
    chart = _mdc_chart(_scenario(identifier), target=45)
    assert (chart.sections[0].limits is not None) is shown
    assert (chart.variation_icon is not None) is shown
    assert (chart.assurance_icon is not None) is shown


def test_mdc_ten_points_show_the_mean_only():
    """MDC guide, process limits with 10 points: mean 22.1 and no limits; too few points for either icon."""
    chart = _mdc_chart(_scenario("process_limits_10"), target=30)
    assert round(chart.sections[0].mean, 2) == 22.1
    assert chart.sections[0].limits is None
    assert (chart.variation_icon, chart.assurance_icon) == (None, None)
    assert _mdc_chart(_scenario("variation_too_few_points")).variation_icon is None
    assert _mdc_chart(_scenario("assurance_too_few_points"), target=20).assurance_icon is None


def test_mdc_no_assurance_when_neither_direction_is_better():
    """MDC guide, assurance icons: none when the improvement direction is neither."""
    assert _mdc_chart(_scenario("assurance_neither"), target=30).assurance_icon is None


@pytest.mark.parametrize(
    ("identifier", "icon"),
    [
        ("variation_1_high_is_good", VariationIcon.IMPROVEMENT_HIGH),
        ("variation_1_low_is_good", VariationIcon.CONCERN_HIGH),
        ("variation_1_neither", VariationIcon.NEUTRAL_HIGH),
        ("variation_2_high_is_good", VariationIcon.COMMON_CAUSE),
        ("variation_3_high_is_good", VariationIcon.CONCERN_LOW),
        ("variation_3_low_is_good", VariationIcon.IMPROVEMENT_LOW),
    ],
)
def test_mdc_variation_icons_follow_the_last_point(identifier, icon):
    """MDC guide, variation icons: the last point's colour (from the transcribed colours) and side."""
    assert _mdc_chart(_scenario(identifier)).variation_icon is icon


def test_the_spreadsheet_check_of_2_66_against_3_sigma():
    """Low-authority spreadsheet (NHSDigital fdp-react-design-system test data): mean 48.2917, MRbar
    4.8696, ±3σ limits 61.2426/35.3407 and ±2.66·MRbar limits 61.2447/35.3386 (to its 8-10 digits)."""
    rows = vector_rows("supp_xmr_spreadsheet_2p66_vs_sigma.csv")
    values = [float(row["vals"]) for row in rows]
    unscreened = dataclasses.replace(PLOTTHEDOTS, screen_outliers=False)
    sigma = _limits(values, dataclasses.replace(unscreened, limit_method=LimitMethod.SIGMA))
    wheeler = _limits(values, unscreened)
    assert sigma.moving_range == pytest.approx(4.869565217, rel=1e-9)
    assert (sigma.upper, sigma.lower) == pytest.approx((61.24263799, 35.34069534), rel=1e-9)
    assert (wheeler.upper, wheeler.lower) == pytest.approx((61.24471014, 35.33862319), rel=1e-9)


# ---- Settings --------------------------------------------------------------------------------------


def test_the_presets():
    assert (PLOTTHEDOTS.run_length, PLOTTHEDOTS.screen_outliers, PLOTTHEDOTS.minimum_points) == (7, True, 2)
    assert (MAKING_DATA_COUNT.run_length, MAKING_DATA_COUNT.screen_outliers) == (6, False)
    assert MAKING_DATA_COUNT.minimum_points == 13
    assert (PLOTTHEDOTS.rules_cross_sections, MAKING_DATA_COUNT.rules_cross_sections) == (False, True)


@pytest.mark.parametrize(
    "changes", [{"run_length": 1}, {"minimum_points": 1}, {"baseline": 11}], ids=["run", "minimum", "baseline"]
)
def test_settings_out_of_range_are_refused(changes):
    with pytest.raises(SettingsError):
        SpcSettings(**changes)


def test_a_six_point_shift_needs_run_length_six():
    values = [10, 11, 9, 10, 11, 9, 10, 13, 13, 13, 13, 13, 13, 9, 10]
    six = xmr_chart(values, dataclasses.replace(PLOTTHEDOTS, run_length=6, screen_outliers=False))
    seven = xmr_chart(values, dataclasses.replace(PLOTTHEDOTS, screen_outliers=False))
    assert [point.rule for point in six.points[7:13]] == [Rule.SHIFT] * 6
    assert all(point.rule is not Rule.SHIFT for point in seven.points[7:13])


def test_a_baseline_fixes_the_limits_from_its_first_points():
    values = [float(10 + (index % 3)) for index in range(12)] + [30.0] * 3
    chart = xmr_chart(values, dataclasses.replace(PLOTTHEDOTS, baseline=12))
    expected = process_limits(values[:12], method=LimitMethod.CONSTANT, screen_outliers=True)
    assert chart.sections[0].limits == expected
    assert [point.rule for point in chart.points[12:]] == [Rule.OUTSIDE] * 3


def test_each_rebased_section_has_its_own_limits():
    low, high = [10.0, 12, 11, 10, 12, 11, 10, 12, 11, 10, 12, 11, 10], [20.0, 22, 21, 20, 22, 21, 20, 22, 21, 20]
    chart = xmr_chart(low + high, PLOTTHEDOTS, rebase_at=[len(low)])
    assert [(section.start, section.stop) for section in chart.sections] == [(0, 13), (13, 23)]
    assert chart.sections[1].limits == process_limits(high, method=LimitMethod.CONSTANT, screen_outliers=True)
    assert all(point.section is chart.sections[1] for point in chart.points[13:])


def test_two_in_three_may_count_points_beyond_the_limits():
    """Point 14 is beyond the upper limit and point 15 beyond the upper two-sigma line: only the MDC
    team's 2023 revision counts the first toward two-in-three, so only then is the second flagged."""
    values = [10, 11, 10, 9, 10, 11, 9, 10, 11, 10, 9, 10, 11, 15, 13.5]
    base = dataclasses.replace(PLOTTHEDOTS, screen_outliers=False)
    strict = xmr_chart(values, base)
    counting = xmr_chart(values, dataclasses.replace(base, two_in_three_counts_outside=True))
    assert [point.rule for point in strict.points[13:]] == [Rule.OUTSIDE, None]
    assert [point.rule for point in counting.points[13:]] == [Rule.OUTSIDE, Rule.TWO_IN_THREE]


def test_a_conflict_shows_improvement_in_the_mdc_tool_and_the_first_rule_in_plotthedots():
    """A rising trend (concern when lower is better) through points below the mean (improvement)."""
    values = [43, 41, 37, 36, 31, 23, 15, 13, 15, 18, 23, 27, 31, 36, 27, 19, 17, 27, 15, 22]
    mdc = xmr_chart(values, MAKING_DATA_COUNT, direction=Direction.DECREASE)
    by_precedence = dataclasses.replace(MAKING_DATA_COUNT, conflict=PLOTTHEDOTS.conflict)
    ptd = xmr_chart(values, by_precedence, direction=Direction.DECREASE)
    assert (mdc.points[8].point_type, mdc.points[8].rule) == (PointType.IMPROVEMENT, Rule.TWO_IN_THREE)
    assert (ptd.points[8].point_type, ptd.points[8].rule) == (PointType.CONCERN, Rule.TREND)


@pytest.mark.parametrize("identifier", ["crossing_recalculation_shift", "crossing_recalculation_trend"])
def test_runs_cross_a_recalculation_in_the_mdc_tool_only(identifier):
    """The MDC guide's crossing scenarios flag a shift (p14-p19) or trend (p15-p20) that straddles the
    recalculation at p16; NHSRplotthedots groups its rules by rebase group, so neither half is a run."""
    scenario = _scenario(identifier)
    crossing = _mdc_chart(scenario)
    within = xmr_chart(
        scenario["values"], dataclasses.replace(MAKING_DATA_COUNT, rules_cross_sections=False), rebase_at=[15]
    )
    flagged = [index + 1 for index, point in enumerate(crossing.points) if point.rule in (Rule.SHIFT, Rule.TREND)]
    assert flagged[0] < 16 <= flagged[-1]
    assert not any(point.rule in (Rule.SHIFT, Rule.TREND) for point in within.points[13:20])


def test_a_peak_between_two_trends_takes_the_trend_it_starts_in_plotthedots():
    """NHSRplotthedots R/ptd_calculate_point_type.R: a point in two trends takes the one to its right."""
    values = [10, 2, 10, 2, 10, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6, 5, 4, 3]
    settings = dataclasses.replace(PLOTTHEDOTS, screen_outliers=False)
    ptd = xmr_chart(values, settings, direction=Direction.INCREASE)
    mdc = xmr_chart(
        values, dataclasses.replace(settings, conflict=MAKING_DATA_COUNT.conflict), direction=Direction.INCREASE
    )
    assert [point.point_type for point in ptd.points[5:11]] == [PointType.IMPROVEMENT] * 6
    assert (ptd.points[11].rule, ptd.points[11].point_type) == (Rule.TREND, PointType.CONCERN)
    assert (mdc.points[11].rule, mdc.points[11].point_type) == (Rule.TREND, PointType.IMPROVEMENT)


def test_an_empty_series_has_no_chart():
    chart = xmr_chart([], PLOTTHEDOTS)
    assert (chart.points, chart.variation_icon, chart.assurance_icon) == ((), None, None)


# ---- Properties -----------------------------------------------------------------------------------

series = st.lists(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=2, max_size=40)


def _bounds(limits):
    return (limits.mean, limits.lower, limits.upper, limits.near_lower, limits.near_upper)


@given(series, st.floats(-1e6, 1e6), st.sampled_from([PLOTTHEDOTS, MAKING_DATA_COUNT]))
def test_adding_a_constant_shifts_the_limits_by_it(values, constant, settings):
    settings = dataclasses.replace(settings, minimum_points=2)
    before = _limits(values, settings)
    after = _limits([value + constant for value in values], settings)
    tolerance = 1e-9 * (max(map(abs, values)) + abs(constant) + 1)
    assert _bounds(after) == pytest.approx([bound + constant for bound in _bounds(before)], abs=tolerance)


@given(series, st.floats(1e-3, 1e3), st.sampled_from([PLOTTHEDOTS, MAKING_DATA_COUNT]))
def test_multiplying_by_a_positive_constant_scales_the_limits(values, factor, settings):
    settings = dataclasses.replace(settings, minimum_points=2)
    before = _limits(values, settings)
    after = _limits([value * factor for value in values], settings)
    tolerance = 1e-9 * (max(map(abs, values)) + 1) * factor
    assert _bounds(after) == pytest.approx([bound * factor for bound in _bounds(before)], abs=tolerance)


@given(
    st.floats(-1e9, 1e9, allow_nan=False),
    st.integers(1, 60),
    st.sampled_from([PLOTTHEDOTS, MAKING_DATA_COUNT]),
    st.sampled_from(list(Direction)),
)
def test_no_rule_flags_a_constant_series(value, length, settings, direction):
    settings = dataclasses.replace(settings, two_in_three_counts_outside=True)
    chart = xmr_chart([value] * length, settings, direction=direction)
    assert all(point.point_type is PointType.COMMON_CAUSE and point.rule is None for point in chart.points)
