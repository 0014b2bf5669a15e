"""Charts drawn on the server as SVG, for the pages, the report and its PDF alike: the geometry
here, the markup in `templates/_charts.html.j2`. Each chart sits beside a table of its data, so
nothing is only in the picture."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from markupsafe import Markup

from scorecard.reporting.analytics import ProcessReading, number
from scorecard.reporting.counts import StatusCounts
from scorecard.reporting.templating import environment

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 48, 16, 48
LABEL_WIDTH, BAR_HEIGHT, BAR_GAP = 220, 28, 16  # the status bars: theme names to the left
NO_STATUS_COLOUR = "#b1b4b6"
PERIOD_LABELS = 6  # at most this many period labels under a chart: "Q2 2018/19" is about 75 units wide


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    value: str


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


class _Drawn:
    """A chart drawn by the macro of its name; `key` makes its element ids unique on a page."""

    __slots__ = ()
    macro: ClassVar[str]
    key: str

    @property
    def svg(self) -> Markup:
        drawn: Markup = getattr(environment().get_template("_charts.html.j2").module, self.macro)(self)
        return drawn


class _Axes(_Drawn):
    """The plot area every chart on axes shares: its size, and the edges its axes are drawn on."""

    __slots__ = ()
    width: ClassVar[int] = WIDTH
    height: ClassVar[int] = HEIGHT
    baseline: ClassVar[int] = HEIGHT - BOTTOM
    right: ClassVar[int] = WIDTH - RIGHT
    left: ClassVar[int] = LEFT


@dataclass(frozen=True, slots=True)
class LineChart(_Axes):
    title: str
    actual: Series
    target: Series
    periods: tuple[Tick, ...]
    scale: tuple[Tick, ...]
    comparator: Series = Series("", ())  # a comparator group's value where held, named after it
    key: str = "line-chart"
    macro: ClassVar[str] = "line_chart"

    @property
    def has_points(self) -> bool:
        return bool(self.actual.points or self.target.points)


def _nice_scale(low: Decimal, high: Decimal) -> list[Decimal]:
    """About five round ticks covering low..high, from zero where the figures are all positive."""
    low = min(low, Decimal(0))
    span = (high - low) or abs(high) or Decimal(1)
    raw = span / 4
    magnitude = Decimal(10) ** raw.adjusted()
    step = next(m * magnitude for m in (Decimal(1), Decimal(2), Decimal(5), Decimal(10)) if m * magnitude >= raw)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [first]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where values and periods fall in the plot: the scale's ticks, y for a value, x for a position."""

    scale: tuple[Decimal, ...]
    step: float

    def y(self, value: Decimal) -> float:
        bottom, top = self.scale[0], self.scale[-1]
        return TOP + (HEIGHT - TOP - BOTTOM) * float((top - value) / (top - bottom))

    def x(self, index: int) -> float:
        return LEFT + index * self.step

    def ticks(self) -> tuple[Tick, ...]:
        return tuple(Tick(self.y(t), f"{t.normalize():f}") for t in self.scale)

    def periods(self, labels: Sequence[str]) -> tuple[Tick, ...]:
        every = math.ceil(len(labels) / PERIOD_LABELS)
        return tuple(Tick(self.x(i), label) for i, label in enumerate(labels) if i % every == 0)


def _frame(numbers: Sequence[Decimal], count: int) -> _Frame:
    return _Frame(tuple(_nice_scale(min(numbers), max(numbers))), (WIDTH - LEFT - RIGHT) / max(count - 1, 1))


def line_chart(
    title: str,
    values: Sequence[tuple[str, Decimal | None, Decimal | None]],
    comparator: tuple[str, Sequence[Decimal | None]] = ("", ()),
) -> LineChart:
    """Actual and target over periods, oldest first, and a comparator group's value in each period
    where held (its name, then its values in the same order); a period without a number leaves a gap."""
    name, compared = comparator
    numbers = [v for _, actual, target in values for v in (actual, target) if v is not None]
    numbers += [v for v in compared if v is not None]
    if not numbers:
        return LineChart(title, Series("Actual", ()), Series("Target", ()), (), ())
    frame = _frame(numbers, len(values))

    def series(name: str, amounts: Sequence[Decimal | None]) -> Series:
        return Series(
            name,
            tuple(
                Point(frame.x(i), frame.y(value), f"{value.normalize():f}")
                for i, value in enumerate(amounts)
                if value is not None
            ),
        )

    return LineChart(
        title,
        series("Actual", [row[1] for row in values]),
        series("Target", [row[2] for row in values]),
        frame.periods([label for label, _, _ in values]),
        frame.ticks(),
        series(name, compared),
    )


