"""Scoring a batch of rows at once with polars, for rows in one narrow format checked cell by cell.

`scorecard.core.rag.judge` defines every status. This module repeats its arithmetic only where
it can be done exactly on whole numbers: a `higher`, `lower` or `range` measure scored by a
relative scheme with no trend bands and band edges of at most four places; a target, an actual
(and previous value, if any) all plain numbers, all percentages or all minutes and seconds,
with at most nine whole digits and four places (the actual may carry `(53/137)` or `(307)`);
the target may be a range of two such amounts (`0.9-1.1`, `7-15%`). Amounts become integers
in ten-thousandths, so a band edge (79.8% against 76% is exactly +5%) and every printed
rounding are decided without floats. A missing-data actual (blank, `-`, `BL`, `Note 1`), a
target with no number (`BL`, `-`, `Year on year reduction`) or a contextual (`none`) measure
gives a sentence that judge itself words, once per distinct cell. Minutes and seconds, ranges
and the `range` polarity are looked for only by a second, `wide` classification of the rows
the first leaves. Every other row is left to the exact path (`left_to_judge`).
tests/interchange/test_vectorised.py proves the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from scorecard.core.assess import read_actual
from scorecard.core.measures import Polarity
from scorecard.core.rag import judge
from scorecard.core.schemes import Band, DeviationMode, RagScheme
from scorecard.core.targets import parse_target
from scorecard.interchange.evaluate import encode, formula_safe

_SCALE = 10_000  # amounts in ten-thousandths: four places
# At most nine whole digits and four places keep every product below in Int64: an amount is
# under 1e13 ten-thousandths, a gap under 2e13, times 10,000 under 2e17; a band edge is at most
# ±10 (1e5 ten-thousandths) times a target under 1e13, under 1e18.
_AMOUNT = r"^(-?)(\d{1,9}|\d{1,3}(?:,\d{3}){1,2})(?:\.(\d{1,4}))?(%?)$"
# Minutes and seconds, as values.parse_value reads them: `01:30` is 90 seconds.
_CLOCK = r"^(-?)(\d{1,3}):([0-5]\d)$"
# Money as values.parse_value reads it, within the digit limits: `£35,000`, `£1.2m`, `£250k`.
_MONEY = r"^£(\d{1,3}(?:,\d{3}){1,2}|\d{1,9})(\.\d{1,4})?(k|m)?$"
_RARE = (("clock", _CLOCK), ("money", _MONEY))
# A range target of two plain amounts, as `0.9-1.1`, `7-15%` or `7%-15%`.
_RANGE = r"^(\d{1,9}(?:\.\d{1,4})?)(%?)-(\d{1,9}(?:\.\d{1,4})?)(%?)$"
# An actual with its numerator and denominator or its count, as `38.7% (53/137)` or `72 (307)`.
_COUNTED = r"^(\S*) \((\d{1,9})(?:/(\d{1,9}))?\)$"
# Cells that give a status in words whatever the numbers: an actual that is a missing-data
# marker, or a target that is no number. judge words them (FastScheme.sentence).
_MARKER = r"^(?:|-|BL|Note \d{1,4}[a-z]?)$"
_NO_NUMBER = r"^(?:|-|BL|Year on year (?:reduction|decrease|increase))$"
# Which sentence a row gets (null: the row is left to the judge).
_MISSING_DATA, _NO_NUMBER_TARGET, _ON_DEVIATION, _CONTEXTUAL = (pl.lit(case, pl.Int8) for case in range(4))
_EDGE_LIMIT = 10


@dataclass(frozen=True, slots=True)
class _Edge:
    """One condition of a band as whole numbers: deviation compared with bound / _SCALE."""

    bound: int
    operator: str  # one of >=, >, <=, <


def _edges(band: Band) -> list[_Edge] | None:
    """The band's conditions in ten-thousandths, or None when one is not exact at that scale."""
    edges = []
    for bound, operator in ((band.min, ">="), (band.above, ">"), (band.max, "<="), (band.below, "<")):
        if bound is None:
            continue
        if not bound.is_finite() or abs(bound) > _EDGE_LIMIT:
            return None
        scaled = bound * _SCALE
        if scaled != scaled.to_integral_value():
            return None
        edges.append(_Edge(int(scaled), operator))
    return edges


