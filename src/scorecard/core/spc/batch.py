"""Many XmR charts at once: the same charts `xmr_chart` draws, worked out with NumPy over all series
together, for pages, reports and benchmarks that chart thousands of measures.

`xmr_chart` stays the definition; a differential test holds this module to it, floats included.
Series with a recalculation (`rebase_at` inside the series) or no points are charted by `xmr_chart`
itself, one by one. So are the few whose mean or MRbar cannot be proved equal to `math.fsum`'s (see
`exact`). Everything else (screening, baselines, minimum points, run lengths, both two-in-three
variants, both conflict settings, unequal lengths) is vectorised: limits from exact column sums,
and the four rules on marks packed 64 series to a word (`bits`), where a run along time is a few
shifts and ANDs of whole rows of words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from scorecard.core.spc import bits
from scorecard.core.spc.chart import (
    AssuranceIcon,
    Chart,
    Point,
    PointType,
    Section,
    VariationIcon,
    xmr_chart,
)
from scorecard.core.spc.exact import ColumnSums, grid
from scorecard.core.spc.limits import SCREEN, ProcessLimits
from scorecard.core.spc.rules import RULE_ORDER, Rule
from scorecard.core.spc.settings import Conflict, Direction, SpcSettings

# The codes in the arrays of `Charts`: an index into these tuples (-1 for no icon, 0 for no rule).
POINT_TYPES = tuple(PointType)
RULES: tuple[Rule | None, ...] = (None, *RULE_ORDER)
VARIATION_ICONS = tuple(VariationIcon)
ASSURANCE_ICONS = tuple(AssuranceIcon)

_GOOD_SIDE = {Direction.INCREASE: 1, Direction.DECREASE: -1, Direction.NEUTRAL: 0}
_DIRECTIONS = {side: direction for direction, side in _GOOD_SIDE.items()}

_Floats = NDArray[np.float64]
_Codes = NDArray[np.int8]

# Series whose limits and comparisons are worked out together, in the same working arrays: small
# enough for those to be faulted in once a call and to stay close to the processor.
_BLOCK = 1024
# Series turned into columns at a time: their rows of values and the columns written stay in the cache.
_TRANSPOSED = 128
# The most bytes an array of marks takes while the rules run: as many series go together as keep each
# under the size at which the allocator maps fresh memory for it (128 KiB), which for series of up
# to 60 points is all of 10,000 series at once.
_MARKS_BYTES = 120 * 1024


@dataclass(frozen=True, slots=True)
class Charts:
    """The charts of many series, as arrays with one row a series (points padded to the longest).

    Limits are per series (one section each); series charted one by one are in `charted_alone` and
    have NaN limits here. `chart(number)` gives any series' `Chart`, equal to `xmr_chart`'s."""

    values: _Floats  # (series, points), padded
    lengths: NDArray[np.intp]
    good_sides: _Codes  # +1 higher is better, -1 lower, 0 neutral
    means: _Floats  # the centre line, with or without limits
    moving_ranges: _Floats  # NaN without limits
    lowers: _Floats
    uppers: _Floats
    near_lowers: _Floats
    near_uppers: _Floats
    # Each point's type and rule, packed: the binary digits (lowest first) of its index into POINT_TYPES,
    # then of its index into RULES, as (6, points, series / 64) words, series s at bit s % 64.
    digits: bits.Marks
    variation_icons: _Codes  # index into VARIATION_ICONS, -1 for none
    assurance_icons: _Codes  # index into ASSURANCE_ICONS, -1 for none
    charted_alone: Mapping[int, Chart]

    def __len__(self) -> int:
        return len(self.lengths)

    def point_types(self) -> _Codes:
        """(series, points): index into POINT_TYPES; unpacked on each call."""
        return self._unpacked(0)

    def rules(self) -> _Codes:
        """(series, points): index into RULES, 0 for common cause; unpacked on each call."""
        return self._unpacked(3)

    def _unpacked(self, first: int) -> _Codes:
        low, middle, high = bits.unpack(self.digits[first : first + 3])[:, :, : len(self)].astype(np.int8)
        codes: _Codes = (low | (middle << 1) | (high << 2)).T
        return codes

    def codes(self, number: int) -> tuple[list[int], list[int]]:
        """One series' point types and rules, as indexes into POINT_TYPES and RULES."""
        word, bit = divmod(number, 64)
        digits = (self.digits[:, : self.lengths[number], word] >> np.uint64(bit)) & np.uint64(1)
        kinds, rules = (digits[first] | (digits[first + 1] << 1) | (digits[first + 2] << 2) for first in (0, 3))
        return kinds.tolist(), rules.tolist()

    def chart(self, number: int) -> Chart:
        """The series' chart, as `xmr_chart` gives it."""
        if number in self.charted_alone:
            return self.charted_alone[number]
        length = int(self.lengths[number])
        mean = float(self.means[number])
        limits = None
        if not np.isnan(self.moving_ranges[number]):
            limits = ProcessLimits(
                mean,
                float(self.moving_ranges[number]),
                float(self.lowers[number]),
                float(self.uppers[number]),
                float(self.near_lowers[number]),
                float(self.near_uppers[number]),
            )
        section = Section(0, length, mean, limits)
        good = int(self.good_sides[number])
        points = tuple(
            Point(value, section, POINT_TYPES[kind], RULES[rule], _side(POINT_TYPES[kind], good))
            for value, kind, rule in zip(self.values[number, :length].tolist(), *self.codes(number), strict=True)
        )
        variation, assured = int(self.variation_icons[number]), int(self.assurance_icons[number])
        return Chart(
            points,
            (section,),
            VARIATION_ICONS[variation] if variation >= 0 else None,
            ASSURANCE_ICONS[assured] if assured >= 0 else None,
        )


