"""Bulk scoring: a CSV of targets and actuals in, the same rows with RAG, reason, deviation
and trend out. The judgement itself is `scorecard.core.rag.judge`, as everywhere else.

The pipeline has three stages; the middle one is the seam where another scorer plugs in:

1. Read. The file is decoded (UTF-8, a BOM dropped) and split into records by the csv
   module's own rules: a record is what `csv.reader` returns, whatever line breaks its quoted
   cells hold. Blank lines are not records. Each record is fitted to the header's width
   (missing trailing cells are empty; extra cells must be empty). A record that the csv
   module would read differently from what the file says (an unclosed quote, an oversized
   cell, extra non-empty cells) refuses the whole file with its row number.
2. Score. `score_records(records, layout)` takes a batch of records (cell lists, fitted) and
   returns, per record, the four added cells or the problem that stopped its judgement.
   It is pure apart from a memo of finished cells per combination of input cells.
3. Write. Each record goes out as it was written in the file (re-encoded by the csv module
   only when it had extra empty cells or a formula was neutralised), then the added cells,
   CSV-encoded and formula-safe. Lines end in CRLF, so a bare CR in a cell is quoted too.

For parallel work the file is cut only between records: one csv.reader pass over the lines
(in C, about a tenth of the scoring cost) finds where the records end, and each worker gets
whole records as text. Handing workers parsed records instead costs a pickle of every cell,
measured at several times that pass.

A file of 1 MB or more whose records are one line each takes another way to the same bytes:
bulk.py reads it with polars, scores the rows in the vectorised scorer's checked format on
exact whole numbers, and sends the others through `score_records` (decision record 4).
"""

from __future__ import annotations

import csv
import io
import re
import signal
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import TextIO

from scorecard.core.assess import read_actual
from scorecard.core.measures import Polarity
from scorecard.core.rag import comparison_problem, judge
from scorecard.core.schemes import BUILT_IN, RagScheme
from scorecard.core.targets import parse_target
from scorecard.core.trend import direction_of_travel, trends_against
from scorecard.core.values import Missing, Quantity, Range, ValueParseError, unit_mismatch
from scorecard.interchange.schemes import unknown_scheme

REQUIRED = ("polarity", "target", "actual")
OPTIONAL = ("id", "previous_actual", "last_year_actual", "scheme")
ADDED = ("rag", "rag_reason", "deviation", "trend")
MAX_CELL = 1_048_576  # characters; Excel holds 32,767, so only a broken file reaches this
MAX_VALUE = 200  # characters in a value cell; longer text is no value and is not echoed back
PART_LINES = 50_000  # lines per unit of parallel work
BULK_BYTES = 1_000_000  # about 20,000 rows: below, loading polars (0.11 s) can cost more than it saves
_MEMO_SIZE = 250_000  # entries a memo keeps: about 150 MB at most on all-distinct data
_POLARITIES = {polarity.value: polarity for polarity in Polarity}
_RISKY = frozenset("=+-@\t\r")  # what makes Excel read a cell as a formula
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?")
_UNJUDGED = ("", "", "", "")


class _Memo(Enum):
    MISSING = "not yet judged"  # an enum member, so the type checker narrows on `is`


_MISSING = _Memo.MISSING


class InputError(ValueError):
    """The file as a whole cannot be scored: no header, a required column missing, or a
    record the csv module cannot read as written. Always names the row when there is one."""


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # the line of the file where the record starts, header = 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class CellProblem:
    """Why a record got no judgement: the first malformed cell, by column name."""

    column: str
    message: str


Added = tuple[str, str, str, str]  # rag, rag_reason, deviation, trend


