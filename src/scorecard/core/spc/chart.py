"""An XmR chart: sections with their limits, each point classified, and the summary icons."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.spc.limits import ProcessLimits, centre, process_limits
from scorecard.core.spc.rules import RULE_ORDER, Rule, shift, trend, two_in_three
from scorecard.core.spc.settings import Conflict, Direction, SpcSettings


class PointType(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEUTRAL_HIGH = "special_cause_neutral_high"
    NEUTRAL_LOW = "special_cause_neutral_low"


class VariationIcon(StrEnum):
    """What the latest point shows; high and low say which side of the mean the signal is."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class AssuranceIcon(StrEnum):
    """Whether the process, as it runs now, will meet the target."""

    CONSISTENT_PASS = "consistent_pass"
    CONSISTENT_FAIL = "consistent_fail"
    HIT_AND_MISS = "hit_and_miss"


@dataclass(frozen=True, slots=True)
class Section:
    """Points start..stop-1, between recalculations, with one mean and (given enough points) limits."""

    start: int
    stop: int
    mean: float
    limits: ProcessLimits | None


@dataclass(frozen=True, slots=True)
class Point:
    value: float
    section: Section
    point_type: PointType
    rule: Rule | None  # the rule behind the point type (the first in RULE_ORDER), None for common cause
    side: int  # +1 the signal is high, -1 low, 0 common cause


@dataclass(frozen=True, slots=True)
class Chart:
    points: tuple[Point, ...]
    sections: tuple[Section, ...]
    variation_icon: VariationIcon | None  # None when the latest section has too few points for limits
    assurance_icon: AssuranceIcon | None  # None also without a target or with a neutral direction


def sections(values: Sequence[float], rebase_at: Sequence[int], settings: SpcSettings) -> tuple[Section, ...]:
    """Split at each recalculation (the index of the first point of a new section) and work out limits
    from each section's baseline: its first `settings.baseline` points, or all of them."""
    if not values:
        return ()
    bounds = [*sorted({0, *(index for index in rebase_at if 0 < index < len(values))}), len(values)]
    found = []
    for start, stop in itertools.pairwise(bounds):
        basis = values[start : stop if settings.baseline is None else min(stop, start + settings.baseline)]
        limits = None
        if stop - start >= settings.minimum_points:
            limits = process_limits(basis, method=settings.limit_method, screen_outliers=settings.screen_outliers)
        found.append(Section(start, stop, limits.mean if limits else centre(basis), limits))
    return tuple(found)


def _signals(
    values: Sequence[float], found: Sequence[Section], settings: SpcSettings
) -> dict[int, list[tuple[Rule, int]]]:
    """Every (rule, side) flagging a point, by the point's index; unflagged points are absent. Rules run
    within each section, or along the whole series when the settings say so; points in a section without
    limits are in no rule, and break the runs they fall in."""
    count = len(values)
    sides, outside, beyond = [0] * count, [0] * count, [0] * count
    counted = [True] * count
    for section in found:
        limits = section.limits
        if limits is None:
            counted[section.start : section.stop] = [False] * (section.stop - section.start)
            continue
        mean, lower, upper = limits.mean, limits.lower, limits.upper
        near_lower, near_upper = limits.near_lower, limits.near_upper
        for index in range(section.start, section.stop):
            value = values[index]
            sides[index] = (value > mean) - (value < mean)
            outside[index] = beyond_limit = (value > upper) - (value < lower)
            if settings.two_in_three_counts_outside or not beyond_limit:
                beyond[index] = (value > near_upper) - (value < near_lower)
    flagged: dict[int, list[tuple[Rule, int]]] = {}
    spans = [(0, count)] if settings.rules_cross_sections else [(section.start, section.stop) for section in found]
    for start, stop in spans:
        for rule, flags in (
            (Rule.OUTSIDE, outside[start:stop]),
            (Rule.TWO_IN_THREE, two_in_three(beyond[start:stop], sides[start:stop])),
            (Rule.SHIFT, shift(sides[start:stop], settings.run_length)),
        ):
            for offset, side in enumerate(flags):
                if side:
                    flagged.setdefault(start + offset, []).append((rule, side))
        within = counted[start:stop]
        marks = trend(values[start:stop], settings.run_length, counted=None if all(within) else within)
        for offset, (rising, falling) in enumerate(marks):
            index = start + offset
            if rising and falling:
                # A peak or trough ends one run and starts the other: NHSRplotthedots takes the one it starts.
                ahead = (-1, 1) if values[index + 1] < values[index] else (1, -1)
                flagged.setdefault(index, []).extend((Rule.TREND, side) for side in ahead)
            elif rising or falling:
                flagged.setdefault(index, []).append((Rule.TREND, rising or falling))
    return flagged


_RANK = {rule: rank for rank, rule in enumerate(RULE_ORDER)}


def _classify(
    signals: list[tuple[Rule, int]], direction: Direction, conflict: Conflict
) -> tuple[PointType, Rule | None, int]:
    ordered = sorted(signals, key=lambda signal: _RANK[signal[0]])
    if direction is Direction.NEUTRAL:
        rule, side = ordered[0]
        return (PointType.NEUTRAL_HIGH if side > 0 else PointType.NEUTRAL_LOW), rule, side
    good = 1 if direction is Direction.INCREASE else -1
    if conflict is Conflict.IMPROVEMENT:
        ordered = [signal for signal in ordered if signal[1] == good] or ordered
    rule, side = ordered[0]
    return (PointType.IMPROVEMENT if side == good else PointType.CONCERN), rule, side


def _variation(point: Point) -> VariationIcon | None:
    if point.section.limits is None:
        return None
    if point.point_type is PointType.COMMON_CAUSE:
        return VariationIcon.COMMON_CAUSE
    kind = {PointType.IMPROVEMENT: "improvement", PointType.CONCERN: "concern"}.get(point.point_type, "neutral")
    return VariationIcon(f"{kind}_{'high' if point.side > 0 else 'low'}")


def assurance(limits: ProcessLimits | None, target: float | None, direction: Direction) -> AssuranceIcon | None:
    """Target beyond a limit: the process consistently passes or fails it; between them (or exactly on
    one, as NHSRplotthedots has it) it hits and misses."""
    if limits is None or target is None or direction is Direction.NEUTRAL:
        return None
    above = AssuranceIcon.CONSISTENT_FAIL if direction is Direction.INCREASE else AssuranceIcon.CONSISTENT_PASS
    below = AssuranceIcon.CONSISTENT_PASS if direction is Direction.INCREASE else AssuranceIcon.CONSISTENT_FAIL
    if target > limits.upper:
        return above
    if target < limits.lower:
        return below
    return AssuranceIcon.HIT_AND_MISS


def xmr_chart(
    values: Sequence[float],
    settings: SpcSettings,
    *,
    direction: Direction = Direction.NEUTRAL,
    target: float | None = None,
    rebase_at: Sequence[int] = (),
) -> Chart:
    """The chart of `values` (time order, no gaps): sections split at the `rebase_at` indexes, every
    point classified, and the icons for the latest point and section."""
    found = sections(values, rebase_at, settings)
    if not found:
        return Chart((), (), None, None)
    flagged = _signals(values, found, settings)
    common = (PointType.COMMON_CAUSE, None, 0)
    points = tuple(
        Point(
            values[index],
            section,
            *(_classify(flagged[index], direction, settings.conflict) if index in flagged else common),
        )
        for section in found
        for index in range(section.start, section.stop)
    )
    return Chart(points, found, _variation(points[-1]), assurance(found[-1].limits, target, direction))
