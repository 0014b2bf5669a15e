"""Bulk reading gives exactly the csv module's records, or declines the body."""

import csv
import io

from hypothesis import example, given
from hypothesis import strategies as st

from scorecard.interchange.line_records import one_line_records

COLUMNS = {"polarity": 0, "actual": 2}


def csv_module(body):
    return list(csv.reader(io.StringIO(body, newline="")))


def check(body, width=3):
    records = one_line_records(("polarity,target,actual\n" + body).encode(), width, COLUMNS)
    if records is None:
        return None
    expected = csv_module(body)
    lines = body.removesuffix("\n").split("\n")  # accepted, so no line end but \n and \r\n
    assert len(records) == len(expected) == len(lines)
    for (text, polarity, actual), record, line in zip(records.iter_rows(), expected, lines, strict=True):
        assert len(record) == width
        assert (polarity, actual) == (record[0], record[2])
        assert text == line.removesuffix("\r")
    return records


def test_plain_and_quoted_lines_are_read_as_the_csv_module_reads_them():
    body = 'higher,"Ward 1, ""North""",5%\r\nlower,,"7,5"\r\n"","x",\r\n'
    assert check(body) is not None


@example('higher,12" screen,5\n')  # a quote inside an unquoted cell
@example('higher,"a"b,5\n')  # text after a closing quote
@example('higher,"a\nb",5\n')  # a quoted line break
@example("higher,a,5\rlower,b,6\r")  # CR line endings
@example("higher,a,5\n\nlower,b,6\n")  # a blank line
@example("higher,a,5,\n")  # a ragged row
@example("higher,a,5\x1f\n")
@given(
    st.lists(
        st.lists(st.text(alphabet='ab,"\r\n\x1f é', max_size=6), min_size=2, max_size=4).map(",".join),
        min_size=1,
        max_size=6,
    ).map(lambda lines: "\n".join(lines) + "\n")
)
def test_any_body_is_read_as_the_csv_module_reads_it_or_declined(body):
    check(body)


@given(
    st.lists(st.lists(st.text(alphabet='ab," é\r\n\x00', max_size=6), min_size=3, max_size=3), min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
)
def test_bodies_the_csv_module_writes_without_line_breaks_in_cells_are_read_in_bulk(rows, ending):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerows(rows)
    records = check(buffer.getvalue())
    if not any("\r" in cell or "\n" in cell for row in rows for cell in row):
        assert records is not None


def test_a_body_that_is_not_utf8_is_declined():
    assert one_line_records(b"polarity,target,actual\nhigher,5,\xff\n", 3, COLUMNS) is None
