"""An area against a benchmark value (Fingertips), and its position among peers.

The benchmark is a value (England, the region, a peer group's figure); the area brings its
confidence interval. Labels follow the measure's polarity: better and worse where one direction
is good, higher and lower where none is.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.measures import Polarity


class Comparison(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    # With two levels, beyond the outer (99.8%) interval too.
    BEST = "best"
    WORST = "worst"
    HIGHEST = "highest"
    LOWEST = "lowest"
    NOT_COMPARED = "not_compared"


@dataclass(frozen=True, slots=True)
class Bounds:
    lower: float
    upper: float


def _side(interval: Bounds, benchmark: float) -> int:
    """+1 when the whole interval is above the benchmark, -1 below, 0 when it holds it (ends included)."""
    return (interval.lower > benchmark) - (interval.upper < benchmark)


def _label(side: int, polarity: Polarity, *, outer: bool = False) -> Comparison:
    if side == 0:
        return Comparison.SIMILAR
    good = {Polarity.HIGHER: 1, Polarity.LOWER: -1}.get(polarity)
    if good is None:
        if side > 0:
            return Comparison.HIGHEST if outer else Comparison.HIGHER
        return Comparison.LOWEST if outer else Comparison.LOWER
    if side == good:
        return Comparison.BEST if outer else Comparison.BETTER
    return Comparison.WORST if outer else Comparison.WORSE


def compare(value: float | None, interval: Bounds | None, benchmark: float | None, polarity: Polarity) -> Comparison:
    """The area's interval against the benchmark value; not compared when anything is missing."""
    if value is None or interval is None or benchmark is None:
        return Comparison.NOT_COMPARED
    return _label(_side(interval, benchmark), polarity)


def compare_two_levels(
    value: float | None, inner: Bounds | None, outer: Bounds | None, benchmark: float | None, polarity: Polarity
) -> Comparison:
    """As `compare` with the 95% interval, then best or worst (highest or lowest) when the benchmark
    lies beyond the 99.8% interval as well."""
    if value is None or inner is None or outer is None or benchmark is None:
        return Comparison.NOT_COMPARED
    side = _side(inner, benchmark)
    return _label(side, polarity, outer=side != 0 and _side(outer, benchmark) == side)


def peer_band(value: float, peers: Sequence[float], bands: int = 4) -> int:
    """Which band (1 = lowest values … `bands`) of the peer group the value falls in: quartiles by
    default, 5 for quintiles. Cut points are the peers' inclusive quantiles; a value on a cut point
    belongs to the band below it."""
    if bands < 2:
        raise ValueError(f"need at least 2 bands, not {bands}")
    if len(peers) < 2:
        raise ValueError("a peer group needs at least 2 values")
    cuts = statistics.quantiles(peers, n=bands, method="inclusive")
    return 1 + sum(1 for cut in cuts if value > cut)
