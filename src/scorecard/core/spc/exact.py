"""Column sums equal to `math.fsum`'s (the correctly rounded sum) for many columns at once, with a flag
on each column saying whether its sum is proved so; the caller sums the rest with `math.fsum` itself.

Each value is split on a grid fine enough for its column (the extraction of Rump, Ogita and Oishi,
"Accurate floating-point summation", SIAM J. Sci. Comput. 31(1), 2008): the high parts add up
exactly in any order, the small remainders in plain floating point with a known error bound. A
column is proved when that bound cannot carry the result across a rounding boundary, or when the
remainders are all zero. Data on a coarse grid (a few decimal digits) often lands exactly on a
boundary of the sum, so columns not proved at once have their remainders split a second time.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_UNIT = 2.0**-53  # unit roundoff of a double
_TINY = np.finfo(np.float64).smallest_subnormal

_Floats = NDArray[np.float64]


def _grid(magnitude: _Floats) -> _Floats:
    """sigma >= 2·`magnitude`, a power of two: with `magnitude` at least a column's sum of |x|, every
    partial sum of the high parts is a double on sigma's grid."""
    return np.ldexp(1.0, np.frexp(np.where(magnitude > 0, magnitude, 1.0))[1] + 1)


def _split(terms: _Floats, sigma: _Floats, high: _Floats) -> tuple[_Floats, _Floats]:
    """Split `terms` in place into its remainders, with `high` as scratch; the exact sum of the high
    parts and the plain sum of the remainders. Each remainder is at most sigma·2^-53."""
    np.add(terms, sigma, out=high)
    np.subtract(high, sigma, out=high)
    np.subtract(terms, high, out=terms)  # exact: the rounding error of sigma + x
    return high.sum(axis=0), terms.sum(axis=0)


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


def column_sums(terms: _Floats, magnitude: _Floats, scratch: _Floats) -> tuple[_Floats, NDArray[np.bool_]]:
    """The correctly rounded sum of each column of `terms`, and whether each column's sum is proved so.

    `magnitude` is at least each column's sum of |x|. `terms` is overwritten; `scratch` is an array
    of the same shape to work in."""
    count = terms.shape[0]
    with np.errstate(all="ignore"):
        sigma = _grid(magnitude)
        exact, rest = _split(terms, sigma, scratch)
        total, error = _two_sum(exact, rest)
        # The remainders' sum is off by at most 2·n·u·sum|remainder| <= 2·n·u·n·sigma·2^-53.
        limit = count * sigma * _UNIT
        proved = _proved(total, error, 4 * count * _UNIT * limit)
        again = np.flatnonzero(~proved)
        if again.size:
            # The remainders split again: exact + exact2 + rest2, each step's rounding carried along.
            low = terms[:, again]
            exact2, rest2 = _split(low, _grid(limit[again]), np.empty_like(low))
            head, tail = _two_sum(exact[again], exact2)
            tail_rest = tail + rest2
            total2, error2 = _two_sum(head, tail_rest)
            spread = np.abs(low).sum(axis=0)
            total[again] = total2
            # With no remainders left the sum is exact: head + tail, rounded once.
            bound = np.abs(tail_rest) * _UNIT + 4 * count * _UNIT * spread
            proved[again] = (spread == 0) | _proved(total2, error2, bound)
    return total, proved
