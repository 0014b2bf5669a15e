"""`scorecard evaluate` as a user runs it: files in, files out, errors on standard error."""

import io

import pytest

from tests.interchange.helpers import rows, run, write

HAVERING = """
name = "havering"
[[bands]]
code = "G"
label = "Green"
min = -0.10
[[bands]]
code = "A"
label = "Amber"
trend = ["improved", "unchanged"]
trend_against = "last_year"
[[bands]]
code = "R"
label = "Red"
"""


def test_adds_rag_reason_deviation_and_trend(tmp_path):
    source = write(
        tmp_path / "in.csv",
        "id,polarity,target,actual,previous_actual\n"
        "29,higher,76%,71.40%,70%\n"
        "16,lower,10,15,5\n"
        "eq,range,0.9-1.1,0.97,0.93\n"
        "coast,lower,0%,0%,0%\n",
    )
    result = run(source)
    assert result.returncode == 0, result.stderr
    out = rows(result.stdout)
    assert list(out[0]) == [
        "id",
        "polarity",
        "target",
        "actual",
        "previous_actual",
        "rag",
        "rag_reason",
        "deviation",
        "trend",
    ]
    assert [(r["rag"], r["deviation"], r["trend"]) for r in out] == [
        ("LR", "-0.0605", "improved"),
        ("HR", "-0.5000", "deteriorated"),
        ("LG", "0.0000", "unchanged"),
        ("LG", "0.0000", "unchanged"),
    ]
    assert out[0]["rag_reason"] == "Low Red: 6.1% below the target of 76%"


def test_malformed_cells_are_reported_with_row_and_column(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,50%,lots\nupper,5,5\nhigher,50%,55%\n")
    result = run(source)
    assert result.returncode == 0
    assert "row 2, column actual: 'lots' is not a number" in result.stderr
    assert "row 3, column polarity" in result.stderr
    out = rows(result.stdout)
    assert out[0]["rag"] == ""
    assert out[0]["rag_reason"] == "row 2, column actual: 'lots' is not a number"
    assert out[2]["rag"] == "HG"


def test_strict_fails_with_status_2_and_writes_nothing(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,50%,lots\n")
    output = tmp_path / "out.csv"
    result = run(source, "--strict", "--output", output)
    assert result.returncode == 2
    assert "row 2, column actual" in result.stderr
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_a_scheme_file_and_per_row_schemes(tmp_path):
    scheme = write(tmp_path / "havering.toml", HAVERING)
    source = write(
        tmp_path / "in.csv",
        "polarity,target,actual,last_year_actual,scheme\n"
        "higher,50%,40%,38%,\n"
        "higher,50%,40%,41%,\n"
        "higher,50%,40%,41%,three-band\n",
    )
    result = run(source, "--scheme", scheme, "--output", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    out = rows((tmp_path / "out.csv").read_text(encoding="utf-8"))
    assert [r["rag"] for r in out] == ["A", "R", "R"]
    assert out[0]["rag_reason"] == "Amber: 20.0% below the target of 50%; improved against the same period last year"


def test_year_on_year_targets_use_last_year(tmp_path):
    source = write(
        tmp_path / "in.csv", "polarity,target,actual,last_year_actual\nlower,Year on year reduction,52 (223),72 (307)\n"
    )
    out = rows(run(source).stdout)
    assert out[0]["rag"] == "HG"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,target,actual\n1,5,5\n", "no polarity column"),
        ("", "the file is empty"),
        ("polarity,target,actual,rag\nhigher,1,1,HG\n", "already has output column"),
    ],
)
def test_unusable_files_fail_clearly(tmp_path, content, message):
    result = run(write(tmp_path / "in.csv", content))
    assert result.returncode == 2
    assert message in result.stderr


def test_an_unknown_scheme_fails_clearly(tmp_path):
    result = run(write(tmp_path / "in.csv", "polarity,target,actual\n"), "--scheme", "rainbow")
    assert result.returncode == 2
    assert "'rainbow' is not a scheme given to this run" in result.stderr


def test_parallel_scoring_gives_the_same_file_and_line_numbers(tmp_path):
    """Rows are scored in runs; a quoted cell with a line break must not be cut in two."""
    from scorecard.interchange import evaluate

    body = [
        "id,polarity,target,actual,previous_actual",
        *(f"{n},higher,50%,{40 + n}%,45%" for n in range(10)),
        '"two\nlines",lower,10,12,11',
        "bad,higher,50%,lots,",
        *(f"{n},lower,1,{n},1" for n in range(5)),
    ]
    source = write(tmp_path / "in.csv", "\n".join(body) + "\n")
    outputs = []
    for workers in (1, 2):
        problems = []
        out = io.StringIO()
        evaluate.evaluate_file(source, out, problems, workers=workers, part_lines=3)
        outputs.append((out.getvalue(), [str(problem) for problem in problems]))
    assert outputs[0] == outputs[1]
    result, problems = outputs[0]
    assert problems == ["row 14, column actual: 'lots' is not a number"]
    judged = rows(result)
    assert len(judged) == 17
    assert judged[10]["id"] == "two\nlines"
    assert judged[10]["rag"] == "HR"
    assert [row["trend"] for row in judged[:3]] == ["deteriorated", "deteriorated", "deteriorated"]


def test_cells_keep_their_text_and_separators(tmp_path):
    """Input cells come back exactly as written, even with form feeds, quotes or a BOM."""
    source = tmp_path / "in.csv"
    source.write_bytes('\ufeffid,polarity,target,actual\r\n"a\x0cb ""q""",higher,5,5\r\n'.encode())
    result = run(source)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[1] == '"a\x0cb ""q""",higher,5,5,LG,Low Green: on the target of 5,0.0000,'


def test_text_that_is_not_utf8_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(b"polarity,target,actual\nhigher,5,\xa35\n")
    result = run(source)
    assert result.returncode == 2
    assert "row 2 is not UTF-8 text" in result.stderr


def test_an_actual_in_another_unit_is_a_malformed_cell(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,50%,45\n")
    result = run(source, "--strict")
    assert result.returncode == 2
    assert "row 2, column actual: 45 is a plain number but 50% is a percentage" in result.stderr