@dataclass(frozen=True, slots=True)
class Marker:
    """A point of an XmR chart, drawn in the shape of its kind and titled with it in words."""

    x: float
    y: float
    shape: str  # circle, triangle, square, diamond
    text: str  # "Q2 2018/19: 40.4, special cause concern (shift)"

    @property
    def outline(self) -> str:
        """The polygon for the shapes SVG has no element for."""
        x, y = self.x, self.y
        if self.shape == "triangle":
            return f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y + 5:.1f} {x - 7:.1f},{y + 5:.1f}"
        return f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"


@dataclass(frozen=True, slots=True)
class ProcessChart(_Axes):
    """An XmR chart: the figures joined, the mean, and the process limits where there are enough points."""

    title: str
    values: Series
    mean: Series
    lower: Series  # empty when the latest section has too few points for limits
    upper: Series
    markers: tuple[Marker, ...]
    periods: tuple[Tick, ...]
    scale: tuple[Tick, ...]
    key: str = "process-chart"
    macro: ClassVar[str] = "process_chart"


def process_chart(title: str, reading: ProcessReading, key: str = "process-chart") -> ProcessChart | None:
    """The reading's points, mean and limits drawn on one scale; None without points."""
    points = reading.points
    if not points:
        return None
    limits = [limit for point in points for limit in (point.lower, point.upper) if limit is not None]
    numbers = [Decimal(repr(v)) for v in [*(point.value for point in points), *limits]]
    frame = _frame(numbers, len(points))

    def line(name: str, values: Sequence[float | None]) -> Series:
        return Series(
            name,
            tuple(
                Point(frame.x(i), frame.y(Decimal(repr(value))), number(value))
                for i, value in enumerate(values)
                if value is not None
            ),
        )

    values = line("Value", [point.value for point in points])
    markers = tuple(
        Marker(drawn.x, drawn.y, point.shape, f"{point.period}: {drawn.value}, {point.label.lower()}")
        for drawn, point in zip(values.points, points, strict=True)
    )
    return ProcessChart(
        title,
        values,
        line("Mean", [point.mean for point in points]),
        line("Lower process limit", [point.lower for point in points]),
        line("Upper process limit", [point.upper for point in points]),
        markers,
        frame.periods([point.period for point in points]),
        frame.ticks(),
        key,
    )


@dataclass(frozen=True, slots=True)
class Segment:
    x: float
    width: float
    colour: str
    code: str
    count: int


@dataclass(frozen=True, slots=True)
class Bar:
    y: float
    label: str
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class BarChart(_Drawn):
    title: str
    bars: tuple[Bar, ...]
    height: int
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT
    key: str = "status-chart"
    macro: ClassVar[str] = "status_chart"


def status_bars(title: str, rows: Sequence[tuple[str, StatusCounts]]) -> BarChart:
    """One bar per row: its measures by shown status, banded first, those without a band last."""
    longest = max((counts.total for _, counts in rows), default=0) or 1
    per_measure = (WIDTH - LABEL_WIDTH - RIGHT) / longest
    bars = []
    for index, (label, counts) in enumerate(rows):
        x = float(LABEL_WIDTH)
        segments = []
        for column in counts.columns:
            if column.count:
                colour = column.band.colour if column.band else NO_STATUS_COLOUR
                segments.append(
                    Segment(
                        x, column.count * per_measure, colour, column.band.code if column.band else "none", column.count
                    )
                )
                x += column.count * per_measure
        bars.append(Bar(TOP + index * (BAR_HEIGHT + BAR_GAP), label, counts.total, tuple(segments)))
    return BarChart(title, tuple(bars), TOP * 2 + len(rows) * (BAR_HEIGHT + BAR_GAP))


def table_rows(rows: Sequence[tuple[str, StatusCounts]]) -> list[tuple[str, StatusCounts]]:
    """The rows for a counts table: every band column, but only the no-band reasons some row has."""
    kept = {column.key for _, counts in rows for column in counts.columns if column.band is not None or column.count}
    return [(name, StatusCounts(tuple(c for c in counts.columns if c.key in kept))) for name, counts in rows]
