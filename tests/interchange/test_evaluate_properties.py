"""No cell text can make bulk scoring crash: every row gets a result or a located problem."""

import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from scorecard.interchange.evaluate import evaluate_file

cell = st.one_of(
    st.text(max_size=16),
    st.sampled_from(["higher", "lower", "range", "none", "50%", "0", "-", "BL", "7-15%", "Year on year reduction"]),
)


@given(st.lists(st.tuples(cell, cell, cell, cell, cell), max_size=5))
def test_every_row_comes_back_judged_or_explained(rows):
    lines = ["polarity,target,actual,previous_actual,last_year_actual"]
    lines += [",".join('"' + value.replace('"', '""') + '"' for value in row) for row in rows]
    out, problems = io.StringIO(), []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cells.csv"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        evaluate_file(source, out, problems)
    assert out.getvalue().count("\n") >= len(rows) + 1
    for problem in problems:
        assert problem.row >= 2
        assert problem.column in {"polarity", "target", "actual", "previous_actual", "last_year_actual"}
