"""Bulk scoring, checked against the core and against the csv module for any input.

Every row's band, reason and trend are what `scorecard.core.rag.judge` gives for its cells
(the expectation is computed here with the core alone), and any file of records comes back
with one row per record and its cells unchanged, in one process or several.
"""

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.core.assess import read_actual
from scorecard.core.measures import Polarity
from scorecard.core.rag import comparison_problem, judge
from scorecard.core.schemes import BUILT_IN, parse_scheme
from scorecard.core.targets import parse_target
from scorecard.core.trend import TrendAgainst, trends_against
from scorecard.core.values import Quantity, ValueParseError, unit_mismatch
from scorecard.interchange.evaluate import evaluate_file

# Two families of values that compare with each other; a row draws its values from one family,
# mostly, so that most rows judge, with markers, the other family and any text mixed in.
PERCENTAGES = ["50%", "76%", "71.40%", "79.8%", "45%", "0%", "47.5%", "52.5%", "100%"]
NUMBERS = ["0", "5", "-3", "4.75", "5.25", "£1.2m", "1200000", "0.97", "1.2"]
RANGES = {"%": ["40-60%", "45-50%", "70-80%"], "": ["0.9-1.1", "4-6", "0-0"]}
OTHERS = ["-", "BL", "Note 1", "", "7-15%", "x", "01:36"]


def _mostly(draw, values, one_in=8):
    """One of `values` (evenly), or any text one time in `one_in`."""
    return draw(st.text(max_size=12)) if draw(st.integers(1, one_in)) == 1 else draw(st.sampled_from(values))


@st.composite
def judged_row(draw):
    family = PERCENTAGES if draw(st.booleans()) else NUMBERS
    values = family * 4 + OTHERS + PERCENTAGES + NUMBERS  # the family, then markers and the rest
    ranges = RANGES["%" if family is PERCENTAGES else ""]
    targets = values + ranges * 4 + ["Year on year reduction", "year-on-year increase"] * 2
    polarity = _mostly(draw, ["higher", "lower", "range"] * 3 + ["none", " Higher ", ""])
    cells = [_mostly(draw, values) for _ in range(3)]
    return (polarity, _mostly(draw, targets), *cells, draw(scheme))


# trend bands against each earlier value, so the previous and last-year cells decide bands too
TREND_SCHEMES = {
    f"better-than-{against}": parse_scheme(
        f'name = "better-than-{against}"\n[[bands]]\ncode = "G"\nmin = 0\n'
        f'[[bands]]\ncode = "A"\ntrend = ["improved"]\ntrend_against = "{against}"\n[[bands]]\ncode = "R"\n'
    )
    for against in ("previous", "last_year")
}
SCHEMES = {**BUILT_IN, **TREND_SCHEMES}
scheme = st.one_of(st.sampled_from(list(TREND_SCHEMES)), st.sampled_from(["", "three-band"]))  # half trend-based


def _evaluate(text: str, **options) -> tuple[list[dict[str, str]], list]:
    out, problems = io.StringIO(), []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cells.csv"
        source.write_bytes(text.encode("utf-8"))
        evaluate_file(source, out, problems, **options)
    return list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"), newline=""))), problems


def _expected(polarity_text, target_text, actual_text, previous_text, last_year_text, scheme_name):
    """(rag, rag_reason, deviation, trend) from the core, or None where a cell is malformed."""
    if not (polarity_text.strip() or target_text.strip() or actual_text.strip()):
        return "", "", "", ""
    if polarity_text.strip().lower() not in {p.value for p in Polarity}:
        return None
    try:
        parsed_target = parse_target(target_text)
        actual = read_actual(actual_text)
        previous = read_actual(previous_text) if previous_text.strip() else None
        last_year = read_actual(last_year_text) if last_year_text.strip() else None
    except ValueParseError:
        return None
    for earlier in (previous, last_year):
        if isinstance(earlier, Quantity) and isinstance(actual, Quantity) and unit_mismatch(actual, earlier):
            return None
    if comparison_problem(parsed_target, actual, last_year):
        return None
    measure = Polarity(polarity_text.strip().lower())
    trends = trends_against(measure, actual, previous, last_year, target_range=parsed_target.range)
    status = judge(
        measure, parsed_target, actual, SCHEMES[scheme_name or "five-band"], last_year=last_year, trends=trends
    )
    trend = trends[TrendAgainst.PREVIOUS]
    deviation = "" if status.deviation is None else f"{status.deviation:.4f}"
    return status.code, status.reason, deviation, trend.value if trend else ""