def _side(kind: PointType, good: int) -> int:
    if kind is PointType.COMMON_CAUSE:
        return 0
    if kind is PointType.NEUTRAL_HIGH:
        return 1
    if kind is PointType.NEUTRAL_LOW:
        return -1
    return good if kind is PointType.IMPROVEMENT else -good


def xmr_charts(
    series: Sequence[Sequence[float]] | _Floats,
    settings: SpcSettings,
    *,
    lengths: Sequence[int] | NDArray[np.intp] | None = None,
    directions: Sequence[Direction] | Direction = Direction.NEUTRAL,
    targets: Sequence[float | None] | _Floats | None = None,
    rebase_at: Mapping[int, Sequence[int]] | None = None,
) -> Charts:
    """The chart of every series, as `xmr_chart(series[i], settings, direction=directions[i],
    target=targets[i], rebase_at=rebase_at.get(i, ()))` would draw it.

    `series` is a list of value lists of any lengths, or a 2-D array whose rows are padded (with
    anything) after `lengths` points (every row full when `lengths` is None). In an array of targets
    NaN means none; in a list None does. Series with a recalculation are charted by `xmr_chart`."""
    values, counts = _as_rows(series, lengths)
    number, width = values.shape
    good = _good_sides(directions, number)
    has_limits = counts >= settings.minimum_points
    # Limits and comparisons go block by block through the same working arrays (one column a series,
    # time running down); the rules then run on the packed marks of every series at once. Blocks are
    # whole words of 64 series, padded with full-length constant series, which change nothing.
    block_series = min(_BLOCK, -(-number // 64) * 64)
    total = -(-number // block_series) * block_series
    padding = total - number
    padded_counts = np.concatenate([counts, np.full(padding, width, dtype=np.intp)])
    padded_good = np.concatenate([good, np.zeros(padding, dtype=np.int8)])
    padded_limits = padded_counts >= settings.minimum_points
    lines, marks, sums = _lines_and_marks(values, padded_counts, padded_limits, settings, block_series)
    # The rules in groups of words small enough for their arrays to stay off fresh memory pages. Each
    # group's digits take the place of the marks they came from: no fresh memory for them either.
    planes = marks[:6]
    together = 64 * max(1, _MARKS_BYTES // (8 * width))
    for start in range(0, total, together):
        group, words = slice(start, start + together), slice(start // 64, (start + together) // 64)
        digits = _classify(marks[:, :, words], padded_counts[group], padded_limits[group], padded_good[group], settings)
        for plane, digit in zip(planes, digits, strict=True):
            plane[:, words] = digit
    lines = lines[:, :number]
    target, nan_targets = _targets(targets, number)
    means, moving_ranges, lowers, uppers, near_lowers, near_uppers = lines
    charts = Charts(
        values,
        counts,
        good,
        means,
        moving_ranges,
        lowers,
        uppers,
        near_lowers,
        near_uppers,
        planes,
        _variation_icons(planes, counts, has_limits, good),
        _assurance_icons(lowers, uppers, target, good),
        {},
    )
    rebased = [row for row, starts in (rebase_at or {}).items() if any(0 < start < counts[row] for start in starts)]
    doubtful = sums.doubtful()
    alone = {*doubtful[doubtful < number].tolist(), *np.flatnonzero(counts == 0).tolist(), *rebased, *nan_targets}
    if not alone:
        return charts
    return _chart_alone(charts, alone, settings, target, set(nan_targets), rebase_at or {})


def _lines_and_marks(
    values: _Floats, counts: NDArray[np.intp], has_limits: NDArray[np.bool_], settings: SpcSettings, series: int
) -> tuple[_Floats, bits.Marks, ColumnSums]:
    """Every series' lines and the packed comparisons of its points, `series` at a time. The working
    arrays are freed on return, so that the rules' arrays can take their place in memory."""
    total, width = len(counts), values.shape[1]
    space = _Workspace.sized(width, series)
    lines = np.empty((6, total))  # mean, MRbar, lower, upper, near lower, near upper
    sums = ColumnSums()
    marks = np.empty((8, width, total // 64), dtype=np.uint64)
    # NaN and infinite values go through as they would in `xmr_chart`; their sums are left to it.
    with np.errstate(all="ignore"):
        for start in range(0, total, series):
            block, words = slice(start, start + series), slice(start // 64, (start + series) // 64)
            lines[:, block], marks[:, :, words] = _block_marks(
                values[block], counts[block], has_limits[block], settings, space, sums, start
            )
    return lines, marks, sums


@dataclass(frozen=True, slots=True)
class _Workspace:
    """Working arrays shared by every block of a call: their pages are faulted in once, not per block.
    One column a series, time running down."""

    points: _Floats
    terms: _Floats
    ranges: _Floats
    compared: NDArray[np.bool_]

    @classmethod
    def sized(cls, width: int, series: int) -> _Workspace:
        shape = (width, series)
        points, terms, ranges = (np.empty(shape) for _ in range(3))
        # The comparisons come after the sums are done with `terms`: they share its memory.
        compared = terms.view(np.bool_).reshape(8, *shape)
        return cls(points, terms, ranges, compared)


def _block_marks(
    values: _Floats,
    counts: NDArray[np.intp],
    has_limits: NDArray[np.bool_],
    settings: SpcSettings,
    space: _Workspace,
    sums: ColumnSums,
    first: int,
) -> tuple[_Floats, bits.Marks]:
    """A block's lines and the packed comparisons of its points."""
    points, number = space.points, len(values)
    for start in range(0, number, _TRANSPOSED):  # a few series at a time stay in the cache
        stop = min(start + _TRANSPOSED, number)
        points[:, start:stop] = values[start:stop].T
    points[:, number:] = 1.0  # padding: a constant series (positive, so `grid` knows its spacing)
    means, spreads, moving_ranges = _limits(points, counts, has_limits, settings, space, sums, first)
    moving_ranges = np.where(has_limits, moving_ranges, np.nan)
    spreads = np.where(has_limits, spreads, np.nan)
    near = spreads * 2 / 3
    lines = np.stack([means, moving_ranges, means - spreads, means + spreads, means - near, means + near])
    compared = space.compared
    # Rows 0 to 5: above the mean, the upper limit, the upper two-sigma line; below the same lower.
    np.greater(points, lines[[0, 3, 5], None, :], out=compared[:3])
    np.less(points, lines[[0, 2, 4], None, :], out=compared[3:6])
    # Rows 6 and 7: the step from point k to k + 1 rises or falls.
    np.greater(points[1:], points[:-1], out=compared[6, :-1])
    np.less(points[1:], points[:-1], out=compared[7, :-1])
    compared[6:, -1] = False
    return lines, bits.pack(compared)


def _as_rows(
    series: Sequence[Sequence[float]] | _Floats, lengths: Sequence[int] | NDArray[np.intp] | None
) -> tuple[_Floats, NDArray[np.intp]]:
    if isinstance(series, np.ndarray):
        values = np.asarray(series, dtype=np.float64)
        if values.ndim != 2 or not values.shape[1]:
            raise ValueError("the series must be a 2-D array, one row a series of at least one point")
        if lengths is None:
            return values, np.full(values.shape[0], values.shape[1], dtype=np.intp)
        return values, np.asarray(lengths, dtype=np.intp)
    counts = np.fromiter(map(len, series), dtype=np.intp, count=len(series))
    values = np.zeros((len(series), int(counts.max(initial=1)) or 1))
    for row, points in enumerate(series):
        values[row, : len(points)] = points
    return values, counts


def _good_sides(directions: Sequence[Direction] | Direction, number: int) -> _Codes:
    if isinstance(directions, Direction):
        return np.full(number, _GOOD_SIDE[directions], dtype=np.int8)
    return np.fromiter(map(_GOOD_SIDE.__getitem__, directions), dtype=np.int8, count=number)


def _targets(targets: Sequence[float | None] | _Floats | None, number: int) -> tuple[_Floats, list[int]]:
    """Targets with NaN for none, and the series given NaN itself in a list (which `xmr_chart` takes
    as a target that no limit is above or below)."""
    if targets is None:
        return np.full(number, np.nan), []
    if isinstance(targets, np.ndarray):
        return np.asarray(targets, dtype=np.float64), []
    found = np.array([np.nan if target is None else target for target in targets], dtype=np.float64)
    return found, [row for row in np.flatnonzero(np.isnan(found)).tolist() if targets[row] is not None]


def _limits(
    points: _Floats,
    counts: NDArray[np.intp],
    has_limits: NDArray[np.bool_],
    settings: SpcSettings,
    space: _Workspace,
    sums: ColumnSums,
    first: int,
) -> tuple[_Floats, _Floats, _Floats]:
    """Each series' mean, limit width and MRbar from its baseline, as `process_limits` (or `centre`)
    works them out; series `first` onward. Sums not yet proved are left to `sums.doubtful()`. Called
    with NumPy's warnings off (see `_lines_and_marks`): series too short for limits divide by zero here."""
    basis = np.minimum(counts, settings.baseline) if settings.baseline is not None else counts
    rows = max(int(basis.max(initial=1)), 1)
    window = points[:rows]
    inside = np.arange(rows)[:, None] < basis if bool((basis < rows).any()) else None
    terms, ranges = space.terms[:rows], space.ranges[1:rows]
    _moving_ranges(window, inside, ranges)
    magnitude = ranges.sum(axis=0)
    spacing = grid(window)
    # MRbar first, worked out in the memory that then takes the terms of the mean.
    # Without limits the moving ranges do not matter: no need to prove their sum.
    without = ~has_limits
    if without.any():
        ranges[:, without] = 0.0
    moving_ranges = sums.add(ranges, magnitude, spacing, terms[1:], first) / (basis - 1)
    if settings.screen_outliers:
        _moving_ranges(window, inside, ranges)  # again: the sum took them apart
        kept = ranges < SCREEN * moving_ranges
        if inside is not None:
            kept &= inside[1:]
        np.copyto(ranges, 0.0, where=~(kept & has_limits))
        kept_count = kept.sum(axis=0)
        kept_total = sums.add(ranges, magnitude, spacing, terms[1:], first)
        moving_ranges = np.where(kept_count > 0, kept_total / kept_count, 0.0)
    np.subtract(window, window[0], out=terms)
    if inside is not None:
        np.copyto(terms, 0.0, where=~inside)
    # Each |x_i - x_0| is at most the sum of the moving ranges between them.
    means = window[0] + sums.add(terms, rows * magnitude, spacing, space.ranges[:rows], first) / basis
    spreads = settings.limit_method.width * moving_ranges
    return means, spreads, moving_ranges


def _moving_ranges(window: _Floats, inside: NDArray[np.bool_] | None, into: _Floats) -> None:
    """|x_k - x_(k-1)| down each column, 0 past its baseline."""
    np.subtract(window[1:], window[:-1], out=into)
    np.abs(into, out=into)
    if inside is not None:
        np.copyto(into, 0.0, where=~inside[1:])


def _classify(
    marks: bits.Marks, counts: NDArray[np.intp], has_limits: NDArray[np.bool_], good: _Codes, settings: SpcSettings
) -> tuple[bits.Marks, ...]:
    """The binary digits of each point's type and rule, as `chart._signals` and `chart._classify` decide:
    three of the index into POINT_TYPES, then three of the index into RULES."""
    width = marks.shape[1]
    above, outside_high, near_high, below, outside_low, near_low, rises, falls = marks
    if (counts < width).any() or not has_limits.all():
        charted = bits.pack((np.arange(width)[:, None] < counts) & has_limits)
        above, below = above & charted, below & charted
        outside_high, outside_low = outside_high & charted, outside_low & charted
        near_high, near_low = near_high & charted, near_low & charted
        steps = charted & bits.earlier(charted, 1)
        rises, falls = rises & steps, falls & steps
    if not settings.two_in_three_counts_outside:
        near_high, near_low = near_high & ~outside_high, near_low & ~outside_low
    length = settings.run_length
    # Each rule's marks on either side, in RULE_ORDER; the arrays are freed as soon as they are used.
    highs = [
        outside_high,
        _run(rises, length - 1, length),
        _two_in_three(above, near_high),
        _run(above, length, length),
    ]
    lows = [outside_low, _run(falls, length - 1, length), _two_in_three(below, near_low), _run(below, length, length)]
    del near_high, near_low
    # A peak or trough takes the trend it starts.
    high_trend = highs[1] & ~(lows[1] & falls)
    rules = [up | down for up, down in zip(highs, lows, strict=True)]
    flagged = _first_rule(rules)
    high = rules[0] | rules[2]
    high |= rules[3]
    high &= above
    high |= rules[1] & high_trend
    del high_trend
    directional = bits.series_marks(good != 0)[0]
    higher_better = bits.series_marks(good > 0)[0]
    improvement = _pick(higher_better, high, flagged & ~high)
    if settings.conflict is Conflict.IMPROVEMENT:
        # Signals on the good side win; among them the first rule in RULE_ORDER.
        good_rules = [_pick(higher_better, up, down) for up, down in zip(highs, lows, strict=True)]
        wins = _first_rule(good_rules)
        wins &= directional
        for rule, good_rule in zip(rules, good_rules, strict=True):
            rule &= ~wins
            rule |= good_rule & wins
        improvement |= wins
    del highs, lows
    improvement &= directional
    undirected = ~directional
    neutral_high = high & undirected
    concern = flagged & ~improvement
    concern &= directional
    concern |= neutral_high
    improvement |= neutral_high
    flagged &= ~high
    flagged &= undirected
    outside, trend, two, shift = rules
    outside |= two
    trend |= two
    return improvement, concern, flagged, outside, trend, shift


def _run(marks: bits.Marks, length: int, reach: int) -> bits.Marks:
    """Marked points in a run of `length` or more: with `reach` = `length`, a shift; a trend is a run of
    `length` - 1 rising (or falling) steps, which reach over `length` points."""
    return bits.covered(bits.runs_from(marks, length), reach)


def _first_rule(rules: list[bits.Marks]) -> bits.Marks:
    """Leave each point only in the first of `rules` that marks it (in place); the points any marks."""
    seen = rules[0].copy()
    for rule in rules[1:]:
        rule &= ~seen
        seen |= rule
    return seen


def _two_in_three(side: bits.Marks, beyond: bits.Marks) -> bits.Marks:
    """Points beyond a two-sigma line in three consecutive points on one side, two or more beyond it."""
    first, second, third = beyond[..., :-2, :], beyond[..., 1:-1, :], beyond[..., 2:, :]
    windows = side[..., :-2, :] & side[..., 1:-1, :] & side[..., 2:, :]  # row t: the window from point t
    windows &= (first & (second | third)) | (second & third)
    starts = np.zeros_like(side)
    starts[..., : windows.shape[-2], :] = windows
    return beyond & bits.covered(starts, 3)


def _pick(which: bits.Marks, chosen: bits.Marks, otherwise: bits.Marks) -> bits.Marks:
    """`chosen`'s marks for the series marked in `which`, `otherwise`'s for the rest."""
    return (chosen & which) | (otherwise & ~which)


# Variation icon by the latest point's type and the good side (+1, -1, 0 at index 2, 0, 1).
_VARIATION = np.array(
    [
        [0, 0, 0],  # common cause
        [2, 0, 1],  # improvement: low when lower is better
        [3, 0, 4],  # concern: high when lower is better
        [5, 5, 5],  # neutral high
        [6, 6, 6],  # neutral low
    ],
    dtype=np.int8,
)


def _variation_icons(
    digits: bits.Marks, counts: NDArray[np.intp], has_limits: NDArray[np.bool_], good: _Codes
) -> _Codes:
    last = np.maximum(counts - 1, 0)
    if last.size and (last == last[0]).all():  # series of one length: their latest points share a row
        low, middle, high = bits.unpack(digits[:3, last[0]])[:, : len(counts)].astype(np.intp)
    else:
        series = np.arange(len(counts))
        words, places = series >> 6, (series & 63).astype(np.uint64)  # series 64·w + p
        low, middle, high = ((digits[:3, last, words] >> places) & np.uint64(1)).astype(np.intp)
    latest = low | (middle << 1) | (high << 2)
    icons = _VARIATION[latest, good.astype(np.intp) + 1]
    return np.where(has_limits & (counts > 0), icons, np.int8(-1)).astype(np.int8)


def _assurance_icons(lowers: _Floats, uppers: _Floats, targets: _Floats, good: _Codes) -> _Codes:
    """As `chart.assurance`: none without limits, a target or a better direction."""
    passing = ASSURANCE_ICONS.index(AssuranceIcon.CONSISTENT_PASS)
    failing = ASSURANCE_ICONS.index(AssuranceIcon.CONSISTENT_FAIL)
    higher_better = good > 0
    icons = np.select(
        [targets > uppers, targets < lowers],
        [np.where(higher_better, failing, passing), np.where(higher_better, passing, failing)],
        ASSURANCE_ICONS.index(AssuranceIcon.HIT_AND_MISS),
    )
    missing = np.isnan(lowers) | np.isnan(targets) | (good == 0)
    return np.where(missing, -1, icons).astype(np.int8)


def _put_codes(digits: bits.Marks, row: int, codes: list[int], first: int) -> None:
    """Write one series' codes into its bits of digit planes `first` to `first` + 2."""
    word, place = divmod(row, 64)
    mask = np.uint64(1 << place)
    for power in range(3):
        plane = digits[first + power, : len(codes), word]
        plane &= ~mask
        plane |= np.array([(code >> power) & 1 for code in codes], dtype=np.uint64) << np.uint64(place)


def _chart_alone(
    charts: Charts,
    rows: set[int],
    settings: SpcSettings,
    targets: _Floats,
    nan_targets: set[int],
    rebase_at: Mapping[int, Sequence[int]],
) -> Charts:
    """Chart `rows` with `xmr_chart` and put their points and icons into the arrays."""
    alone = {}
    for row in sorted(rows):
        length = int(charts.lengths[row])
        target = float(targets[row])
        chart = xmr_chart(
            charts.values[row, :length].tolist(),
            settings,
            direction=_DIRECTIONS[int(charts.good_sides[row])],
            target=None if np.isnan(target) and row not in nan_targets else target,
            rebase_at=rebase_at.get(row, ()),
        )
        alone[row] = chart
        for line in (charts.means, charts.moving_ranges, charts.lowers, charts.uppers):
            line[row] = np.nan
        charts.near_lowers[row] = charts.near_uppers[row] = np.nan
        _put_codes(charts.digits, row, [POINT_TYPES.index(point.point_type) for point in chart.points], 0)
        _put_codes(charts.digits, row, [RULES.index(point.rule) for point in chart.points], 3)
        charts.variation_icons[row] = VARIATION_ICONS.index(chart.variation_icon) if chart.variation_icon else -1
        charts.assurance_icons[row] = ASSURANCE_ICONS.index(chart.assurance_icon) if chart.assurance_icon else -1
    return dataclasses.replace(charts, charted_alone=alone)
