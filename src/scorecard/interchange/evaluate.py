"""Bulk scoring: a CSV of targets and actuals in, the same rows with RAG, reason, deviation
and trend out. The judgement itself is `scorecard.core.rag.judge`, as everywhere else.

Speed comes from remembering, never from a second copy of the rules: a row's status depends
only on its polarity, target, actual, last year's value and scheme (and its previous value
when the scheme's bands look at the trend), and council data repeats those, so most rows
cost a lookup. The trend pairs each actual with its previous value, which rarely repeats,
so it is worked out per row from remembered amounts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from scorecard.core.assess import read_actual
from scorecard.core.measures import Polarity
from scorecard.core.rag import comparison_problem, judge
from scorecard.core.schemes import SchemeError
from scorecard.core.targets import parse_target
from scorecard.core.trend import direction_of_travel, trends_against
from scorecard.core.values import Missing, Quantity, Range, ValueParseError
from scorecard.interchange.schemes import resolve_scheme

REQUIRED = ("polarity", "target", "actual")
OPTIONAL = ("id", "previous_actual", "last_year_actual", "scheme")
ADDED = ("rag", "rag_reason", "deviation", "trend")
_PLACES = Decimal("0.0001")
_POLARITIES = {polarity.value: polarity for polarity in Polarity}


class InputError(ValueError):
    """The file as a whole cannot be scored (no header, a required column missing)."""


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # the line number in the file, header = 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class _CellError:
    column: str
    message: str


class _MalformedError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.error = _CellError(column, message)


@dataclass(frozen=True, slots=True)
class _Judged:
    """A status as output cells, with what the trend needs from the same row."""

    cells: str  # "rag,reason,deviation", CSV-encoded
    polarity: Polarity
    amount: Decimal | None  # the actual, when it is a number
    target_range: Range | None


# Per process (each worker fills its own): value text -> its amount, None for a marker such as
# "-" or "Note 1", or the problem for text that is no value.
_READINGS: dict[str, Decimal | str | None] = {}
_STATUSES: dict[tuple[str, ...], _Judged | _CellError] = {}
_USES_TREND: dict[str, bool] = {}


def _reading(text: str) -> Decimal | str | None:
    try:
        return _READINGS[text]
    except KeyError:
        pass
    try:
        value = read_actual(text)
        reading: Decimal | str | None = value.amount if isinstance(value, Quantity) else None
    except ValueParseError as error:
        reading = str(error)
    _READINGS[text] = reading
    return reading


def _actual(column: str, text: str) -> Quantity | Missing:
    try:
        return read_actual(text)
    except ValueParseError as error:
        raise _MalformedError(column, str(error)) from None


def _optional_actual(column: str, text: str) -> Quantity | Missing | None:
    return _actual(column, text) if text.strip() else None


def _polarity(text: str) -> Polarity:
    polarity = _POLARITIES.get(text) or _POLARITIES.get(text.strip().lower())
    if polarity is None:
        raise _MalformedError("polarity", f"{text!r} is not one of higher, lower, range, none")
    return polarity


def _judge(
    polarity_text: str, target_text: str, actual_text: str, previous_text: str, last_year_text: str, scheme_name: str
) -> _Judged | _CellError:
    """Judge one combination of cells, or name the first malformed one."""
    try:
        polarity = _polarity(polarity_text)
        try:
            target = parse_target(target_text)
        except ValueParseError as error:
            raise _MalformedError("target", str(error)) from None
        actual = _actual("actual", actual_text)
        previous = _optional_actual("previous_actual", previous_text)
        last_year = _optional_actual("last_year_actual", last_year_text)
        try:
            scheme = resolve_scheme(scheme_name)
        except SchemeError as error:
            raise _MalformedError("scheme", str(error)) from None
        if problem := comparison_problem(target, actual, last_year):
            raise _MalformedError("actual", problem)
    except _MalformedError as malformed:
        return malformed.error
    trends = trends_against(polarity, actual, previous, last_year, target_range=target.range)
    status = judge(polarity, target, actual, scheme, last_year=last_year, trends=trends)
    deviation = "" if status.deviation is None else str(status.deviation.quantize(_PLACES))
    amount = actual.amount if isinstance(actual, Quantity) else None
    return _Judged(f"{status.code},{_encode([status.reason])},{deviation}", polarity, amount, target.range)


def _uses_trend(scheme_name: str) -> bool:
    uses = _USES_TREND.get(scheme_name)
    if uses is None:
        try:
            uses = resolve_scheme(scheme_name).uses_trend
        except SchemeError:
            uses = False  # the status reports the unknown scheme
        _USES_TREND[scheme_name] = uses
    return uses


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


def _trend_cell(judged: _Judged, previous: str) -> str | _CellError:
    """The trend column: from the previous value to this row's actual (empty when unknown)."""
    earlier = _READINGS[previous] if previous in _READINGS else _reading(previous)
    if isinstance(earlier, str):
        return _CellError("previous_actual", earlier)
    if earlier is None or judged.amount is None:
        return ""
    return direction_of_travel(judged.polarity, judged.amount, earlier, target_range=judged.target_range) or ""


