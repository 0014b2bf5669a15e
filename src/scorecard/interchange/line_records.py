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

import polars as pl

_CELL = r'(?:"(?:[^"\r]|"")*"|[^",\r]*)'
_UNUSED = "\x1f"  # the unit separator: reading the lines whole needs a delimiter no line holds


def one_line_records(body: bytes, width: int, columns: Mapping[str, int]) -> pl.DataFrame | None:
    """Columns text (each line as written, without its line end) and the cells at `columns`
    (name -> position), one row per record in order; None when the body is outside the grammar.
    `body` is UTF-8, starting after the header line.
    """
    if not body or _UNUSED.encode() in body:
        return None
    lines = body.count(b"\n") + (not body.endswith(b"\n"))
    # Read as lines: polars drops the \r of a \r\n; any other \r fails the grammar below.
    text = pl.read_csv(
        body,
        has_header=False,
        separator=_UNUSED,
        quote_char=None,
        schema={"text": pl.String},
        empty_string_is_null=False,
    ).to_series()
    well_formed = text.str.contains(rf"^{_CELL}(?:,{_CELL}){{{width - 1}}}$")
    if len(text) != lines or not well_formed.all() or text.str.len_bytes().max() > csv.field_size_limit():  # type: ignore[operator]
        return None
    schema = {f"cell_{position}": pl.String for position in range(width)}
    cells = pl.read_csv(
        body, has_header=False, schema=schema, columns=list(columns.values()), empty_string_is_null=False
    )
    if len(cells) != lines:
        return None
    return cells.select(text, *(pl.col(f"cell_{position}").alias(name) for name, position in columns.items()))