class _MalformedError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.problem = CellProblem(column, message)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the cells are, read from the header, and the schemes a row may name."""

    width: int
    polarity: int
    target: int
    actual: int
    previous: int  # -1 when the column is absent
    last_year: int
    scheme: int
    default_scheme: str
    schemes: Mapping[str, RagScheme]

    @classmethod
    def of(cls, header: Sequence[str], default_scheme: str, schemes: Mapping[str, RagScheme] = BUILT_IN) -> Layout:
        names = [name.strip().lower() for name in header]
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise InputError(
                f"the header row has no {', '.join(missing)} column; required columns are {', '.join(REQUIRED)}"
            )
        clashes = [name for name in ADDED if name in names]
        if clashes:
            raise InputError(f"the input already has output column(s) {', '.join(clashes)}; remove or rename them")
        twice = sorted({name for name in (*REQUIRED, *OPTIONAL) if names.count(name) > 1})
        if twice:
            raise InputError(f"the header names the {', '.join(twice)} column more than once; keep one")
        at = {name: names.index(name) for name in (*REQUIRED, *OPTIONAL) if name in names}
        previous, last_year, scheme = (at.get(name, -1) for name in ("previous_actual", "last_year_actual", "scheme"))
        return cls(
            len(header),
            at["polarity"],
            at["target"],
            at["actual"],
            previous,
            last_year,
            scheme,
            default_scheme,
            schemes,
        )


# --- 2. Score --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Judged:
    """A status as output cells, with what the row's trend needs."""

    cells: tuple[str, str, str]  # rag, rag_reason, deviation
    polarity: Polarity
    actual: Quantity | None
    target_range: Range | None


def _value(column: str, text: str) -> Quantity | Missing:
    if len(text) > MAX_VALUE:
        raise _MalformedError(column, f"a {len(text):,}-character cell is too long to be a value")
    try:
        return read_actual(text)
    except ValueParseError as error:
        raise _MalformedError(column, str(error)) from None


def _earlier(column: str, text: str, actual: Quantity | Missing) -> Quantity | Missing | None:
    """An earlier value for the trend, refused in another unit than the actual (as the band is)."""
    if not text.strip():
        return None
    earlier = _value(column, text)
    if isinstance(earlier, Quantity) and isinstance(actual, Quantity) and (slip := unit_mismatch(actual, earlier)):
        raise _MalformedError(column, slip)
    return earlier


def _judged(
    polarity_text: str,
    target_text: str,
    actual_text: str,
    previous_text: str,
    last_year_text: str,
    scheme_name: str,
    schemes: Mapping[str, RagScheme],
) -> _Judged | CellProblem | None:
    """The judgement of one combination of cells, its first malformed cell, or None for a row
    with no polarity, target or actual (a heading or spacer: nothing to judge, nothing wrong).

    `previous_text` is given only when the scheme's bands read the trend; a malformed previous
    value is not this function's to report (the row's trend is, see score_records).
    """
    if not (polarity_text.strip() or target_text.strip() or actual_text.strip()):
        return None
    try:
        polarity = _POLARITIES.get(polarity_text) or _POLARITIES.get(polarity_text.strip().lower())
        if polarity is None:
            shown = polarity_text if len(polarity_text) <= MAX_VALUE else f"a {len(polarity_text):,}-character cell"
            raise _MalformedError("polarity", f"{shown!r} is not one of higher, lower, range, none")
        if len(target_text) > MAX_VALUE:
            raise _MalformedError("target", f"a {len(target_text):,}-character cell is too long to be a target")
        try:
            target = parse_target(target_text)
        except ValueParseError as error:
            raise _MalformedError("target", str(error)) from None
        actual = _value("actual", actual_text)
        last_year = _earlier("last_year_actual", last_year_text, actual)
        scheme = schemes.get(scheme_name)
        if scheme is None:
            shown = scheme_name if len(scheme_name) <= MAX_VALUE else scheme_name[:MAX_VALUE] + "…"
            raise _MalformedError("scheme", unknown_scheme(shown, schemes))
        if problem := comparison_problem(target, actual, last_year):
            raise _MalformedError("actual", problem)
        try:
            previous = _earlier("previous_actual", previous_text, actual)
        except _MalformedError:
            previous = None
    except _MalformedError as malformed:
        return malformed.problem
    trends = trends_against(polarity, actual, previous, last_year, target_range=target.range)
    status = judge(polarity, target, actual, scheme, last_year=last_year, trends=trends)
    # format() rather than quantize: no context precision to overflow on huge deviations
    deviation = "" if status.deviation is None else f"{status.deviation:.4f}"
    quantity = actual if isinstance(actual, Quantity) else None
    return _Judged((status.code, status.reason, deviation), polarity, quantity, target.range)


def _reading(text: str) -> Quantity | Missing | CellProblem:
    try:
        return _value("previous_actual", text)
    except _MalformedError as malformed:
        return malformed.problem


