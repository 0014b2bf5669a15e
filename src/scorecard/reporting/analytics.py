"""Analytics beside RAG, as the measure pages and the report say them: the XmR chart of a measure's
figures, the interval of a rate and whether its latest change is significant, and its place among
comparators. The core does every calculation; this module chooses the settings, reads the printed
figures and puts the results into words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scorecard.core.assess import read_actual
from scorecard.core.comparisons import Bounds, Comparison, compare, peer_band
from scorecard.core.intervals import Interval, wilson
from scorecard.core.measures import Polarity
from scorecard.core.spc.chart import AssuranceIcon, PointType, VariationIcon, xmr_chart
from scorecard.core.spc.settings import MAKING_DATA_COUNT, Direction
from scorecard.core.targets import parse_target
from scorecard.core.values import Quantity, Unit, ValueParseError

# NHS England's own tool: runs of 6, no screening, limits only from 13 points.
SETTINGS = MAKING_DATA_COUNT
CONFIDENCE = 0.95
INTERVAL_METHOD = "Wilson score interval, 95%"
CHANGE_METHOD = "Newcombe's hybrid score interval for a difference of proportions, 95%"

_DIRECTIONS = {Polarity.HIGHER: Direction.INCREASE, Polarity.LOWER: Direction.DECREASE}

VARIATION_MEANINGS = {
    VariationIcon.COMMON_CAUSE: "Common cause variation: no sign of change beyond the usual ups and downs",
    VariationIcon.IMPROVEMENT_HIGH: "Special cause improvement: unusually high, and higher is better",
    VariationIcon.IMPROVEMENT_LOW: "Special cause improvement: unusually low, and lower is better",
    VariationIcon.CONCERN_HIGH: "Special cause concern: unusually high, and lower is better",
    VariationIcon.CONCERN_LOW: "Special cause concern: unusually low, and higher is better",
    VariationIcon.NEUTRAL_HIGH: "Special cause variation, unusually high (neither direction is better)",
    VariationIcon.NEUTRAL_LOW: "Special cause variation, unusually low (neither direction is better)",
}
ASSURANCE_MEANINGS = {
    AssuranceIcon.CONSISTENT_PASS: "Consistently passing: the target lies outside the process limits, on the good side",
    AssuranceIcon.CONSISTENT_FAIL: "Consistently failing: the target lies outside the process limits, on the bad side",
    AssuranceIcon.HIT_AND_MISS: "Hit and miss: the target lies within the process limits, so it will be met some "
    "periods and not others",
}
ASSURANCE_SHAPES = {
    AssuranceIcon.CONSISTENT_PASS: "triangle",
    AssuranceIcon.CONSISTENT_FAIL: "square",
    AssuranceIcon.HIT_AND_MISS: "circle",
}
POINT_LABELS = {
    PointType.COMMON_CAUSE: "Common cause",
    PointType.IMPROVEMENT: "Special cause improvement",
    PointType.CONCERN: "Special cause concern",
    PointType.NEUTRAL_HIGH: "Special cause, high",
    PointType.NEUTRAL_LOW: "Special cause, low",
}
# Shown beside the words, so no reading depends on colour: the report's and the pages' shapes.
SHAPES = {"common": "circle", "improvement": "triangle", "concern": "square", "neutral": "diamond"}


def shape(kind: str) -> str:
    """The shape for a point type or variation icon (`special_cause_concern`, `concern_high`, …)."""
    return next((drawn for word, drawn in SHAPES.items() if word in kind), "circle")


@dataclass(frozen=True, slots=True)
class Observation:
    """A measure's figures for one period, as printed."""

    period: str
    actual: str
    target: str = ""


@dataclass(frozen=True, slots=True)
class Comparator:
    """A comparator group's figures for one measure and period: its own value (with its interval
    where published) and its members' values, either of which may be absent."""

    group: str
    kind: str  # "England", "Region", "Statistical neighbours", "Peer group"
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    peers: tuple[float, ...] = ()