@dataclass(frozen=True, slots=True)
class FastScheme:
    """A scheme whose bands the whole-number arithmetic can decide exactly."""

    scheme: RagScheme
    bands: tuple[tuple[Band, tuple[_Edge, ...]], ...]

    @classmethod
    def of(cls, scheme: RagScheme) -> FastScheme | None:
        """The scheme, if it judges relative deviation with no trend bands and exact edges."""
        if scheme.deviation is not DeviationMode.RELATIVE or scheme.uses_trend:
            return None
        bands = []
        for band in scheme.bands:
            edges = _edges(band)
            if edges is None:
                return None
            bands.append((band, tuple(edges)))
        return cls(scheme, tuple(bands))

    def sentence(self, actual: str = "1", target: str = "1", polarity: Polarity = Polarity.HIGHER) -> tuple[str, str]:
        """(rag, rag_reason) as judge gives them to a missing-data actual, a target with no
        number or a contextual measure: the same for every row with that cell or polarity."""
        status = judge(polarity, parse_target(target), read_actual(actual), self.scheme)
        return status.code, status.reason


def _scaled(digits: pl.Expr) -> pl.Expr:
    """Ten-thousandths of a plain decimal: a decimal of scale 4 holds them exactly, for text a
    pattern here has passed."""
    return digits.cast(pl.Decimal(18, 4), strict=False).to_physical().cast(pl.Int64)


def _bare(cell: pl.Expr) -> pl.Expr:
    return cell.str.strip_chars_end("%")


def _digits(cell: pl.Expr) -> pl.Expr:
    """The cell without its % and grouping commas (the same expression wherever it is needed,
    so that polars works it out once)."""
    return _bare(cell).str.replace_all(",", "", literal=True)


def _amount(cell: pl.Expr, rare: tuple[pl.Expr, pl.Expr] | None) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """(ten-thousandths, unit, matches the format) for cell texts; the unit is 0 for a number,
    1 for a percentage and, given `rare` (the cells' groups of _CLOCK and of _MONEY), 2 for
    minutes and seconds (an amount of seconds); money is a number (values.unit_mismatch
    compares the two)."""
    matches = cell.str.contains(_AMOUNT)
    amount = pl.when(matches).then(_scaled(_digits(cell)))
    unit = (cell.str.len_bytes() != _bare(cell).str.len_bytes()).cast(pl.Int8)  # the pattern allows one %
    if rare is None:
        return amount, unit, matches
    clock_parts, money_parts = rare
    sign, minutes, seconds = (clock_parts.struct.field(str(group)) for group in (1, 2, 3))
    clock = (minutes.cast(pl.Int64) * 60 + seconds.cast(pl.Int64)) * _SCALE
    timed = minutes.is_not_null()
    whole, fraction, scale = (money_parts.struct.field(str(group)) for group in (1, 2, 3))
    whole = whole.str.replace_all(",", "", literal=True)
    # at most nine whole digits once scaled, as for any amount
    paid = whole.str.len_chars() <= pl.when(scale == "k").then(6).when(scale == "m").then(3).otherwise(9)
    pounds = _scaled(pl.concat_str(whole, fraction, ignore_nulls=True)) * pl.when(scale == "k").then(1_000).when(
        scale == "m"
    ).then(1_000_000).otherwise(1)
    return (
        pl.coalesce(amount, pl.when(sign == "-").then(-clock).otherwise(clock), pl.when(paid).then(pounds)),
        pl.when(timed).then(pl.lit(2, pl.Int8)).otherwise(unit),
        matches | timed | paid.fill_null(False),
    )