def _with_trend(judged: _Judged, earlier: Quantity | Missing | CellProblem) -> Added | CellProblem:
    """The added cells with the trend from the previous value to this row's actual (the core's
    direction of travel); a previous value in another unit is a problem, as for the band."""
    if isinstance(earlier, CellProblem):
        return earlier
    trend = None
    if isinstance(earlier, Quantity) and judged.actual is not None:
        if slip := unit_mismatch(judged.actual, earlier):
            return CellProblem("previous_actual", slip)
        trend = direction_of_travel(
            judged.polarity, judged.actual.amount, earlier.amount, target_range=judged.target_range
        )
    return (*judged.cells, trend or "")  # a Trend is its own text


@dataclass(slots=True)
class Memo:
    """What one run remembers across its batches: finished judgements by their cells, and
    readings of previous values. Each is cleared when it reaches _MEMO_SIZE entries."""

    judged: dict[tuple[str, str, str, str, str, str], _Judged | CellProblem | None] = field(default_factory=dict)
    readings: dict[str, Quantity | Missing | CellProblem] = field(default_factory=dict)


def score_records(
    records: Sequence[Sequence[str]], layout: Layout, memo: Memo | None = None
) -> list[Added | CellProblem]:
    """The added cells (rag, rag_reason, deviation, trend) for each record, or its problem.

    Records are cell lists fitted to the header (`layout.width` cells). The status depends on
    the polarity, target, actual, last-year and scheme cells, and on the previous value only
    when the scheme's bands read the trend: those cells are the memo's key, so each distinct
    combination is judged once. The trend column pairs each actual with its previous value,
    which rarely repeats, so it is worked out per row from remembered readings. Pass the same
    `memo` for every batch of one run (never across runs: scheme names may mean other schemes).
    """
    polarity, target, actual = layout.polarity, layout.target, layout.actual
    previous_at, last_year_at, scheme_at = layout.previous, layout.last_year, layout.scheme
    default, schemes = layout.default_scheme, layout.schemes
    reads_trend = {name for name, scheme in schemes.items() if scheme.uses_trend}
    remembered = memo or Memo()
    judgements, readings = remembered.judged, remembered.readings
    results: list[Added | CellProblem] = []
    for cells in records:  # the hot loop: names bound locally, lookups for repeated cells
        previous = cells[previous_at] if previous_at >= 0 else ""
        scheme = (cells[scheme_at].strip() if scheme_at >= 0 else "") or default
        key = (
            cells[polarity],
            cells[target],
            cells[actual],
            previous if scheme in reads_trend else "",
            cells[last_year_at] if last_year_at >= 0 else "",
            scheme,
        )
        judged = judgements.get(key, _MISSING)
        if judged is _MISSING:
            if len(judgements) >= _MEMO_SIZE:
                judgements.clear()
            judged = judgements[key] = _judged(*key, schemes)
        if judged is None:
            results.append(_UNJUDGED)
        elif isinstance(judged, CellProblem):
            results.append(judged)
        elif previous.strip():
            earlier = readings.get(previous)
            if earlier is None:
                if len(readings) >= _MEMO_SIZE:
                    readings.clear()
                earlier = readings[previous] = _reading(previous)
            results.append(_with_trend(judged, earlier))
        else:
            results.append((*judged.cells, ""))
    return results


# --- 1. Read ---------------------------------------------------------------------------------


def _lines(data: bytes) -> tuple[list[str], bool]:
    """The file's lines as the csv module reads them (ending at CR, LF or CRLF) and whether it
    began with a BOM."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        row = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        raise InputError(f"row {row} is not UTF-8 text; save the file as CSV UTF-8") from None
    return io.StringIO(text, newline="").readlines(), bom


def _unclosed(text: str) -> bool:
    """Whether a record's text ends inside a quoted cell (the csv module would quietly take
    the rest of the file into that cell): text that follows is swallowed too, not split off."""
    return sum(1 for _ in csv.reader(io.StringIO(text + "\n,", newline=""))) == 1


def encode(cells: Sequence[str]) -> str:
    """Cells as one CSV line without its ending; CR and LF in a cell are quoted."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2]


def _fitted(cells: list[str], text: str, width: int, row: int) -> tuple[list[str], str]:
    if len(cells) < width:
        return cells + [""] * (width - len(cells)), text + "," * (width - len(cells))
    if any(cells[width:]):
        raise InputError(
            f"row {row} has {len(cells)} cells but the header has {width} columns; quote any cell "
            'that holds a comma (such as "35,000") or name the extra columns in the header'
        )
    return cells[:width], encode(cells[:width])  # trailing empty cells, as spreadsheets export


