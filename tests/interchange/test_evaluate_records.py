"""Records, not lines: what evaluate reads as a row, and what it refuses (docs/evaluate.md)."""

import csv
import io

import pytest

from scorecard.interchange.evaluate import MAX_CELL, InputError, evaluate_file
from tests.interchange.helpers import rows, run, write


def parsed(data: bytes):
    """Output bytes read back as the csv module reads them, BOM dropped."""
    csv.field_size_limit(MAX_CELL)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_a_stray_quote_before_a_quoted_line_break_never_splits_a_record_over_5_mb(tmp_path):
    """Over 5 MB evaluate scores in parallel runs; `12" screen` is a literal quote in an
    unquoted cell, so counting quotes would cut the next quoted two-line cell in two."""
    padding = "p" * 30
    body = ["id,polarity,target,actual,note\n", f'12" screen,higher,50%,40%,{padding}\n']
    for n in range(110_000):
        first = f'"note {n}\nsecond line"' if n % 1000 == 0 else str(n)
        body.append(f"{first},higher,50%,55%,{padding}\n")
    source = tmp_path / "big.csv"
    source.write_text("".join(body), encoding="utf-8")
    assert source.stat().st_size > 5_000_000
    output = tmp_path / "out.csv"
    result = run(source, "--output", output)
    assert result.returncode == 0, result.stderr
    out = parsed(output.read_bytes())
    assert len(out) == len(body)
    assert all(len(row) == 9 for row in out)
    assert out[1][:6] == ['12" screen', "higher", "50%", "40%", padding, "HR"]
    assert out[2][0] == "note 0\nsecond line"
    assert {row[5] for row in out[2:]} == {"HG"}


def test_trailing_empty_cells_keep_the_added_columns_in_place(tmp_path):
    source = write(tmp_path / "in.csv", "id,polarity,target,actual\n1,higher,5,6,,\n2,lower,5,6\n3,higher\n")
    result = run(source)
    assert result.returncode == 0, result.stderr
    out = rows(result.stdout)
    expected = [("1", "HG", "0.2000"), ("2", "HR", "-0.2000"), ("3", "", "")]
    assert [(r["id"], r["rag"], r["deviation"]) for r in out] == expected
    assert all(None not in row for row in out)  # no cell beyond the header


