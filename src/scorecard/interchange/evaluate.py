"""Bulk scoring: a CSV of targets and actuals in, the same rows with RAG, reason, deviation
and trend out. The judgement itself is `scorecard.core.rag.judge`, as everywhere else.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TextIO

from scorecard.core.measures import Polarity
from scorecard.core.rag import judge
from scorecard.core.schemes import SchemeError
from scorecard.core.targets import TargetKind, parse_target
from scorecard.core.trend import Trend, TrendAgainst, direction_of_travel
from scorecard.core.values import Missing, Quantity, Range, ValueParseError, parse_value
from scorecard.interchange.schemes import resolve_scheme

REQUIRED = ("polarity", "target", "actual")
OPTIONAL = ("id", "previous_actual", "last_year_actual", "scheme")
ADDED = ("rag", "rag_reason", "deviation", "trend")
_PLACES = Decimal("0.0001")


class InputError(ValueError):
    """The file as a whole cannot be scored (no header, a required column missing)."""


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # the line number in the file, header = 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


class _CellError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _actual(column: str, text: str) -> Quantity | Missing:
    try:
        value = parse_value(text)
    except ValueParseError as error:
        raise _CellError(column, str(error)) from None
    if isinstance(value, Range):
        raise _CellError(column, f"{text!r} is a range; an actual is a single value")
    return value


def _trend(polarity: Polarity, actual: Quantity | Missing, other: Quantity | Missing | None, target_range: Range | None) -> Trend | None:
    if not isinstance(actual, Quantity) or not isinstance(other, Quantity):
        return None
    return direction_of_travel(polarity, actual.amount, other.amount, target_range=target_range)


@lru_cache(maxsize=1 << 18)
def score(
    polarity_text: str, target_text: str, actual_text: str, previous_text: str, last_year_text: str, scheme_name: str
) -> tuple[str, str, str, str, _CellError | None]:
    """(rag, reason, deviation, trend, problem) for one row's cells."""
    try:
        try:
            polarity = Polarity(polarity_text.strip().lower())
        except ValueError:
            raise _CellError("polarity", f"{polarity_text!r} is not one of higher, lower, range, none") from None
        try:
            target = parse_target(target_text)
        except ValueParseError as error:
            raise _CellError("target", str(error)) from None
        actual = _actual("actual", actual_text)
        previous = _actual("previous_actual", previous_text) if previous_text.strip() else None
        last_year = _actual("last_year_actual", last_year_text) if last_year_text.strip() else None
        try:
            scheme = resolve_scheme(scheme_name)
        except SchemeError as error:
            raise _CellError("scheme", str(error)) from None
    except _CellError as error:
        return "", str(error), "", "", error
    target_range = target.value if target.kind is TargetKind.RANGE and isinstance(target.value, Range) else None
    trends = {
        TrendAgainst.PREVIOUS: _trend(polarity, actual, previous, target_range),
        TrendAgainst.LAST_YEAR: _trend(polarity, actual, last_year, target_range),
    }
    status = judge(polarity, target, actual, scheme, last_year=last_year, trends=trends)
    deviation = "" if status.deviation is None else str(status.deviation.quantize(_PLACES))
    trend = trends[TrendAgainst.PREVIOUS]
    return status.code, status.reason, deviation, trend.value if trend else "", None


def _columns(header: list[str]) -> dict[str, int]:
    names = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise InputError(
            f"the header row has no {', '.join(missing)} column; required columns are {', '.join(REQUIRED)}"
        )
    clashes = [name for name in ADDED if name in names]
    if clashes:
        raise InputError(f"the input already has output column(s) {', '.join(clashes)}; remove or rename them")
    return {name: names.index(name) for name in (*REQUIRED, *OPTIONAL) if name in names}


def evaluate_rows(rows: Iterable[list[str]], default_scheme: str) -> Iterator[tuple[list[str], Problem | None]]:
    """Score rows (header first); yields the header, then each row extended, with its problem."""
    iterator = iter(rows)
    try:
        header = next(iterator)
    except StopIteration:
        raise InputError("the file is empty: it needs a header row with polarity, target and actual") from None
    columns = _columns(header)
    yield [*header, *ADDED], None
    width = len(header)
    polarity, target, actual = columns["polarity"], columns["target"], columns["actual"]
    previous, last_year, scheme = (columns.get(name, -1) for name in ("previous_actual", "last_year_actual", "scheme"))
    for line, row in enumerate(iterator, start=2):
        if len(row) < width:
            row = row + [""] * (width - len(row))
        result = score(
            row[polarity],
            row[target],
            row[actual],
            row[previous] if previous >= 0 else "",
            row[last_year] if last_year >= 0 else "",
            (row[scheme].strip() if scheme >= 0 else "") or default_scheme,
        )
        problem = None if result[4] is None else Problem(line, result[4].column, str(result[4]))
        if problem is None:
            yield [*row, result[0], result[1], result[2], result[3]], None
        else:
            yield [*row, "", str(problem), "", ""], problem


def evaluate_csv(source: TextIO, target: TextIO, default_scheme: str, problems: list[Problem]) -> int:
    """Score a whole CSV stream; returns the number of rows scored and collects problems."""
    writer = csv.writer(target, lineterminator="\n")
    count = -1
    for count, (row, problem) in enumerate(evaluate_rows(csv.reader(source), default_scheme)):  # noqa: B007
        writer.writerow(row)
        if problem is not None:
            problems.append(problem)
    return max(count, 0)