def _score_part(job: tuple[Path, int, int, int, _Layout]) -> tuple[str, list[Problem]]:
    """Score the rows in bytes start..end of the file; each output row is its input line as
    written plus the added cells (never re-encoded: cheaper, and the user's text comes back
    unchanged).
    """
    path, start, end, first_line, layout = job
    with path.open("rb") as handle:
        handle.seek(start)
        # StringIO(newline="") splits at line ends only, where str.splitlines would also split
        # at form feeds and other separators a cell may hold
        lines = io.StringIO(_decoded(handle.read(end - start), first_line), newline="").readlines()
    width, polarity, target, actual = layout.width, layout.polarity, layout.target, layout.actual
    previous_at, last_year_at, scheme_at, default = (
        layout.previous,
        layout.last_year,
        layout.scheme,
        layout.default_scheme,
    )
    statuses = _STATUSES
    out: list[str] = []
    problems: list[Problem] = []
    reader = csv.reader(lines)
    consumed = 0
    for row in reader:  # the hot loop: names bound locally, a few lookups per row
        end_line = reader.line_num
        text = (lines[consumed] if end_line == consumed + 1 else "".join(lines[consumed:end_line])).rstrip("\r\n")
        line_number = first_line + consumed
        consumed = end_line
        if len(row) < width:
            text += "," * (width - len(row))
            row += [""] * (width - len(row))
        previous = row[previous_at].strip() if previous_at >= 0 else ""
        scheme = (row[scheme_at].strip() if scheme_at >= 0 else "") or default
        key = (
            row[polarity],
            row[target],
            row[actual],
            previous if _uses_trend(scheme) else "",
            row[last_year_at] if last_year_at >= 0 else "",
            scheme,
        )
        judged = statuses.get(key)
        if judged is None:
            judged = statuses[key] = _judge(*key)
        added = judged if isinstance(judged, _CellError) else _trend_cell(judged, previous) if previous else ""
        if isinstance(added, _CellError):
            problem = Problem(line_number, added.column, added.message)
            problems.append(problem)
            out.append(f"{text},,{_encode([str(problem)])},,\n")
        else:
            out.append(f"{text},{judged.cells},{added}\n")  # type: ignore[union-attr]
    return "".join(out), problems


def _decoded(data: bytes, first_line: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = first_line + data.count(b"\n", 0, error.start)
        raise InputError(f"row {line} is not UTF-8 text; save the file as CSV UTF-8") from None


def _encode(cells: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


PART_BYTES = 4_000_000


def _parts(data: bytes, start: int, count: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line number) of `count` runs of whole rows.

    A run ends at a line break outside quoted cells (an even number of quotes before it), so
    a cell with a line break in it is never cut in two.
    """
    line, quotes = 2, 0
    size = max(1, (len(data) - start) // count)
    while start < len(data):
        cut = min(len(data), start + size)
        while cut < len(data):
            cut = data.find(b"\n", cut)
            cut = len(data) if cut < 0 else cut + 1
            if (quotes + data.count(b'"', start, cut)) % 2 == 0:
                break
        yield start, cut, line
        quotes += data.count(b'"', start, cut)
        line += data.count(b"\n", start, cut)
        start = cut


def evaluate_file(path: Path, target: TextIO, default_scheme: str, problems: list[Problem], workers: int = 1) -> None:
    """Score a whole CSV file, collecting every problem.

    The file is cut into runs of whole rows; with `workers` > 1 they are scored in that many
    processes, each reading its own bytes, and written back in order.
    """
    data = path.read_bytes()
    body = data.find(b"\n") + 1 or len(data)
    header_line = _decoded(data[:body], 1).removeprefix("\ufeff")
    if not header_line.strip():
        raise InputError("the file is empty: it needs a header row with polarity, target and actual")
    layout = _Layout.of(next(csv.reader([header_line])), default_scheme)
    target.write(f"{header_line.rstrip(chr(13) + chr(10))},{','.join(ADDED)}\n")
    count = max(workers, (len(data) - body) // PART_BYTES)
    jobs = [(path, start, end, line, layout) for start, end, line in _parts(data, body, count)]
    del data
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            _write(pool.map(_score_part, jobs), target, problems)
    else:
        _write(map(_score_part, jobs), target, problems)


def _write(results: Iterable[tuple[str, list[Problem]]], target: TextIO, problems: list[Problem]) -> None:
    for text, part_problems in results:
        target.write(text)
        problems.extend(part_problems)
