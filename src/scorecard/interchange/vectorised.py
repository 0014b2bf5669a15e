"""Scoring a batch of rows at once with polars, for rows in one narrow format checked cell by cell.

`scorecard.core.rag.judge` defines every status. This module repeats its arithmetic only where
it can be done exactly on whole numbers: a `higher` or `lower` measure, a number target and an
actual (and previous value, if any) that are all plain numbers or all percentages with at most
nine whole digits and four places, scored by a relative scheme with no trend bands and band
edges of at most four places. Amounts become integers in ten-thousandths, so a band edge
(79.8% against 76% is exactly +5%) and every printed rounding are decided without floats.
Every other row comes back unscored (null) for the exact path. tests/interchange/
test_vectorised.py proves the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from scorecard.core.schemes import Band, DeviationMode, RagScheme

ADDED = ("rag", "rag_reason", "deviation", "trend")
_SCALE = 10_000  # amounts in ten-thousandths: four places
# At most nine whole digits and four places keep every product below in Int64: an amount is
# under 1e13 ten-thousandths, a gap under 2e13, times 10,000 under 2e17; a band edge is at most
# ±10 (1e5 ten-thousandths) times a target under 1e13, under 1e18.
_AMOUNT = r"^(-?)(\d{1,9}|\d{1,3}(?:,\d{3}){1,2})(?:\.(\d{1,4}))?(%?)$"
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
        if scheme.deviation is not DeviationMode.RELATIVE or scheme.uses_trend:
            return None
        bands = []
        for band in scheme.bands:
            edges = _edges(band)
            if edges is None:
                return None
            bands.append((band, tuple(edges)))
        return cls(scheme, tuple(bands))


def _amount(column: str) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """(ten-thousandths, is a percentage, matches the format) for a column of cell texts."""
    cell = pl.col(column)
    matches = cell.str.contains(_AMOUNT)
    # A decimal of scale 4 holds the amount in ten-thousandths, exactly, for text the pattern passed.
    digits = cell.str.strip_chars_end("%").str.replace_all(",", "", literal=True)
    amount = pl.when(matches).then(digits.cast(pl.Decimal(18, 4), strict=False).to_physical().cast(pl.Int64))
    return amount, cell.str.ends_with("%"), matches


def _holds(edges: tuple[_Edge, ...], numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """Whether numerator / denominator (the deviation; denominator 0 for ±infinity) meets every edge."""
    test = pl.lit(True)
    for edge in edges:
        left, right = numerator * _SCALE, denominator * edge.bound
        test = test & {">=": left >= right, ">": left > right, "<=": left <= right, "<": left < right}[edge.operator]
    return test


def score(cells: pl.DataFrame, fast: FastScheme) -> pl.DataFrame:
    """rag, rag_reason (plain text), deviation and trend for each row of `cells`, null where
    the row is outside the checked format and must go to the exact judge.

    `cells` holds the cell texts in columns polarity, target, actual and previous_actual
    (empty where there is none), and may hold last_year_actual and scheme: a row with either
    is left to the judge (year-on-year targets, a scheme of its own).
    """
    target, target_percent, target_ok = _amount("target")
    actual, actual_percent, actual_ok = _amount("actual")
    previous, previous_percent, previous_ok = _amount("previous_actual")
    lower = pl.col("polarity") == "lower"
    no_previous = pl.col("previous_actual") == ""
    eligible = (
        pl.col("polarity").is_in(["higher", "lower"])
        & target_ok
        & actual_ok
        & (target_percent == actual_percent)
        & (no_previous | (previous_ok & (previous_percent == actual_percent)))
    )
    for column in ("last_year_actual", "scheme"):
        if column in cells.columns:
            eligible = eligible & (pl.col(column) == "")
    frame = (
        cells.lazy()
        .select(
            eligible.alias("eligible"),
            lower.alias("lower"),
            pl.col("target").alias("printed"),
            target.alias("t"),
            actual.alias("a"),
            pl.when(no_previous).then(None).otherwise(previous).alias("p"),
        )
        .with_columns(
            # Toward good: positive is better than target, as rag.deviation signs it.
            pl.when(pl.col("lower")).then(pl.col("t") - pl.col("a")).otherwise(pl.col("a") - pl.col("t")).alias("d")
        )
    )
    t, a, d = pl.col("t"), pl.col("a"), pl.col("d")
    # The deviation as numerator / denominator; a zero target has deviation 0 when met and
    # ±infinity otherwise (denominator 0, numerator the sign), as rag._relative gives.
    zero_target = t == 0
    frame = frame.with_columns(
        pl.when(zero_target).then(d.sign()).otherwise(d).alias("n"),
        pl.when(~zero_target).then(t.abs()).when(d == 0).then(1).otherwise(0).alias("m"),
    )
    n, m = pl.col("n"), pl.col("m")
    band_code, band_label = pl.lit(None, pl.String), pl.lit(None, pl.String)
    for band, edges in reversed(fast.bands):  # the first band that holds wins
        holds = _holds(edges, n, m)
        band_code = pl.when(holds).then(pl.lit(band.code)).otherwise(band_code)
        band_label = pl.when(holds).then(pl.lit(band.label)).otherwise(band_label)
    frame = frame.with_columns(pl.when(pl.col("eligible")).then(band_code).alias("rag"), band_label.alias("label"))
    return frame.select(
        pl.col("rag"),
        _reason().alias("rag_reason"),
        pl.when(pl.col("rag").is_not_null()).then(_deviation(n, m)).alias("deviation"),
        pl.when(pl.col("rag").is_not_null()).then(_trend(pl.col("lower"), a, pl.col("p"))).alias("trend"),
    ).collect()


def _reason() -> pl.Expr:
    """As rag._explain words it for a number target: '<label>: <size> <above|below> the target of <target>'."""
    t, a, n, m = pl.col("t"), pl.col("a"), pl.col("n"), pl.col("m")
    direction = pl.when(a > t).then(pl.lit(" above")).otherwise(pl.lit(" below"))
    lower_note = pl.when(pl.col("lower")).then(pl.lit(" (lower is better)")).otherwise(pl.lit(""))
    against = pl.concat_str(pl.lit(" the target of "), pl.col("printed"))
    # The size: |deviation| as a percentage to one place, half up (rag._percent).
    tenths = (n.abs() * 2_000 + m) // (m * 2)
    size = pl.concat_str(pl.lit(" "), _decimal_text(tenths, 1), pl.lit("%"))
    head = pl.concat_str(pl.col("label"), pl.lit(":"))
    return (
        pl.when(pl.col("rag").is_null())
        .then(None)
        .when(a == t)
        .then(pl.concat_str(head, pl.lit(" on"), against))
        .when(m == 0)
        .then(pl.concat_str(head, direction, against, lower_note))
        .otherwise(pl.concat_str(head, size, direction, against, lower_note))
    )


def _deviation(n: pl.Expr, m: pl.Expr) -> pl.Expr:
    """n / m to four places, half to even, as Decimal.quantize prints it ('-0.0000' for a small
    negative); empty for infinity."""
    whole, rest = (n.abs() * _SCALE) // m, (n.abs() * _SCALE) % m
    quantized = whole + ((rest * 2 > m) | ((rest * 2 == m) & (whole % 2 == 1))).cast(pl.Int64)
    return (
        pl.when(m == 0)
        .then(pl.lit(""))
        .when((n < 0) & (quantized == 0))
        .then(pl.lit("-0.0000"))
        .otherwise(_decimal_text(quantized * n.sign(), 4))
    )


def _decimal_text(scaled: pl.Expr, places: int) -> pl.Expr:
    """A whole number of 10^-places printed with that many places, as str(Decimal) prints it."""
    return scaled.cast(pl.Int128).reinterpret(dtype=pl.Decimal(38, places)).cast(pl.String)


def _trend(lower: pl.Expr, actual: pl.Expr, previous: pl.Expr) -> pl.Expr:
    """trend.direction_of_travel for higher and lower measures; empty without a previous value."""
    change = pl.when(lower).then(previous - actual).otherwise(actual - previous)
    return (
        pl.when(previous.is_null())
        .then(pl.lit(""))
        .when(change > 0)
        .then(pl.lit("improved"))
        .when(change < 0)
        .then(pl.lit("deteriorated"))
        .otherwise(pl.lit("unchanged"))
    )
