"""Bulk scoring: a CSV of targets and actuals in, the same rows with RAG, reason, deviation
and trend out. The judgement itself is `scorecard.core.rag.judge`, as everywhere else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TextIO, TypeVar

from scorecard.core.measures import Polarity
from scorecard.core.rag import judge
from scorecard.core.schemes import SchemeError
from scorecard.core.targets import parse_target
from scorecard.core.trend import Trend, TrendAgainst, direction_of_travel
from scorecard.core.values import Missing, Quantity, Range, ValueParseError, parse_value
from scorecard.interchange.schemes import resolve_scheme

REQUIRED = ("polarity", "target", "actual")
OPTIONAL = ("id", "previous_actual", "last_year_actual", "scheme")
ADDED = ("rag", "rag_reason", "deviation", "trend")
_PLACES = Decimal("0.0001")
T = TypeVar("T")


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


def _trend(
    polarity: Polarity, actual: Quantity | Missing, other: Quantity | Missing | None, target_range: Range | None
) -> Trend | None:
    if not isinstance(actual, Quantity) or not isinstance(other, Quantity):
        return None
    return direction_of_travel(polarity, actual.amount, other.amount, target_range=target_range)


def _read(column: str, text: str, reader: Callable[[str], T]) -> T:
    try:
        return reader(text)
    except (ValueParseError, SchemeError) as error:
        raise _CellError(column, str(error)) from None


_POLARITIES = {polarity.value: polarity for polarity in Polarity}


def _polarity(text: str) -> Polarity:
    polarity = _POLARITIES.get(text) or _POLARITIES.get(text.strip().lower())
    if polarity is None:
        raise _CellError("polarity", f"{text!r} is not one of higher, lower, range, none")
    return polarity


def _optional_actual(column: str, text: str) -> Quantity | Missing | None:
    return _actual(column, text) if text.strip() else None


def _trend_cell(polarity_text: str, range_text: str, actual_text: str, other_text: str) -> str:
    """The trend column: the direction from `other_text` to `actual_text` (empty when unknown).

    Not cached: pairs of values rarely repeat, and the parsed values already are.
    """
    if not other_text:
        return ""
    try:
        polarity = _polarity(polarity_text)
        actual, other = _actual("actual", actual_text), _actual("previous_actual", other_text)
        target_range = parse_value(range_text) if range_text else None
    except (_CellError, ValueParseError):
        return ""  # the status cells report the problem
    trend = _trend(polarity, actual, other, target_range if isinstance(target_range, Range) else None)
    return trend or ""  # a Trend is a str


@lru_cache(maxsize=1 << 16)
def _status_cells(
    polarity_text: str, target_text: str, actual_text: str, previous_text: str, last_year_text: str, scheme_name: str
) -> tuple[str, str, str] | _CellError:
    """(rag, reason, deviation), or the first malformed cell."""
    try:
        polarity = _polarity(polarity_text)
        target = _read("target", target_text, parse_target)
        actual = _actual("actual", actual_text)
        previous = _optional_actual("previous_actual", previous_text)
        last_year = _optional_actual("last_year_actual", last_year_text)
        scheme = _read("scheme", scheme_name, resolve_scheme)
    except _CellError as error:
        return error
    target_range = target.value if isinstance(target.value, Range) else None
    trends = {
        TrendAgainst.PREVIOUS: _trend(polarity, actual, previous, target_range),
        TrendAgainst.LAST_YEAR: _trend(polarity, actual, last_year, target_range),
    }
    status = judge(polarity, target, actual, scheme, last_year=last_year, trends=trends)
    deviation = "" if status.deviation is None else str(status.deviation.quantize(_PLACES))
    return status.code, status.reason, deviation


@lru_cache(maxsize=64)
def _uses_trend(scheme_name: str) -> bool:
    try:
        return resolve_scheme(scheme_name).uses_trend
    except SchemeError:
        return False


def score(
    polarity: str, target: str, actual: str, previous: str, last_year: str, scheme_name: str
) -> tuple[str, str, str, str] | _CellError:
    """(rag, reason, deviation, trend) for one row's cells, or the first malformed cell.

    The status is cached: it depends on the previous value only when the scheme's bands
    look at the trend, so a repeated judgement costs a lookup.
    """
    status = _status_cells(
        polarity, target, actual, previous if _uses_trend(scheme_name) else "", last_year, scheme_name
    )
    if isinstance(status, _CellError):
        return status
    range_text = target if polarity.strip().lower() == "range" else ""
    return (*status, _trend_cell(polarity, range_text, actual, previous.strip()))


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


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where the cells are, read from the header."""

    width: int
    polarity: int
    target: int
    actual: int
    previous: int
    last_year: int
    scheme: int
    default_scheme: str

    @classmethod
    def of(cls, header: list[str], default_scheme: str) -> _Layout:
        columns = _columns(header)
        optional = (columns.get(name, -1) for name in ("previous_actual", "last_year_actual", "scheme"))
        return cls(len(header), columns["polarity"], columns["target"], columns["actual"], *optional, default_scheme)


