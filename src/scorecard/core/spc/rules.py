"""The four special-cause rules. Each takes a whole series and marks the points it flags with the
side of the signal: +1 high, -1 low, 0 not flagged."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class Rule(StrEnum):
    OUTSIDE = "outside"  # beyond a process limit
    SHIFT = "shift"  # a run on one side of the mean
    TREND = "trend"  # a run of rises or of falls
    TWO_IN_THREE = "two_in_three"  # two of three points beyond a two-sigma line


# NHSRplotthedots' precedence when a point is flagged by more than one rule; also the rule reported.
RULE_ORDER = (Rule.OUTSIDE, Rule.TREND, Rule.TWO_IN_THREE, Rule.SHIFT)


def _sign(number: float) -> int:
    return (number > 0) - (number < 0)


def shift(sides: Sequence[int], run_length: int) -> list[int]:
    """Every point of a run of at least `run_length` consecutive points on the same side of the mean.

    `sides` is the sign of each point's difference from its mean; a point on the mean (0) breaks a run.
    """
    flags = [0] * len(sides)
    start = 0
    for index in range(1, len(sides) + 1):
        if index == len(sides) or sides[index] != sides[start]:
            if sides[start] and index - start >= run_length:
                flags[start:index] = [sides[start]] * (index - start)
            start = index
    return flags


def trend(values: Sequence[float], run_length: int, *, counted: Sequence[bool] | None = None) -> list[tuple[int, int]]:
    """Every point of a run of at least `run_length` points each strictly above (or below) the one before.

    A tie breaks the run. A point at a peak or trough can belong to a rising and a falling run, so
    each point gets a pair (rising, falling) of 0/+1 and 0/-1. Points not `counted` break runs.
    """
    count = len(values)
    if count < 2:
        return [(0, 0)] * count
    steps = [0] + [_sign(values[index] - values[index - 1]) for index in range(1, count)]
    if counted is not None:
        steps = [step if counted[index] and counted[index - 1] else 0 for index, step in enumerate(steps)]
    rising = [0] * count
    falling = [0] * count
    start = 1  # runs of equal steps; steps[i] joins point i-1 to point i
    for index in range(2, count + 1):
        if index == count or steps[index] != steps[start]:
            if steps[start] and index - start >= run_length - 1:
                marks = rising if steps[start] > 0 else falling
                marks[start - 1 : index] = [steps[start]] * (index - start + 1)
            start = index
    return list(zip(rising, falling, strict=True))


def two_in_three(beyond: Sequence[int], sides: Sequence[int]) -> list[int]:
    """The points beyond a two-sigma line (`beyond`: +1 above the upper, -1 below the lower, 0 neither)
    that lie in a window of three consecutive points, all on one side of the mean, with at least two
    of them beyond that side's line."""
    flags = [0] * len(sides)
    for start in range(len(sides) - 2):
        side = sides[start]
        if side and sides[start + 1] == side and sides[start + 2] == side:
            hits = [index for index in range(start, start + 3) if beyond[index] == side]
            if len(hits) >= 2:
                for index in hits:
                    flags[index] = side
    return flags