def number(value: float) -> str:
    """A figure for a sentence: up to two decimal places, thousands grouped, no trailing zeros."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _quantity(printed: str) -> Quantity | None:
    try:
        value = read_actual(printed)
    except ValueParseError:
        return None
    return value if isinstance(value, Quantity) else None


def _target(printed: str) -> float | None:
    try:
        value = parse_target(printed).value if printed.strip() else None
    except ValueParseError:
        return None
    return float(value.amount) if isinstance(value, Quantity) else None


@dataclass(frozen=True, slots=True)
class ProcessPoint:
    period: str
    value: float
    mean: float
    lower: float | None  # the process limits; None where the section has too few points
    upper: float | None
    point_type: PointType
    rule: str  # the rule behind a special cause: outside, shift, trend, two_in_three

    @property
    def label(self) -> str:
        return POINT_LABELS[self.point_type] + (f" ({self.rule.replace('_', ' ')})" if self.rule else "")

    @property
    def shape(self) -> str:
        return shape(self.point_type.value)


@dataclass(frozen=True, slots=True)
class ProcessReading:
    """The XmR chart of a measure's figures: its points and icons."""

    points: tuple[ProcessPoint, ...]
    needed: int  # the fewest points for limits and icons
    variation: VariationIcon | None
    assurance: AssuranceIcon | None

    @property
    def summary(self) -> str:
        """One sentence saying what the chart shows."""
        return _process_summary(self)

    @property
    def has_limits(self) -> bool:
        return bool(self.points) and self.points[-1].lower is not None

    @property
    def calls_for_a_look(self) -> bool:
        """Whether the chart belongs before a board (as Making Data Count puts it): the latest point
        is a special cause, or the process as it runs will consistently fail its target."""
        return self.urgency is not None

    @property
    def urgency(self) -> int | None:
        """How pressing a look is, most pressing lowest: a special cause of concern, then a process
        that will consistently fail its target, then any other special cause; None for no look."""
        if self.variation in (VariationIcon.CONCERN_HIGH, VariationIcon.CONCERN_LOW):
            return 0
        if self.assurance is AssuranceIcon.CONSISTENT_FAIL:
            return 1
        if self.variation is not None and self.variation is not VariationIcon.COMMON_CAUSE:
            return 2
        return None

    @property
    def variation_meaning(self) -> str:
        return VARIATION_MEANINGS[self.variation] if self.variation else ""

    @property
    def assurance_meaning(self) -> str:
        return ASSURANCE_MEANINGS[self.assurance] if self.assurance else ""

    @property
    def variation_shape(self) -> str:
        return shape(self.variation.value) if self.variation else ""

    @property
    def assurance_shape(self) -> str:
        return ASSURANCE_SHAPES[self.assurance] if self.assurance else ""


def process_reading(observations: Sequence[Observation], polarity: Polarity) -> ProcessReading:
    """The chart of every figure held as a number, oldest first; figures without one (not available,
    a note) are left out and their neighbours joined, as `scorecard stats spc` does."""
    held = [(o, q) for o in observations if (q := _quantity(o.actual)) is not None]
    direction = _DIRECTIONS.get(polarity, Direction.NEUTRAL)
    targets = [t for o, _ in held if (t := _target(o.target)) is not None]
    values = [float(quantity.amount) for _, quantity in held]
    chart = xmr_chart(values, SETTINGS, direction=direction, target=targets[-1] if targets else None)
    points = tuple(
        ProcessPoint(
            observation.period,
            point.value,
            point.section.mean,
            point.section.limits.lower if point.section.limits else None,
            point.section.limits.upper if point.section.limits else None,
            point.point_type,
            point.rule.value if point.rule else "",
        )
        for (observation, _), point in zip(held, chart.points, strict=True)
    )
    return ProcessReading(points, SETTINGS.minimum_points, chart.variation_icon, chart.assurance_icon)


def _process_summary(reading: ProcessReading) -> str:
    points = reading.points
    if not points:
        return "No figures are held as numbers, so there is no chart."
    span = f"{len(points)} point{'s' if len(points) != 1 else ''} from {points[0].period} to {points[-1].period}"
    if not reading.has_limits:
        return (
            f"{span}: too few for process limits, which need {reading.needed}, so the chart shows the mean "
            f"({number(points[-1].mean)}) only and no point is judged special cause."
        )
    latest = points[-1]
    special = sum(1 for point in points if point.point_type is not PointType.COMMON_CAUSE)
    text = (
        f"{span}: mean {number(latest.mean)}, process limits {number(latest.lower or 0)} to "
        f"{number(latest.upper or 0)}; {special} point{'s' if special != 1 else ''} special cause; latest: "
        f"{reading.variation_meaning[0].lower()}{reading.variation_meaning[1:]}"
    )
    return text + (
        f"; {reading.assurance_meaning.split(':')[0].lower()} against the target." if reading.assurance else "."
    )


@dataclass(frozen=True, slots=True)
class Rate:
    """A figure held as numerator/denominator, with its Wilson interval."""

    period: str
    printed: str
    numerator: float
    denominator: float
    interval: Interval
    percent: bool  # printed as a percentage, so the interval is too

    def figure(self, value: float) -> str:
        return number(value) + ("%" if self.percent else "")

    @property
    def summary(self) -> str:
        return (
            f"The 95% confidence interval of {self.printed} ({self.period}) is {self.figure(self.interval.lower)} to "
            f"{self.figure(self.interval.upper)} ({INTERVAL_METHOD})."
        )


