"""Column sums equal to `math.fsum`'s (the correctly rounded sum) for many columns at once, with a flag
on each column saying whether its sum is proved so; the caller sums the rest with `math.fsum` itself.

Each value is split on a grid fine enough for its column (the extraction of Rump, Ogita and Oishi,
"Accurate floating-point summation", SIAM J. Sci. Comput. 31(1), 2008): the high parts add up
exactly in any order, the small remainders in plain floating point with a known error bound. A
column is proved when that bound cannot carry the result across a rounding boundary, or when the
remainders' sum is itself exact: every term is a multiple of the column's `grid` (the spacing of
doubles at its smallest nonzero |value|), so the remainders are too, and they are small enough that
no partial sum of them can round. The true sum then lies exactly one rounding from the result, which is correct even on
a tie, where the data's own grid often puts it. Columns proved neither way have their remainders
split a second time.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_UNIT = 2.0**-53  # unit roundoff of a double
_TINY = np.finfo(np.float64).smallest_subnormal
_EXPONENT = np.int64(0x7FF0000000000000)

_Floats = NDArray[np.float64]


def _grid(magnitude: _Floats) -> _Floats:
    """sigma >= 2·`magnitude`, a power of two (0 for 0): with `magnitude` at least a column's sum of
    |x|, every partial sum of the high parts is a double on sigma's grid."""
    # The exponent bits alone are the power of two at or below a double.
    below: _Floats = (magnitude.view(np.int64) & _EXPONENT).view(np.float64)
    return below * 4.0


def _split(terms: _Floats, sigma: _Floats, high: _Floats) -> tuple[_Floats, _Floats]:
    """Split `terms` in place into its remainders, with `high` as scratch; the exact sum of the high
    parts and the plain sum of the remainders. Each remainder is at most sigma·2^-53."""
    np.add(terms, sigma, out=high)
    np.subtract(high, sigma, out=high)
    np.subtract(terms, high, out=terms)  # exact: the rounding error of sigma + x
    return high.sum(axis=0), terms.sum(axis=0)


def grid(values: _Floats) -> _Floats:
    """A power of two that every value of each column, and the difference of any two, is a multiple of:
    the spacing of doubles at the column's smallest nonzero |value| (NaN if it has none, or only NaN)."""
    smallest = values.min(axis=0)
    positive = smallest > 0
    if not positive.all():  # rare: zeros or negative values
        mixed = np.flatnonzero(~positive)
        some = np.abs(values[:, mixed])
        smallest[mixed] = np.where(some > 0, some, np.inf).min(axis=0)
    spacing: _Floats = np.spacing(smallest)
    return spacing


def _two_sum(first: _Floats, second: _Floats) -> tuple[_Floats, _Floats]:
    """Knuth: the rounded sum and its rounding error, which add up to first + second exactly."""
    total = first + second
    back = total - first
    return total, (first - (total - back)) + (second - back)


def _proved(total: _Floats, error: _Floats, bound: _Floats) -> NDArray[np.bool_]:
    """Whether the true sum, total + error give or take `bound`, rounds to total."""
    # Half the gap to the neighbouring doubles; toward zero from a power of two the gap halves.
    gap = np.spacing(np.abs(total)) * np.where(np.abs(np.frexp(total)[0]) == 0.5, 0.25, 0.5)
    return np.abs(error) + bound + _TINY < gap


class ColumnSums:
    """Column sums of many blocks of columns. Each block's sums come at once from a first split; the
    few columns it cannot prove are kept and proved together at the end (`doubtful`), so that blocks
    pay no per-block cost for them."""

    def __init__(self) -> None:
        self._pending: list[tuple[NDArray[np.intp], _Floats, _Floats, _Floats, _Floats]] = []

    def add(self, terms: _Floats, magnitude: _Floats, spacing: _Floats, scratch: _Floats, first: int) -> _Floats:
        """The sums of `terms`' columns, numbered from `first`, rounded correctly unless `doubtful`
        names them later. `magnitude` is at least each column's sum of |x|, `spacing` a power of two
        that each column's terms are multiples of (see `grid`; NaN if none is known); `terms` is overwritten and
        `scratch` is an array of the same shape to work in."""
        count = terms.shape[0]
        with np.errstate(all="ignore"):
            sigma = _grid(magnitude)
            exact, rest = _split(terms, sigma, scratch)
            total = exact + rest
            # The remainders' sum is off by at most 2·n·u·sum|remainder| <= 2·n·u·n·sigma·2^-53.
            limit = sigma * (count * _UNIT)
            # No partial sum of the remainders can round (and no value was infinite or NaN).
            exact_rest = (limit <= spacing * 2.0**53) & np.isfinite(total)
            if exact_rest.all():
                return total
            total, error = _two_sum(exact, rest)
            again = np.flatnonzero(~(exact_rest | _proved(total, error, 4 * count * _UNIT * limit)))
        if again.size:
            self._pending.append((again + first, terms[:, again], exact[again], limit[again], total[again]))
        return total

    def doubtful(self) -> NDArray[np.intp]:
        """The columns whose sum is not proved correctly rounded: the remainders are split again, and
        exact + exact2 + rest2 summed with each step's rounding carried along."""
        if not self._pending:
            return np.zeros(0, dtype=np.intp)
        count = max(low.shape[0] for _, low, _, _, _ in self._pending)
        columns, exact, limit, first_total = (
            np.concatenate([pending[part] for pending in self._pending]) for part in (0, 2, 3, 4)
        )
        low = np.zeros((count, len(columns)))
        start = 0
        for _, part, _, _, _ in self._pending:
            low[: part.shape[0], start : start + part.shape[1]] = part
            start += part.shape[1]
        with np.errstate(all="ignore"):
            exact2, rest2 = _split(low, _grid(limit), np.empty_like(low))
            head, tail = _two_sum(exact, exact2)
            tail_rest = tail + rest2
            total, error = _two_sum(head, tail_rest)
            spread = np.abs(low).sum(axis=0)
            # With no remainders left the sum is exact: head + tail, rounded once.
            bound = np.abs(tail_rest) * _UNIT + 4 * count * _UNIT * spread
            proved = ((spread == 0) | _proved(total, error, bound)) & (total == first_total)
        return np.unique(columns[~proved])
