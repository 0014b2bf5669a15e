"""Marks packed 64 series to a word, against the same runs and windows worked out point by point."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.spc import bits

# (points, 64 series) of marks, with long runs as likely as scattered marks.
marks = st.integers(1, 20).flatmap(
    lambda points: st.lists(
        st.lists(st.booleans(), min_size=points, max_size=points) | st.just([True] * points),
        min_size=64,
        max_size=64,
    )
)


def _packed(series):
    return bits.pack(np.array(series, dtype=bool).T.copy())


def _series(packed, count):
    return bits.unpack(packed)[:, :count].T.astype(bool).tolist()


@given(marks, st.integers(1, 9))
def test_runs_from(series, length):
    expected = [
        [all(points[start : start + length]) and start + length <= len(points) for start in range(len(points))]
        for points in series
    ]
    assert _series(bits.runs_from(_packed(series), length), 64) == expected


@given(marks, st.integers(1, 9))
def test_covered(series, length):
    expected = [
        [any(points[max(0, point - length + 1) : point + 1]) for point in range(len(points))] for points in series
    ]
    assert _series(bits.covered(_packed(series), length), 64) == expected


@given(marks, st.integers(0, 21))
def test_earlier(series, by):
    expected = [[*points[by:], *[False] * min(by, len(points))] for points in series]
    assert _series(bits.earlier(_packed(series), by), 64) == expected
