"""The batch path against the per-series engine, which stays the definition: every chart `xmr_charts`
returns equals `xmr_chart`'s for the same series, floats compared exactly (no tolerance), and so do
its arrays of point types, rules and icons."""

import dataclasses
import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.core.spc import batch
from scorecard.core.spc.batch import ASSURANCE_ICONS, POINT_TYPES, RULES, VARIATION_ICONS, xmr_charts
from scorecard.core.spc.chart import xmr_chart
from scorecard.core.spc.exact import ColumnSums, grid
from scorecard.core.spc.limits import process_limits
from scorecard.core.spc.settings import MAKING_DATA_COUNT, PLOTTHEDOTS, Conflict, Direction, LimitMethod, SpcSettings

every_setting = st.builds(
    SpcSettings,
    run_length=st.sampled_from([2, 3, 6, 7]),
    screen_outliers=st.booleans(),
    two_in_three_counts_outside=st.booleans(),
    minimum_points=st.sampled_from([2, 3, 13]),
    baseline=st.sampled_from([None, 12, 20]),
    limit_method=st.sampled_from(list(LimitMethod)),
    conflict=st.sampled_from(list(Conflict)),
    rules_cross_sections=st.booleans(),
)

# Small whole numbers give ties, constant stretches and points exactly on the mean and on the lines;
# one decimal place gives sums that land exactly between two doubles.
levels = st.sampled_from([0.0, 1.0, 3.0, 100.0, 0.1, 1e6])
any_float = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def one_series(draw):
    kind = draw(st.sampled_from(["whole", "float", "constant", "decimal"]))
    length = draw(st.integers(0, 70))
    if kind == "constant":
        return [draw(any_float)] * length
    if kind == "decimal":
        return [round(draw(any_float), 1) for _ in range(length)]
    if kind == "whole":
        level = draw(levels)
        return [level + draw(st.integers(-5, 5)) for _ in range(length)]
    return [draw(any_float) for _ in range(length)]


@st.composite
def batches(draw, most=12):
    series = draw(st.lists(one_series(), min_size=1, max_size=most))
    directions = draw(st.lists(st.sampled_from(list(Direction)), min_size=len(series), max_size=len(series)))
    targets = [
        draw(st.none() | st.just(math.nan) | st.sampled_from(values) | any_float) if values else None
        for values in series
    ]
    rebase = {}
    for number, values in enumerate(series):
        if values and draw(st.integers(0, 4)) == 0:
            rebase[number] = draw(st.lists(st.integers(0, len(values)), max_size=2))
    return series, directions, targets, rebase


def _assert_same(series, directions, targets, rebase, spc):
    charts = xmr_charts(series, spc, directions=directions, targets=targets, rebase_at=rebase)
    point_types, rules = charts.point_types(), charts.rules()
    for number, values in enumerate(series):
        expected = xmr_chart(
            values, spc, direction=directions[number], target=targets[number], rebase_at=rebase.get(number, ())
        )
        assert charts.chart(number) == expected, number
        length = len(values)
        assert [POINT_TYPES[kind] for kind in point_types[number, :length]] == [p.point_type for p in expected.points]
        assert [RULES[rule] for rule in rules[number, :length]] == [point.rule for point in expected.points]
        variation, assured = charts.variation_icons[number], charts.assurance_icons[number]
        assert (VARIATION_ICONS[variation] if variation >= 0 else None) is expected.variation_icon
        assert (ASSURANCE_ICONS[assured] if assured >= 0 else None) is expected.assurance_icon


@settings(max_examples=400, deadline=None)
@given(batches(), every_setting)
def test_the_batch_draws_the_charts_the_engine_draws(drawn, spc):
    _assert_same(*drawn, spc)


@settings(max_examples=100, deadline=None)
@given(batches(), st.sampled_from([PLOTTHEDOTS, MAKING_DATA_COUNT]))
def test_the_batch_with_the_presets(drawn, spc):
    _assert_same(*drawn, spc)