def rate(observation: Observation) -> Rate | None:
    quantity = _quantity(observation.actual)
    if quantity is None or quantity.numerator is None or quantity.denominator is None:
        return None
    percent = quantity.unit is Unit.PERCENT
    numerator, denominator = float(quantity.numerator), float(quantity.denominator)
    interval = wilson(numerator, denominator, CONFIDENCE, 100 if percent else 1)
    return Rate(observation.period, observation.actual, numerator, denominator, interval, percent)


@dataclass(frozen=True, slots=True)
class ChangeTest:
    """Whether the latest rate differs from the previous one by more than chance: both intervals,
    and the interval of the difference (latest minus previous), significant when it excludes 0."""

    previous: Rate
    latest: Rate
    difference: Interval
    significant: bool

    @property
    def summary(self) -> str:
        change = self.difference.value
        moved = "a rise" if change > 0 else "a fall" if change < 0 else "no change"
        size = f" of {number(abs(change))}{' percentage points' if self.latest.percent else ''}" if change else ""
        verdict = "statistically significant" if self.significant else "not statistically significant"
        holds = "excludes" if self.significant else "includes"
        return (
            f"{self.latest.printed} in {self.latest.period} against {self.previous.printed} in "
            f"{self.previous.period}: {moved}{size}, {verdict} (the 95% interval of the difference, "
            f"{number(self.difference.lower)} to {number(self.difference.upper)}, {holds} no change; {CHANGE_METHOD})."
        )


def change_test(previous: Observation, latest: Observation) -> ChangeTest | None:
    """The latest rate against the previous one; None unless both are numerator/denominator in one unit."""
    before, after = rate(previous), rate(latest)
    if before is None or after is None or before.percent != after.percent:
        return None
    one, two = before.interval, after.interval
    change = two.value - one.value
    # Newcombe (1998), method 10: each side from the two Wilson intervals' distances to their estimates.
    lower = change - math.sqrt((two.value - two.lower) ** 2 + (one.upper - one.value) ** 2)
    upper = change + math.sqrt((two.upper - two.value) ** 2 + (one.value - one.lower) ** 2)
    return ChangeTest(before, after, Interval(change, lower, upper), lower > 0 or upper < 0)


_GOOD = {Polarity.HIGHER: "higher is better", Polarity.LOWER: "lower is better"}
_WORDS = {
    Comparison.BETTER: "better than",
    Comparison.WORSE: "worse than",
    Comparison.SIMILAR: "similar to",
    Comparison.HIGHER: "higher than",
    Comparison.LOWER: "lower than",
    Comparison.NOT_COMPARED: "not compared with",
}


@dataclass(frozen=True, slots=True)
class Position:
    """The council's figure against one comparator group."""

    group: str
    kind: str
    value: float | None
    lower: float | None
    upper: float | None
    comparison: Comparison
    by_interval: bool  # judged with the council's confidence interval; else by the values alone
    quartile: int | None  # 1 = the lowest quarter of the group's members' values
    peers: int
    good: str  # "higher is better", or "" where neither is

    @property
    def word(self) -> str:
        return self.comparison.value.replace("_", " ").capitalize()

    @property
    def shape(self) -> str:
        return {Comparison.BETTER: "triangle", Comparison.WORSE: "square"}.get(self.comparison, "circle")

    @property
    def summary(self) -> str:
        parts = []
        if self.value is not None:
            how = "95% interval" if self.by_interval else "values alone, as no interval is held"
            parts.append(f"{_WORDS[self.comparison]} {self.group} ({number(self.value)}; by the {how})")
        if self.quartile is not None:
            good = f"; {self.good}" if self.good else ""
            parts.append(
                f"in quartile {self.quartile} of 4 among the {self.peers} members of {self.group} (1 = lowest{good})"
            )
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "."


def positions(latest: Observation, comparators: Sequence[Comparator], polarity: Polarity) -> tuple[Position, ...]:
    """The latest figure against each comparator: better, similar or worse by polarity (higher or
    lower where neither is better), and its quartile among the group's members where they are held."""
    quantity = _quantity(latest.actual)
    if quantity is None:
        return ()
    value = float(quantity.amount)
    held = rate(latest)
    interval = Bounds(held.interval.lower, held.interval.upper) if held else Bounds(value, value)
    found = []
    for comparator in comparators:
        comparison = compare(value, interval, comparator.value, polarity)
        quartile = peer_band(value, comparator.peers) if len(comparator.peers) >= 2 else None
        found.append(
            Position(
                comparator.group,
                comparator.kind,
                comparator.value,
                comparator.lower,
                comparator.upper,
                comparison,
                held is not None,
                quartile,
                len(comparator.peers),
                _GOOD.get(polarity, ""),
            )
        )
    return tuple(found)
