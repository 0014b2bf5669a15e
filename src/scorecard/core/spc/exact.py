"""Row sums equal to `math.fsum`'s (the correctly rounded sum) for many rows at once, with a flag on
each row saying whether its sum is proved so; the caller sums the rest with `math.fsum` itself.

Each value is split on a grid fine enough for its row (the extraction of Rump, Ogita and Oishi,
"Accurate floating-point summation", SIAM J. Sci. Comput. 31(1), 2008): the high parts add up
exactly in any order, the small remainders in plain floating point with a known error bound. A
row is proved when that bound cannot carry the result across a rounding boundary, or when the
remainders are all zero. Data on a coarse grid (a few decimal digits) often lands exactly on a
boundary of the sum, so rows not proved at once have their remainders split a second time.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_UNIT = 2.0**-53  # unit roundoff of a double
_TINY = np.finfo(np.float64).smallest_subnormal

_Floats = NDArray[np.float64]


def _split(terms: _Floats, magnitude: _Floats) -> tuple[_Floats, _Floats, _Floats, _Floats]:
    """Each row's exact sum of high parts, the remainders, their plain sum and the sum of their sizes.
    `magnitude` is at least the row's sum of |x|, so sigma >= 2·sum|x| keeps every partial sum of the
    high parts a double on sigma's grid."""
    sigma = np.ldexp(1.0, np.frexp(np.where(magnitude > 0, magnitude, 1.0))[1] + 1)[:, None]
    high = (sigma + terms) - sigma
    low = terms - high  # exact: the rounding error of sigma + x
    return high.sum(axis=1), low, low.sum(axis=1), np.abs(low).sum(axis=1)


def _two_sum(first: _Floats, second: _Floats) -> tuple[_Floats, _Floats]:
    """Knuth: the rounded sum and its rounding error, which add up to first + second exactly."""
    total = first + second
    back = total - first
    return total, (first - (total - back)) + (second - back)


def _proved(total: _Floats, error: _Floats, spread: _Floats, count: int) -> NDArray[np.bool_]:
    """Whether the true sum, total + error + (at most 4·n·u·spread), rounds to total."""
    bound = 4 * count * _UNIT * spread + _TINY
    # Half the gap to the neighbouring doubles; toward zero from a power of two the gap halves.
    gap = np.spacing(np.abs(total)) * np.where(np.abs(np.frexp(total)[0]) == 0.5, 0.25, 0.5)
    return (spread == 0) | (np.abs(error) + bound < gap)


def row_sums(terms: _Floats) -> tuple[_Floats, NDArray[np.bool_]]:
    """The correctly rounded sum of each row of `terms`, and whether each row's sum is proved so."""
    count = terms.shape[1]
    with np.errstate(all="ignore"):
        exact, low, rest, spread = _split(terms, np.abs(terms).sum(axis=1))
        total, error = _two_sum(exact, rest)
        proved = _proved(total, error, spread, count)
        again = np.flatnonzero(~proved)
        if again.size:
            # exact + exact2 + rest2 (+ the remainders' rounding), each step's error carried along.
            exact2, _, rest2, spread2 = _split(low[again], spread[again])
            head, tail = _two_sum(exact[again], exact2)
            tail_rest = tail + rest2
            total2, error2 = _two_sum(head, tail_rest)
            total[again] = total2
            proved[again] = _proved(total2, np.abs(error2) + np.abs(tail_rest) * _UNIT, spread2, count)
    return total, proved