@pytest.mark.parametrize("spc", [PLOTTHEDOTS, MAKING_DATA_COUNT], ids=["plotthedots", "mdc"])
def test_many_blocks_of_series(spc, monkeypatch):
    """More series than one block and one group of words, of mixed kinds and lengths, some rebased."""
    monkeypatch.setattr(batch, "_MARKS_BYTES", 8 * 60 * 3)  # groups of three words
    rng = random.Random(7)
    series = []
    for number in range(2 * batch._BLOCK + 77):
        length = rng.choice([0, 1, 5, 12, 13, 30, 60])
        level, noise = rng.uniform(-100, 100), rng.choice([0.0, 0.5, 10.0])
        values = [level + rng.gauss(0, noise) for _ in range(length)]
        series.append([float(round(value)) for value in values] if number % 3 else values)
    directions = [list(Direction)[number % 3] for number in range(len(series))]
    targets = [values[-1] if values and number % 4 else None for number, values in enumerate(series)]
    rebase = {number: [len(series[number]) // 2] for number in range(0, len(series), 97)}
    _assert_same(series, directions, targets, rebase, spc)


def test_points_exactly_on_the_lines():
    """Limits from a 12-point baseline, then points placed exactly on the mean, the process limits and
    the two-sigma lines: every comparison there must go the engine's way."""
    rng = random.Random(11)
    series = []
    for number in range(300):
        base = [float(rng.randint(0, 9)) + (0.1 if number % 2 else 0.0) for _ in range(12)]
        for spc in (PLOTTHEDOTS, MAKING_DATA_COUNT):
            limits = process_limits(base, method=spc.limit_method, screen_outliers=spc.screen_outliers)
            lines = [limits.mean, limits.lower, limits.upper, limits.near_lower, limits.near_upper]
            series.append(base + [rng.choice(lines) for _ in range(rng.randint(1, 12))])
    directions = [list(Direction)[number % 3] for number in range(len(series))]
    targets = [values[-1] for values in series]
    for spc in (PLOTTHEDOTS, MAKING_DATA_COUNT):
        _assert_same(series, directions, targets, {}, dataclasses.replace(spc, baseline=12))


def test_values_that_are_not_finite():
    """Infinite and NaN values, and sums that overflow, give the engine's charts (NaN compared as such)."""
    series = [[1.0, math.inf, 3.0], [1.0, 2.0, math.nan], [1e308, 1e308, -1e308], [-math.inf, 0.0, 1.0]]
    for spc in (PLOTTHEDOTS, MAKING_DATA_COUNT):
        charts = xmr_charts(series, dataclasses.replace(spc, minimum_points=2))
        for number, values in enumerate(series):
            assert repr(charts.chart(number)) == repr(xmr_chart(values, dataclasses.replace(spc, minimum_points=2)))


def test_a_padded_array_with_lengths():
    """Whatever pads a row after its length (here NaN) takes no part."""
    values = np.array([[1.0, 2.0, 3.0, np.nan], [4.0, 4.0, 5.0, 9.0]])
    charts = xmr_charts(values, PLOTTHEDOTS, lengths=[3, 4], targets=np.array([np.nan, 4.5]))
    assert charts.chart(0) == xmr_chart([1.0, 2.0, 3.0], PLOTTHEDOTS)
    assert charts.chart(1) == xmr_chart([4.0, 4.0, 5.0, 9.0], PLOTTHEDOTS, target=4.5)
    assert not charts.charted_alone


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(any_float | st.integers(-9, 9).map(lambda whole: whole / 10), min_size=1, max_size=70)))
def test_sums_are_fsums(columns):
    """Every sum proved by ColumnSums is math.fsum's, the correctly rounded sum."""
    if not columns:
        return
    rows = max(map(len, columns))
    terms = np.zeros((rows, len(columns)))
    for number, column in enumerate(columns):
        terms[: len(column), number] = column
    magnitude = np.abs(terms).sum(axis=0)
    sums = ColumnSums()
    totals = sums.add(terms.copy(), magnitude, grid(terms), np.empty_like(terms), 0)
    doubtful = set(sums.doubtful().tolist())
    for number, column in enumerate(columns):
        if number not in doubtful:
            assert totals[number] == math.fsum(column)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(-99_999, 99_999), min_size=1, max_size=70), min_size=1), st.sampled_from([1, 10, 100])
)
def test_sums_of_decimals_are_proved_at_once(columns, scale):
    """Values with a few decimal places often sum to exactly halfway between two doubles; their grid
    proves such sums in the first pass, so that no column is left doubtful."""
    rows = max(map(len, columns))
    terms = np.zeros((rows, len(columns)))
    for number, column in enumerate(columns):
        terms[: len(column), number] = [whole / scale for whole in column]
    sums = ColumnSums()
    totals = sums.add(terms.copy(), np.abs(terms).sum(axis=0), grid(terms), np.empty_like(terms), 0)
    assert not sums.doubtful().size
    assert totals.tolist() == [math.fsum(column) for column in terms.T.tolist()]


def test_the_grid_of_a_column():
    """The spacing of doubles at the smallest nonzero |value|, whatever the signs; NaN without one."""
    columns = np.array([[3.0, -0.5, 0.0, 1e-310, 8.0, np.nan], [6.0, 2.0, 0.0, 1.0, np.inf, 4.0]])
    spacings = grid(columns).tolist()
    assert spacings[:2] + spacings[3:] == [2.0**-51, 2.0**-53, 2.0**-1074, 2.0**-49, 2.0**-50]
    assert math.isnan(spacings[2])