@dataclass(slots=True)
class _Records:
    """Records read from lines, in order: where each starts, its cells and its text."""

    rows: list[int] = field(default_factory=list)  # the file line where each record starts
    cells: list[list[str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # as written, without the line ending
    end: int = 0  # the line after the last record read


def _read(lines: list[str], start: int, stop: int, offset: int, width: int, limit: int = 0) -> _Records:
    """The records in lines[start:stop] (at most `limit` of them, if given), fitted to `width`
    cells (0: as read). Blank lines are skipped; raises InputError for a record that cannot be
    read as written."""
    csv.field_size_limit(MAX_CELL)
    read = _Records(end=start)
    rows, records, texts = read.rows, read.cells, read.texts
    reader = csv.reader(islice(lines, start, stop))
    at = start
    try:
        for cells in reader:  # a hot loop: one pass per record, kept lean
            end = start + reader.line_num
            text = lines[at] if end == at + 1 else "".join(lines[at:end])
            row, at = offset + at + 1, end
            if not cells:
                continue
            if end == stop and _unclosed(text):
                raise InputError(
                    f"row {row}: a quoted cell is never closed, so the rest of the file would be "
                    'read into it; close the quote, or double a " inside a quoted cell ("")'
                )
            text = text.rstrip("\r\n")
            if width and len(cells) != width:
                cells, text = _fitted(cells, text, width, row)
            rows.append(row)
            records.append(cells)
            texts.append(text)
            if len(rows) == limit:
                break
    except csv.Error as error:
        limit_text = f" (a cell over {MAX_CELL:,} characters)" if "field limit" in str(error) else ""
        raise InputError(f"row {offset + at + 1} cannot be read as CSV: {error}{limit_text}") from None
    read.end = at
    return read


def _part_starts(lines: list[str], start: int, part_lines: int) -> list[int]:
    """Line indices where runs of about `part_lines` lines of whole records begin."""
    starts = [start]
    reader = csv.reader(islice(lines, start, None))
    csv.field_size_limit(MAX_CELL)
    try:
        for _ in reader:
            if reader.line_num - (starts[-1] - start) >= part_lines:
                starts.append(start + reader.line_num)
    except csv.Error:
        pass  # the run holding it reports it with its row
    return [index for index in starts if index < len(lines)] or [start]


# --- 3. Write --------------------------------------------------------------------------------


def formula_safe(cell: str) -> str:
    """The cell, or a text cell that Excel would run as a formula with a ' in front.

    A plain number such as -0.0605 is left alone: Excel reads it as a number, not a formula.
    """
    if cell[:1] in _RISKY and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def finished(row: int, result: Added | CellProblem) -> tuple[Added, Problem | None]:
    """The cells to write for a record's result, formula-safe, and its problem if it has one."""
    if isinstance(result, CellProblem):
        problem = Problem(row, result.column, result.message)
        return ("", str(problem), "", ""), problem
    if result[0][:1] in _RISKY or result[1][:1] in _RISKY:  # band codes and labels come from scheme files
        return (formula_safe(result[0]), formula_safe(result[1]), result[2], result[3]), None
    return result, None


@dataclass(frozen=True, slots=True)
class _Part:
    lines: list[str]
    start: int  # the part is lines[start:stop]
    stop: int
    offset: int  # lines of the file before `lines`
    layout: Layout
    neutralise_input: bool
    memo: Memo


def _score_part(part: _Part) -> tuple[str, list[Problem]]:
    """Read, score and write one run of whole records: the output text and its problems."""
    read = _read(part.lines, part.start, part.stop, part.offset, part.layout.width)
    rows, records, texts = read.rows, read.cells, read.texts
    out: list[str] = []
    writer = csv.writer(Appender(out), lineterminator="\r\n")
    problems: list[Problem] = []
    neutralise = part.neutralise_input
    scored = score_records(records, part.layout, part.memo)
    for row, cells, text, result in zip(rows, records, texts, scored, strict=True):
        added, problem = finished(row, result)
        if problem:
            problems.append(problem)
        if neutralise and any(cell[:1] in _RISKY for cell in cells):
            text = encode([formula_safe(cell) for cell in cells])
        out.append(text)
        out.append(",")
        writer.writerow(added)
    return "".join(out), problems


class Appender:
    """A csv.writer target that collects lines in a list (the writer makes one write a row)."""

    def __init__(self, out: list[str]) -> None:
        self.write = out.append


_worker_memo = Memo()  # a worker's, for every part it scores in its run


@dataclass(frozen=True, slots=True)
class _Run:
    """What every worker of a parallel run shares, inherited when the pool forks: the file's
    lines and how to score them. A task names only a run of lines, so the pool's task pipe
    never fills; a full pipe could hang the pool's shutdown after a signal."""

    lines: list[str]
    layout: Layout
    neutralise: bool


_shared: _Run | None = None


def _score_lines(bounds: tuple[int, int]) -> tuple[str, list[Problem]]:
    """A worker's share: the records in lines begin..end of the shared run."""
    run = _shared
    if run is None:
        raise RuntimeError("a worker started outside a parallel run")
    begin, end = bounds
    return _score_part(_Part(run.lines, begin, end, 0, run.layout, run.neutralise, _worker_memo))


_STOPPING = {signal.SIGINT, signal.SIGTERM}


def _start_worker() -> None:
    global _worker_memo
    _worker_memo = Memo()  # a fork copies the parent's; each run starts afresh
    # Ctrl-C reaches the whole process group: the parent alone decides, and stops the workers
    # with SIGTERM, which must kill them rather than run the handler inherited from the parent.
    # Both arrive blocked (see evaluate_file) so that neither reaches a worker before this point.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)


def evaluate_file(
    path: Path,
    target: TextIO,
    problems: list[Problem],
    *,
    scheme: str = "five-band",
    schemes: Mapping[str, RagScheme] = BUILT_IN,
    neutralise_input: bool = False,
    workers: int = 1,
    part_lines: int = PART_LINES,
    bulk_bytes: int = BULK_BYTES,
) -> None:
    """Score a whole CSV file into `target`, collecting every problem.

    A file of at least `bulk_bytes` whose records are one line each is scored in bulk
    (bulk.py: the same output, from polars). Otherwise, with `workers` > 1, the records are
    cut into runs of about `part_lines` lines (never inside a record) and scored in up to that
    many processes, then written back in order.
    """
    data = path.read_bytes()
    if len(data) >= bulk_bytes and not neutralise_input:
        from scorecard.interchange.bulk import evaluate_in_bulk  # here: polars loads only when it pays

        if evaluate_in_bulk(data, target, problems, scheme=scheme, schemes=schemes):
            return
    lines, bom = _lines(data)
    header = _read(lines, 0, len(lines), 0, 0, limit=1)
    if not header.rows:
        raise InputError("the file is empty: it needs a header row with polarity, target and actual")
    body, names, header_text = header.end, header.cells[0], header.texts[0]
    layout = Layout.of(names, scheme, schemes)
    if neutralise_input:
        header_text = encode([formula_safe(name) for name in names])
    target.write(f"{chr(0xFEFF) if bom else ''}{header_text},{','.join(ADDED)}\r\n")
    starts = _part_starts(lines, body, part_lines)
    parts = list(zip(starts, [*starts[1:], len(lines)], strict=True))
    if min(workers, len(parts)) <= 1:
        memo = Memo()
        scored = (_score_part(_Part(lines, begin, end, 0, layout, neutralise_input, memo)) for begin, end in parts)
        _write(scored, target, problems)
        return
    from multiprocessing import get_context  # here: only a parallel run pays for loading it

    global _shared
    _shared = _Run(lines, layout, neutralise_input)
    # SIGINT and SIGTERM stay blocked while the pool and its threads start, so every worker, even
    # one the pool forks later to replace another, starts with them blocked and cannot be
    # stopped half-started (a worker killed then was replaced by a fork from the pool's thread,
    # which can hang); they reach the parent once the block below can clean up.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        # forked, so the workers inherit the shared run; leaving the block stops them
        with get_context("fork").Pool(min(workers, len(parts)), initializer=_start_worker) as pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            _write(pool.imap(_score_lines, parts), target, problems)
    finally:
        _shared = None
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _write(
    results: Iterable[tuple[str, list[Problem]]],
    target: TextIO,
    problems: list[Problem],
) -> None:
    for text, part_problems in results:
        target.write(text)
        problems.extend(part_problems)
