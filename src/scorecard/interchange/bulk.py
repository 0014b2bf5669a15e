"""evaluate's bulk path: the same output, byte for byte, with the per-row work done by polars.

It takes a file whose header and records are one line each (line_records checks and reads
them), scores the rows in the vectorised scorer's checked format all at once (its rarer forms
in a second pass over the rows the first leaves), sends every other row through
`score_records` as the record-by-record path does, and writes each record as written followed
by its added cells, formula-safe and CSV-quoted as that path writes them.
A file outside that shape is declined before anything is written.
"""

from __future__ import annotations

import csv
from codecs import BOM_UTF8
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TextIO

import polars as pl

from scorecard.core.schemes import RagScheme
from scorecard.interchange.evaluate import (
    ADDED,
    Appender,
    InputError,
    Layout,
    Problem,
    finished,
    score_records,
)
from scorecard.interchange.line_records import one_line_records
from scorecard.interchange.vectorised import FastScheme, classify, left_to_judge, written

BATCH_ROWS = 250_000  # records scored at a time: bounds the working columns (smaller batches pay more in calls)


def evaluate_in_bulk(
    data: bytes, target: TextIO, problems: list[Problem], *, scheme: str, schemes: Mapping[str, RagScheme]
) -> bool:
    """Score the file's bytes into `target` and return True, or return False having written nothing."""
    bom = data.startswith(BOM_UTF8)
    start = len(BOM_UTF8) if bom else 0
    end = data.find(b"\n", start) + 1
    default = schemes.get(scheme)
    fast = FastScheme.of(default) if default else None
    try:
        header = data[start:end].decode("utf-8").removesuffix("\n").removesuffix("\r")
        if not end or not header.strip() or '"' in header or "\r" in header or fast is None:
            return False
        layout = Layout.of(header.split(","), scheme, schemes)
    except (UnicodeDecodeError, InputError):
        return False  # the record-by-record path reports it, in its own order
    at = {
        "polarity": layout.polarity,
        "target": layout.target,
        "actual": layout.actual,
        "previous_actual": layout.previous,
        "last_year_actual": layout.last_year,
        "scheme": layout.scheme,
    }
    columns = {name: position for name, position in at.items() if position >= 0}
    records = one_line_records(data, layout.width, columns)
    if records is None:
        return False
    if layout.previous < 0:
        records = records.with_columns(previous_actual=pl.lit(""))
    target.write(f"{chr(0xFEFF) if bom else ''}{header},{','.join(ADDED)}\r\n")
    narrow = _narrow(layout, list(columns))

    def scored(numbered: tuple[int, pl.DataFrame]) -> tuple[pl.DataFrame, pl.Series, list[Problem]]:
        first, batch = numbered
        found: list[Problem] = []
        return batch, _added(batch, first * BATCH_ROWS + 2, fast, narrow, found), found

    # Two batches at a time: much of scoring one runs on a single core (the judge, parts of
    # polars' work), so a second keeps the other busy. They are written, with their
    # problems, in order; a failure or a signal drops the batches not yet started.
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        for batch, added, found in pool.map(scored, enumerate(records.iter_slices(BATCH_ROWS))):
            problems.extend(found)
            _write_lines(pl.DataFrame([batch["text"], added.alias("added")]), target)
    finally:
        pool.shutdown(cancel_futures=True)
    return True


def _added(
    records: pl.DataFrame, first_row: int, fast: FastScheme, layout: Layout, problems: list[Problem]
) -> pl.Series:
    """The added cells as CSV text for a batch of records whose first is on line `first_row`;
    `layout` is _narrow's over the batch's cell columns, which follow its text column."""
    classified = classify(records, fast)
    left = left_to_judge(classified)
    # the rarer formats, on the few rows the first pass leaves
    widened = classify(records[left], fast, wide=True)
    unscored = left[left_to_judge(widened)]
    # taken before the thread starts: polars calls made while its pool is busy wait for it
    cells = records.select(records.columns[1 : layout.width + 1])[unscored].rows()
    rows = (unscored + first_row).to_list()
    # polars writes the fast rows in a thread (it lets go of the GIL) while this one judges the rest
    with ThreadPoolExecutor(max_workers=1) as pool:
        writing = pool.submit(lambda: written(classified, fast).scatter(left, written(widened, fast)))
        texts = _by_record(cells, rows, layout, problems)
        return writing.result().scatter(unscored, pl.Series(texts, dtype=pl.String))


def _write_lines(lines: pl.DataFrame, target: TextIO) -> None:
    """Each record's text and its added cells, joined by a comma and ended with \r\n, exactly
    as they are (no quoting of polars' own); straight to the file's bytes when there is a file,
    saving two copies of the whole output."""
    binary = getattr(target, "buffer", None)
    if binary is None:
        target.write(lines.write_csv(include_header=False, quote_style="never", line_terminator="\r\n"))
        return
    target.flush()
    lines.write_csv(binary, include_header=False, quote_style="never", line_terminator="\r\n")


def _narrow(layout: Layout, names: list[str]) -> Layout:
    """The layout of records holding only the named cells, in that order."""

    def position(name: str) -> int:
        return names.index(name) if name in names else -1

    return replace(
        layout,
        width=len(names),
        polarity=position("polarity"),
        target=position("target"),
        actual=position("actual"),
        previous=position("previous_actual"),
        last_year=position("last_year_actual"),
        scheme=position("scheme"),
    )


def _by_record(records: Sequence[Sequence[str]], rows: list[int], layout: Layout, problems: list[Problem]) -> list[str]:
    """The added cells as CSV text for records the fast path left, from score_records."""
    lines: list[str] = []
    writer = csv.writer(Appender(lines), lineterminator="\r\n")  # one writer: encode() makes one a row
    for row, result in zip(rows, score_records(records, layout), strict=True):
        cells, problem = finished(row, result)
        if problem:
            problems.append(problem)
        writer.writerow(cells)
    return [line[:-2] for line in lines]
