"""Reading a CSV body in bulk when every record is one well-formed line, as most exports are.

The csv module defines a record. Where every line of the body follows the plain grammar (cells
either unquoted without quotes, or quoted with doubled inner quotes and closed before the next
comma), with exactly one cell per header, no blank line and no bare carriage return, the csv
module and polars' CSV reader read the same cells, and polars reads them all at once.
Anything else (a quoted line break, `12" screen`, text after a closing quote, a ragged or blank
row, CR line endings) gives None, and the caller reads the body record by record with the csv
module. tests/interchange/test_line_records.py checks the agreement on random bodies.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import polars as pl

_CELL = r'(?:"(?:[^"\r]|"")*"|[^",\r]*)'
_UNUSED = "\x1f"  # the unit separator: reading the lines whole needs a delimiter no line holds


def one_line_records(data: bytes, width: int, columns: Mapping[str, int]) -> pl.DataFrame | None:
    """Columns text (each line as written, without its line end) and the cells at `columns`
    (name -> position), one row per record in order, for the file's bytes after its first line
    (the header); None when the body is outside the grammar or not UTF-8.
    """
    lines = data.count(b"\n") - 1 + (not data.endswith(b"\n"))
    if lines < 1 or _UNUSED.encode() in data:
        return None
    try:
        # Read as lines: polars drops the \r of a \r\n; any other \r fails the grammar below.
        text = pl.read_csv(
            data,
            has_header=False,
            skip_lines=1,
            separator=_UNUSED,
            quote_char=None,
            schema={"text": pl.String},
            empty_string_is_null=False,
        ).to_series()
        schema = {f"cell_{position}": pl.String for position in range(width)}
        # The cells are read in another thread while this one checks the grammar (each lets go
        # of the GIL, and the check runs on one core); the reading, even a failed one, counts
        # only if the check holds.
        with ThreadPoolExecutor(max_workers=1) as pool:
            reading = pool.submit(
                pl.read_csv,
                data,
                has_header=False,
                skip_lines=1,
                schema=schema,
                columns=list(columns.values()),
                empty_string_is_null=False,
            )
            well_formed = text.str.contains(rf"^{_CELL}(?:,{_CELL}){{{width - 1}}}$")
            if len(text) != lines or not well_formed.all() or text.str.len_bytes().max() > csv.field_size_limit():  # type: ignore[operator]
                return None
            cells = reading.result()
    except pl.exceptions.ComputeError:  # not UTF-8: the csv module's path names the row
        return None
    if len(cells) != lines:
        return None
    return cells.select(text, *(pl.col(f"cell_{position}").alias(name) for name, position in columns.items()))
