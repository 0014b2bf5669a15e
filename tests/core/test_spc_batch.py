"""The batch path against the per-series engine, which stays the definition: every chart `xmr_charts`
returns equals `xmr_chart`'s for the same series, floats compared exactly."""

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.core.spc.batch import xmr_charts
from scorecard.core.spc.chart import xmr_chart
from scorecard.core.spc.settings import MAKING_DATA_COUNT, PLOTTHEDOTS, Conflict, Direction, LimitMethod, SpcSettings

spc_settings = st.builds(
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

# Small integers give ties, constant stretches and points exactly on the mean and the lines.
levels = st.sampled_from([0.0, 1.0, 3.0, 100.0, 0.1, 1e6])
whole = st.integers(-5, 5).map(float)
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
        return [level + draw(whole) for _ in range(length)]
    return [draw(any_float) for _ in range(length)]


@st.composite
def batches(draw):
    series = draw(st.lists(one_series(), min_size=1, max_size=12))
    directions = draw(st.lists(st.sampled_from(list(Direction)), min_size=len(series), max_size=len(series)))
    targets = [draw(st.none() | st.sampled_from(values) | any_float) if values else None for values in series]
    rebase = {}
    for number, values in enumerate(series):
        if values and draw(st.integers(0, 4)) == 0:
            rebase[number] = draw(st.lists(st.integers(0, len(values)), max_size=2))
    return series, directions, targets, rebase


def _assert_same(series, directions, targets, rebase, spc):
    charts = xmr_charts(series, spc, directions=directions, targets=targets, rebase_at=rebase)
    for number, values in enumerate(series):
        expected = xmr_chart(
            values, spc, direction=directions[number], target=targets[number], rebase_at=rebase.get(number, ())
        )
        assert charts.chart(number) == expected, number


@settings(max_examples=400, deadline=None)
@given(batches(), spc_settings)
def test_the_batch_draws_the_charts_the_engine_draws(batch, spc):
    _assert_same(*batch, spc)


@settings(max_examples=100, deadline=None)
@given(batches(), st.sampled_from([PLOTTHEDOTS, MAKING_DATA_COUNT]))
def test_the_batch_with_the_presets(batch, spc):
    _assert_same(*batch, spc)