def _cell(row: list[str], index: int) -> str:
    return row[index] if index >= 0 else ""


def _score_chunk(job: tuple[int, list[str], _Layout]) -> tuple[str, list[Problem]]:
    """Score a run of whole rows; each output row is its input text plus the added cells.

    Input cells are passed through as written rather than re-encoded: cheaper, and the
    user gets back exactly what they gave.
    """
    first_line, lines, layout = job
    out: list[str] = []
    problems: list[Problem] = []
    consumed = 0
    taken: list[str] = []

    def feed() -> Iterator[str]:
        for line in lines:
            taken.append(line)
            yield line

    for row in csv.reader(feed()):
        text = "".join(taken).rstrip("\r\n")
        line_number = first_line + consumed
        consumed += len(taken)
        taken.clear()
        if len(row) < layout.width:
            text += "," * (layout.width - len(row))
            row += [""] * (layout.width - len(row))
        result = score(
            row[layout.polarity],
            row[layout.target],
            row[layout.actual],
            _cell(row, layout.previous),
            _cell(row, layout.last_year),
            _cell(row, layout.scheme).strip() or layout.default_scheme,
        )
        if isinstance(result, _CellError):
            problem = Problem(line_number, result.column, str(result))
            problems.append(problem)
            out.append(f"{text},,{_encode([str(problem)])},,\n")
        else:
            rag, reason, deviation, trend = result
            out.append(f"{text},{rag},{_encoded(reason)},{deviation},{trend}\n")
    return "".join(out), problems


def _encode(cells: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


@lru_cache(maxsize=1 << 16)
def _encoded(cell: str) -> str:
    return _encode([cell])


CHUNK_LINES = 50_000


def _chunks(source: TextIO, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """Runs of lines that end outside any quoted cell, so no row is cut in two."""
    chunk: list[str] = []
    inside_quotes = False
    for line in source:
        chunk.append(line)
        if line.count('"') % 2:
            inside_quotes = not inside_quotes
        if not inside_quotes and len(chunk) >= CHUNK_LINES:
            yield first_line, chunk
            first_line += len(chunk)
            chunk = []
    if chunk:
        yield first_line, chunk


def evaluate_csv(
    source: TextIO, target: TextIO, default_scheme: str, problems: list[Problem], workers: int = 1
) -> None:
    """Score a whole CSV stream, collecting every problem.

    With `workers` > 1, runs of rows are scored in that many processes and written in order.
    """
    header_line = source.readline()
    if not header_line.strip():
        raise InputError("the file is empty: it needs a header row with polarity, target and actual")
    layout = _Layout.of(next(csv.reader([header_line])), default_scheme)
    target.write(f"{header_line.rstrip(chr(13) + chr(10))},{','.join(ADDED)}\n")
    jobs = ((first, lines, layout) for first, lines in _chunks(source, 2))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            _write(pool.map(_score_chunk, jobs), target, problems)
    else:
        _write(map(_score_chunk, jobs), target, problems)


def _write(results: Iterable[tuple[str, list[Problem]]], target: TextIO, problems: list[Problem]) -> None:
    for text, chunk_problems in results:
        target.write(text)
        problems.extend(chunk_problems)