@settings(max_examples=300)
@given(st.lists(judged_row(), max_size=8))
def test_every_row_is_judged_as_the_core_judges_it(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["polarity", "target", "actual", "previous_actual", "last_year_actual", "scheme"])
    starts = []  # the file line each record starts on (a quoted cell may hold line breaks)
    for row in rows:
        starts.append(len(io.StringIO(buffer.getvalue(), newline="").readlines()) + 1)
        writer.writerow(row)
    judged, problems = _evaluate(buffer.getvalue(), schemes=SCHEMES)
    assert len(judged) == len(rows)
    reported = {problem.row for problem in problems}
    for line, row, out in zip(starts, rows, judged, strict=True):
        expected = _expected(*row)
        if expected is None:
            assert line in reported
            assert (out["rag"], out["deviation"], out["trend"]) == ("", "", "")
            assert out["rag_reason"].startswith(f"row {line}, column ")
        else:
            assert line not in reported
            assert (out["rag"], out["rag_reason"], out["deviation"], out["trend"]) == expected


# --- any records, any layout -----------------------------------------------------------------

HEADER = ["id", "polarity", "target", "actual", "note"]
text_cell = st.one_of(
    st.text(alphabet=st.sampled_from("ab \"',\r\n=-+@\t\x0c£é"), max_size=8),
    st.sampled_from(["higher", "lower", "50%", "5", '12" screen', ""]),
)
# a record: 1 to 5 cells, then up to 2 empty ones as spreadsheets export; None is a blank line
record = st.one_of(
    st.none(),
    st.tuples(st.lists(text_cell, min_size=1, max_size=5), st.integers(0, 2)).map(lambda r: r[0] + [""] * r[1]),
)


def _encoded(cell_text: str, quote_all: bool) -> str:
    """A cell as a CSV writer would put it; without quote_all, a quote inside an unquoted cell
    stays a literal quote (`12" screen`), as the csv module reads it."""
    if quote_all or cell_text.startswith('"') or any(char in cell_text for char in ",\r\n"):
        return '"' + cell_text.replace('"', '""') + '"'
    return cell_text


def _file(records, ending, bom, quote_all):
    lines = [",".join(HEADER)]
    for cells in records:
        if cells is None:
            lines.append("")
        elif cells == [""]:
            lines.append('""')  # a lone empty cell, not a blank line
        else:
            lines.append(",".join(_encoded(cell_text, quote_all) for cell_text in cells))
    return ("\ufeff" if bom else "") + ending.join(lines) + ending


def _round_trip(records, ending, bom, quote_all, **options):
    judged, _ = _evaluate(_file(records, ending, bom, quote_all), **options)
    kept = [cells for cells in records if cells is not None]
    assert len(judged) == len(kept)
    for cells, out in zip(kept, judged, strict=True):
        assert list(out) == [*HEADER, "rag", "rag_reason", "deviation", "trend"]
        fitted = (cells + [""] * len(HEADER))[: len(HEADER)]
        assert [out[name] for name in HEADER] == fitted


layouts = {
    "records": st.lists(record, max_size=12),
    "ending": st.sampled_from(["\r\n", "\n", "\r"]),
    "bom": st.booleans(),
    "quote_all": st.booleans(),
}


@given(**layouts)
def test_records_come_back_unchanged_in_one_process(records, ending, bom, quote_all):
    _round_trip(records, ending, bom, quote_all)


@settings(max_examples=25)
@given(**layouts)
def test_records_come_back_unchanged_in_several_processes(records, ending, bom, quote_all):
    _round_trip(records, ending, bom, quote_all, workers=2, part_lines=2)