def test_extra_cells_with_data_refuse_the_file_with_the_row(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,50%,40%\nhigher,35,000,36000\n")
    output = tmp_path / "out.csv"
    result = run(source, "--output", output)
    assert result.returncode == 2
    assert "row 3 has 4 cells but the header has 3 columns" in result.stderr
    assert not output.exists()


def test_an_unclosed_quote_is_refused_with_the_row_where_it_opens(tmp_path):
    source = write(
        tmp_path / "in.csv", 'id,polarity,target,actual\n1,higher,5,5\n"2,higher,5,5\n3,higher,5,5\n4,lower,5,5\n'
    )
    output = tmp_path / "out.csv"
    result = run(source, "--output", output)
    assert result.returncode == 2
    assert "row 3: a quoted cell is never closed" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_every_line_ending_is_a_row_end(tmp_path, ending):
    source = tmp_path / "in.csv"
    lines = ["id,polarity,target,actual", '"a\nb",higher,5,5', "2,lower,10,15", "3,higher,bad,5"]
    source.write_bytes(ending.join(lines).encode() + ending.encode())
    result = run(source, "--output", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    assert "row 5, column target" in result.stderr  # the quoted cell above spans two lines
    out = parsed((tmp_path / "out.csv").read_bytes())
    expected = [["a\nb", "higher", "5", "5", "LG"], ["2", "lower", "10", "15", "HR"], ["3", "higher", "bad", "5", ""]]
    assert [row[:5] for row in out[1:]] == expected


def test_blank_lines_are_skipped_and_rows_keep_their_line_numbers(tmp_path):
    source = write(tmp_path / "in.csv", "\npolarity,target,actual\n\nhigher,5,5\n\n\nhigher,5,x\n,,\n")
    result = run(source)
    assert result.returncode == 0
    assert "row 7, column actual" in result.stderr
    assert [(r["polarity"], r["rag"]) for r in rows(result.stdout)] == [("higher", "LG"), ("higher", ""), ("", "")]


def test_a_bom_is_dropped_from_the_header_and_kept_for_excel(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes("\ufeffpolarity,target,actual\r\nhigher,5,5\r\n".encode())
    result = run(source, "--output", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpolarity,target,actual,rag,")
    assert parsed(data)[1][3] == "LG"


def test_a_cell_over_128_kib_passes_through(tmp_path):
    note = "x" * 200_000
    source = write(tmp_path / "in.csv", f'id,polarity,target,actual\n"{note}",higher,5,5\n')
    result = run(source, "--output", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    assert parsed((tmp_path / "out.csv").read_bytes())[1][:5] == [note, "higher", "5", "5", "LG"]


def test_a_cell_over_the_limit_is_refused_with_its_row(tmp_path):
    huge = "x" * (MAX_CELL + 1)
    source = write(tmp_path / "in.csv", f'id,polarity,target,actual\n1,higher,5,5\n"{huge}",higher,5,5\n')
    result = run(source)
    assert result.returncode == 2
    assert "row 3 cannot be read as CSV" in result.stderr
    assert f"over {MAX_CELL:,} characters" in result.stderr
    assert result.stdout == ""


def test_a_long_value_cell_is_a_problem_not_an_echo(tmp_path):
    source = write(tmp_path / "in.csv", f"polarity,target,actual\nhigher,5,{'9' * 5000}\n")
    result = run(source)
    assert "row 2, column actual: a 5,000-character cell is too long to be a value" in result.stderr
    assert len(result.stderr) < 300


def test_tiny_and_huge_values_give_exact_deviations(tmp_path):
    source = write(
        tmp_path / "in.csv",
        "polarity,target,actual\nhigher,0.00000001,100000000000000000\nhigher,100000000000000000,0.00000001\n",
    )
    result = run(source)
    assert result.returncode == 0, result.stderr
    out = rows(result.stdout)
    assert out[0]["deviation"] == "9999999999999999999999999.0000"
    assert out[0]["rag_reason"] == "High Green: 999999999999999999999999900.0% above the target of 0.00000001"
    assert (out[1]["rag"], out[1]["deviation"]) == ("HR", "-1.0000")


def test_a_band_code_with_a_comma_is_quoted(tmp_path):
    scheme = write(tmp_path / "odd.toml", 'name = "odd"\n[[bands]]\ncode = "G,1"\nlabel = "Good, \\"really\\""\n')
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\n")
    result = run(source, "--scheme", scheme)
    assert result.returncode == 0, result.stderr
    out = rows(result.stdout)
    assert (out[0]["rag"], out[0]["rag_reason"]) == ("G,1", 'Good, "really": on the target of 5')
    assert list(out[0]) == ["polarity", "target", "actual", "rag", "rag_reason", "deviation", "trend"]


def test_the_trend_refuses_a_unit_slip_like_the_band(tmp_path):
    source = write(
        tmp_path / "in.csv", "polarity,target,actual,previous_actual\nhigher,50%,60%,0.65\nhigher,50%,60%,65%\n"
    )
    result = run(source)
    assert "row 2, column previous_actual: 0.65 is a plain number but 60% is a percentage" in result.stderr
    out = rows(result.stdout)
    assert (out[0]["rag"], out[0]["trend"]) == ("", "")
    assert (out[1]["rag"], out[1]["trend"]) == ("HG", "deteriorated")


def test_output_lines_quote_a_bare_cr(tmp_path):
    """A cell holding a lone CR comes back as the same cell (the csv module reads an unquoted CR
    as a line end)."""
    source = tmp_path / "in.csv"
    source.write_bytes(b'id,polarity,target,actual\n"a\rb",higher,5,x\n')
    out = io.StringIO()
    problems = []
    evaluate_file(source, out, problems)
    assert parsed(out.getvalue().encode())[1][:4] == ["a\rb", "higher", "5", "x"]
    assert str(problems[0]) == "row 2, column actual: 'x' is not a number"


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ('"3,higher,5,5', "row 4: a quoted cell is never closed"),
        (f'"{"x" * (MAX_CELL + 1)}",higher,5,5', "row 4 cannot be read as CSV"),
        ("3,higher,35,000,5", "row 4 has 5 cells but the header has 4 columns"),
    ],
)
def test_refusals_name_the_same_row_in_parallel_runs(tmp_path, bad_row, message):
    source = write(
        tmp_path / "in.csv", f"id,polarity,target,actual\n1,higher,5,5\n2,higher,5,5\n{bad_row}\n4,lower,5,5\n"
    )
    for workers in (1, 2):
        with pytest.raises(InputError, match=message):
            evaluate_file(source, io.StringIO(), [], workers=workers, part_lines=1)