def _range(parts: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """(low, high, unit, matches the format) of a range target such as `0.9-1.1` or `7-15%`,
    from `parts`, its groups of _RANGE (values._range: a % on the high end alone stands for
    both; a low end above the high end, or a % on the low end alone, is no range)."""
    low, low_percent, high, high_percent = (parts.struct.field(str(group)) for group in (1, 2, 3, 4))
    low, high = _scaled(low), _scaled(high)
    matches = low.is_not_null() & (low <= high) & ((low_percent == "") | (high_percent == "%"))
    return low, high, (high_percent == "%").cast(pl.Int8), matches


def _counted(parts: pl.Expr, cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(the value part, whether the rest is sound) of an actual such as `38.7% (53/137)` or
    `72 (307)`, from `parts`, its groups of _COUNTED; a numerator above its denominator, or a
    zero denominator, is no value (values.parse_value). Other cells are their own value."""
    value, numerator, denominator = (parts.struct.field(str(group)) for group in (1, 2, 3))
    numerator, denominator = numerator.cast(pl.Int64), denominator.cast(pl.Int64)
    return pl.coalesce(value, cell), denominator.is_null() | ((denominator > 0) & (numerator <= denominator))


def _holds(edges: tuple[_Edge, ...], numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """Whether numerator / denominator (the deviation; denominator 0 for ±infinity) meets every
    edge; false for a row with no deviation (outside the format)."""
    test = numerator.is_not_null()
    for edge in edges:
        left, right = numerator * _SCALE, denominator * edge.bound
        test = test & {">=": left >= right, ">": left > right, "<=": left <= right, "<": left < right}[edge.operator]
    return test


def classify(cells: pl.DataFrame, fast: FastScheme, *, wide: bool = False) -> pl.DataFrame:
    """Which sentence each row of `cells` gets, and the numbers behind it: the first stage of
    scoring, after which `left_to_judge` names the rows for the exact path and `written`
    writes the rest.

    `cells` holds the cell texts in columns polarity, target, actual and previous_actual
    (empty where there is none), and may hold last_year_actual and scheme: a row with either
    is left to the judge (year-on-year targets, a scheme of its own). If `wide`, the rarer
    forms are in the format too: missing-data actuals, targets with no number, minutes and
    seconds, range targets, the `range` polarity and counted actuals (`38.7% (53/137)`,
    `72 (307)`). Each costs a pattern more on every cell, so they are worth looking for only in
    the few rows a first classification leaves.
    """
    actual_cell = pl.col("actual")
    if wide:
        value, sound = _counted(pl.col("parts"), actual_cell)
        counted = [actual_cell.str.extract_groups(_COUNTED).alias("parts")]
    else:
        value, sound, counted = actual_cell, pl.lit(True), []
    amounts = ("target", "value", "previous_actual")
    # each pattern's groups are found once, in a column of their own
    grouped = (
        [
            pl.col(name).str.extract_groups(pattern).alias(f"{name} {form}")
            for name in amounts
            for form, pattern in _RARE
        ]
        if wide
        else []
    )
    target, target_unit, target_number, actual, actual_unit, actual_number, previous, previous_unit, previous_number = (
        part
        for name in amounts
        for part in _amount(pl.col(name), (pl.col(f"{name} clock"), pl.col(f"{name} money")) if wide else None)
    )
    actual_number = actual_number & pl.col("sound")
    no_previous = pl.col("previous_actual") == ""
    marker, no_number = pl.lit(False), pl.lit(False)
    if wide:
        marker, no_number = pl.col("actual").str.contains(_MARKER), pl.col("target").str.contains(_NO_NUMBER)
    same_unit_before = no_previous | (previous_unit == actual_unit)
    comparable = no_number | (target_number & (target_unit == actual_unit))
    target_read = target_number | no_number
    polarity = pl.col("polarity")
    polarities = ["higher", "lower", "none"]
    # An In range measure needs a range target; without one, judge has its own sentence.
    needs_range = pl.lit(False)
    low, high = target, pl.lit(None, pl.Int64)
    if wide:
        polarities.append("range")
        grouped.append(pl.col("target").str.extract_groups(_RANGE).alias("range"))
        low, high, range_unit, ranged = _range(pl.col("range"))
        low, high = pl.when(ranged).then(low).otherwise(target), pl.when(ranged).then(high)
        comparable = comparable | (ranged & (range_unit == actual_unit))
        target_read = target_read | ranged
        needs_range = (polarity == "range") & ~ranged
    checked = polarity.is_in(polarities) & (no_previous | previous_number)
    for column in ("last_year_actual", "scheme"):
        if column in cells.columns:
            checked = checked & (pl.col(column) == "")
    return (
        cells.lazy()
        .with_columns(counted)
        .with_columns(value.alias("value"), sound.alias("sound"))
        .with_columns(grouped)
        .select(
            pl.col("target"),
            pl.col("actual"),
            (polarity == "lower").alias("lower"),
            # a grouped target needs quotes in the reason
            (_bare(pl.col("target")).str.len_bytes() != _digits(pl.col("target")).str.len_bytes()).alias("grouped"),
            (polarity == "range").alias("in_range"),
            # Which sentence applies, in judge's order: the actual's missing-data state, a
            # contextual measure (no good direction), a target with no number, or the band on
            # the deviation.
            pl.when(checked & marker & target_read)
            .then(_MISSING_DATA)
            .when(checked & actual_number & comparable & same_unit_before & ~needs_range)
            .then(
                pl.when(polarity == "none")
                .then(_CONTEXTUAL)
                .when(no_number)
                .then(_NO_NUMBER_TARGET)
                .otherwise(_ON_DEVIATION)
            )
            .alias("case"),
            low.alias("t"),  # a range's low end
            high.alias("r"),  # a range's high end; null for a number target
            actual.alias("a"),
            pl.when(no_previous).then(None).otherwise(previous).alias("p"),
        )
        .with_columns(_deviation(wide))
        .with_columns(
            pl.when(pl.col("case") == _ON_DEVIATION).then(_band(fast, pl.col("n"), pl.col("m"))).alias("band")
        )
        .collect()
    )


def _deviation(ranges: bool) -> list[pl.Expr]:
    """The deviation as columns n / m, as rag.deviation gives it, relative: positive is better
    than target; a zero target (or range end) gives 0 when met and ±infinity otherwise (m = 0,
    n the sign), as rag._relative does. Outside a range, the distance from the nearer end, good
    or bad as the polarity says (never good for an In range measure); inside, 0."""
    t, r, a = pl.col("t"), pl.col("r"), pl.col("a")
    toward_good = pl.when(pl.col("lower")).then(t - a).otherwise(a - t)
    n = pl.when(t == 0).then(toward_good.sign()).otherwise(toward_good)
    m = pl.when(t != 0).then(t.abs()).when(toward_good == 0).then(1).otherwise(0)
    if ranges:
        below, above = a < t, a > r
        outside = pl.when(below).then(t - a).when(above).then(a - r).otherwise(0)
        bound = pl.when(below).then(t).otherwise(r)
        favoured = pl.when(pl.col("lower")).then(below).when(pl.col("in_range")).then(False).otherwise(above)
        signed = pl.when(favoured).then(outside).otherwise(-outside)
        n = (
            pl.when(r.is_null())
            .then(n)
            .when(outside == 0)
            .then(0)
            .when(bound == 0)
            .then(signed.sign())
            .otherwise(signed)
        )
        m = pl.when(r.is_null()).then(m).when(outside == 0).then(1).when(bound == 0).then(0).otherwise(bound.abs())
    return [n.alias("n"), m.alias("m")]


def left_to_judge(classified: pl.DataFrame) -> pl.Series:
    """Positions of the rows outside the checked format, or that no band of the scheme takes."""
    case, band = pl.col("case"), pl.col("band")
    return classified.select(case.is_null() | ((case == _ON_DEVIATION) & band.is_null())).to_series().arg_true()


def written(frame: pl.DataFrame, fast: FastScheme) -> pl.Series:
    """The four added cells (rag, rag_reason, deviation, trend) of each classified row as one
    CSV text, formula-safe and quoted as evaluate writes them; null for the rows left to the judge.

    A banded row's text is one concatenation of seven pieces: four from short tables of
    constant text (band and quoting; where the actual stands; the lower-is-better note, the
    closing quote and the deviation's sign; the trend) and the printed size, the target as
    written and the deviation's digits, as rag._explain words them. Band codes and labels come
    from scheme files, so each is made formula-safe by evaluate's own rule, decided per band: a
    reason begins with its label and a colon, which no number does. Only the label can hold a
    quote, and only it or a grouped target a comma (judge's words and the checked format hold
    neither), so a reason is quoted where its label or its target needs it.
    """
    t, r, a, n, m, band = (pl.col(name) for name in ("t", "r", "a", "n", "m", "band"))
    ranged, infinite = r.is_not_null(), m == 0
    quoted_labels = [index for index, (each, _) in enumerate(fast.bands) if _needs_quotes(f"{each.label}:")]
    quoted = pl.col("grouped")
    if quoted_labels:
        quoted = quoted | band.is_in(quoted_labels)
    quoted = quoted.cast(pl.Int32)
    # where the actual stands, as _WHERE words it
    where = (
        pl.when(ranged)
        .then(pl.when(a > r).then(4).when(a < t).then(5).otherwise(3))
        .when(a == t)
        .then(0)
        .when(a > t)
        .then(1)
        .otherwise(2)
    )
    level = (where == 0) | (where == 3)  # on the target, or within the range: no size
    sized = ~(level | infinite)
    note = (pl.col("lower") & ~level & ~ranged).cast(pl.Int32) * 4 + quoted * 2 + ((n < 0) & ~infinite).cast(pl.Int32)
    # whole percentage tenths, half up (rag._percent); the deviation in ten-thousandths, half to even
    tenths = (n.abs() * 2_000 + m) // (m * 2)
    whole, rest = (n.abs() * _SCALE) // m, (n.abs() * _SCALE) % m
    quantized = whole + ((rest * 2 > m) | ((rest * 2 == m) & (whole % 2 == 1))).cast(pl.Int64)
    text = frame.select(
        pl.when(band.is_not_null()).then(
            pl.concat_str(
                _looked_up(band.cast(pl.Int32) * 2 + quoted, _heads(fast)),
                pl.when(sized).then(_decimal_text(tenths, 1)),
                _looked_up(where * 2 + sized.cast(pl.Int32), _WHERE),
                pl.col("target"),
                _looked_up(note, _NOTES),
                pl.when(~infinite).then(_decimal_text(quantized, 4)),
                _looked_up(_trend(_has_ranges(frame)), _TRENDS),
                ignore_nulls=True,
            )
        )
    ).to_series()
    sentenced = frame.select((pl.col("case") != _ON_DEVIATION).arg_true()).to_series()
    if sentenced.is_empty():
        return text
    return text.scatter(sentenced, _sentenced(frame[sentenced], fast))


# Tables for `written`, by key: where * 2 + sized; note * 4 + quoted * 2 + negative; trend.
_WHERE = [
    f"{'% ' * sized}{where} "
    for where in (
        "on the target of",
        "above the target of",
        "below the target of",
        "within the target range of",
        "above the top of the target range",
        "below the bottom of the target range",
    )
    for sized in (0, 1)
]
_NOTES = [
    f"{note}{chr(34) * quoted},{'-' * negative}"
    for note in ("", " (lower is better)")
    for quoted in (0, 1)
    for negative in (0, 1)
]
_TRENDS = [f",{trend}" for trend in ("", "improved", "deteriorated", "unchanged")]


def _heads(fast: FastScheme) -> list[str]:
    """By band * 2 + quoted: the written code, a comma, and the reason's start to its colon."""
    heads = []
    for band, _ in fast.bands:
        code = encode([formula_safe(band.code)])
        label = formula_safe(f"{band.label}:")
        heads += [f"{code},{label} ", f'{code},"{label.replace(chr(34), chr(34) * 2)} ']
    return heads


def _needs_quotes(text: str) -> bool:
    return encode([text]) != text


def _has_ranges(frame: pl.DataFrame) -> bool:
    """Whether any classified row has a range target (a count polars keeps: no pass over the rows)."""
    return frame.get_column("r").null_count() < frame.height


def _looked_up(key: pl.Expr, texts: list[str]) -> pl.Expr:
    """The text at each position `key` names (null for none)."""
    return pl.lit(pl.Series(texts, dtype=pl.String)).gather(key)


def _sentenced(frame: pl.DataFrame, fast: FastScheme) -> pl.Series:
    """The written cells of rows whose status is one of judge's sentences (missing data, a
    contextual measure, a target with no number), asked of judge once per distinct cell; only
    a row with a target with no number has a trend."""
    case = pl.col("case")
    by_actual = _sentences(frame, "actual", case == _MISSING_DATA, lambda cell: fast.sentence(actual=cell))
    by_target = _sentences(frame, "target", case == _NO_NUMBER_TARGET, lambda cell: fast.sentence(target=cell))
    contextual = _written_sentence(fast.sentence(polarity=Polarity.NONE))
    return frame.select(
        pl.concat_str(
            pl.when(case == _MISSING_DATA)
            .then(pl.col("actual").replace_strict(by_actual, default=None, return_dtype=pl.String))
            .when(case == _CONTEXTUAL)
            .then(pl.lit(contextual))
            .otherwise(pl.col("target").replace_strict(by_target, default=None, return_dtype=pl.String)),
            _looked_up(pl.when(case == _NO_NUMBER_TARGET).then(_trend(_has_ranges(frame))).otherwise(0), _TRENDS),
        )
    ).to_series()


def _sentences(
    frame: pl.DataFrame, column: str, where: pl.Expr, sentence: Callable[[str], tuple[str, str]]
) -> dict[str, str]:
    """For each distinct cell of `column` in the rows `where` holds: judge's sentence, written."""
    cells = frame.select(pl.col(column).filter(where).unique()).to_series().to_list()
    return {cell: _written_sentence(sentence(cell)) for cell in cells}


def _written_sentence(said: tuple[str, str]) -> str:
    """rag and rag_reason as evaluate writes them, and an empty deviation."""
    return encode([*(formula_safe(cell) for cell in said), ""])


def _band(fast: FastScheme, n: pl.Expr, m: pl.Expr) -> pl.Expr:
    """The position of the first band whose edges hold (scheme.band_for), null for none."""
    position = pl.lit(None, pl.UInt8)
    for index in reversed(range(len(fast.bands))):
        position = pl.when(_holds(fast.bands[index][1], n, m)).then(pl.lit(index, pl.UInt8)).otherwise(position)
    return position


def _decimal_text(scaled: pl.Expr, places: int) -> pl.Expr:
    """A whole number of 10^-places printed with that many places, as str(Decimal) prints it."""
    return scaled.cast(pl.Int128).reinterpret(dtype=pl.Decimal(38, places)).cast(pl.String)


def _trend(ranges: bool) -> pl.Expr:
    """trend.direction_of_travel from the previous value to the actual, as a position in
    _TRENDS: none (no previous value), improved, deteriorated, unchanged. For an In range
    measure (only if there may be `ranges`) the change is in the distance outside the range."""
    t, r, a, p = pl.col("t"), pl.col("r"), pl.col("a"), pl.col("p")

    def outside(value: pl.Expr) -> pl.Expr:
        return pl.max_horizontal(t - value, value - r, pl.lit(0))

    change = pl.when(pl.col("lower")).then(p - a).otherwise(a - p)
    if ranges:
        change = pl.when(pl.col("in_range")).then(outside(p) - outside(a)).otherwise(change)
    return pl.when(p.is_null()).then(0).when(change > 0).then(1).when(change < 0).then(2).otherwise(3)
