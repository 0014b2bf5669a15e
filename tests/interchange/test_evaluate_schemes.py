"""Schemes only from the operator: a scheme cell picks a built-in or a scheme given on the
command line, and never opens a file."""

import io

import pytest

from scorecard.core.schemes import BUILT_IN
from scorecard.interchange.evaluate import evaluate_file
from scorecard.interchange.schemes import read_scheme_file
from tests.interchange.helpers import rows, run, write

GENEROUS = 'name = "generous"\n[[bands]]\ncode = "OK"\nlabel = "Fine"\n'
# Green within 10% of target; otherwise Amber if better than the previous quarter, else Red
ON_THE_UP = """
name = "on-the-up"
[[bands]]
code = "G"
label = "Green"
min = -0.10
[[bands]]
code = "A"
label = "Amber"
trend = ["improved"]
[[bands]]
code = "R"
label = "Red"
"""


def test_a_scheme_cell_is_never_opened_as_a_path(tmp_path):
    write(tmp_path / "x.toml", GENEROUS)  # a valid scheme where ../x.toml points
    folder = tmp_path / "data"
    folder.mkdir()
    source = write(
        folder / "in.csv", "polarity,target,actual,scheme\nhigher,5,5,/etc/passwd\nhigher,5,5,../x.toml\nhigher,5,5,\n"
    )
    result = run(source, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "row 2, column scheme: '/etc/passwd' is not a scheme given to this run" in result.stderr
    assert "row 3, column scheme: '../x.toml' is not a scheme given to this run" in result.stderr
    assert [row["rag"] for row in rows(result.stdout)] == ["", "", "LG"]


def test_schemes_given_by_folder_and_by_name(tmp_path):
    schemes = tmp_path / "schemes"
    schemes.mkdir()
    write(schemes / "a.toml", GENEROUS)
    other = write(tmp_path / "up.toml", ON_THE_UP)
    source = write(
        tmp_path / "in.csv",
        "polarity,target,actual,previous_actual,scheme\n"
        "higher,50%,20%,10%,generous\nhigher,50%,20%,10%,up\nhigher,50%,20%,10%,\nhigher,50%,20%,10%,three-band\n",
    )
    result = run(source, "--scheme-dir", schemes, "--scheme", f"up={other}", "--scheme", "up")
    assert result.returncode == 0, result.stderr
    assert [row["rag"] for row in rows(result.stdout)] == ["OK", "A", "A", "R"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'name = "x"\n[[bands]]\ncode = "G"\nmin = nan\n', "min must be a finite number such as 0.05, not nan"),
        (b'name = "x"\n[[bands]]\ncode = "G"\nbelow = -inf\n', "below must be a finite number"),
        (b'name = "x"\n[[bands]]\ncode = "G"\nlabel = "\xa3"\n', "is not UTF-8 text; save it as UTF-8"),
        (b"name = [", "not valid TOML"),
    ],
)
def test_a_bad_scheme_file_is_one_line(tmp_path, content, message):
    scheme = tmp_path / "bad.toml"
    scheme.write_bytes(content)
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\n")
    for option in ("--scheme", "--scheme-dir"):
        result = run(source, option, scheme if option == "--scheme" else tmp_path)
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_name_given_twice_or_a_built_in_name_is_refused(tmp_path):
    mine = write(tmp_path / "mine.toml", GENEROUS)
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\n")
    twice = run(source, "--scheme", f"a={mine}", "--scheme", f"a={mine}")
    assert twice.returncode == 2
    assert "a scheme called 'a' is already given" in twice.stderr
    built_in = run(source, "--scheme", f"five-band={mine}")
    assert built_in.returncode == 2
    assert "'five-band' is a built-in scheme's name" in built_in.stderr


def test_the_previous_value_is_part_of_the_judgement_for_trend_bands(tmp_path):
    """Two rows alike but for the previous value: the memo must not hand one row's band to the other."""
    scheme = read_scheme_file(write(tmp_path / "up.toml", ON_THE_UP))
    source = write(
        tmp_path / "in.csv",
        "polarity,target,actual,previous_actual,last_year_actual\n"
        "higher,50%,40%,30%,41%\nhigher,50%,40%,45%,41%\nhigher,50%,40%,,41%\nhigher,50%,40%,30%,41%\n",
    )
    out = io.StringIO()
    evaluate_file(source, out, [], scheme="on-the-up", schemes={**BUILT_IN, "on-the-up": scheme})
    judged = rows(out.getvalue())
    assert [(row["rag"], row["trend"]) for row in judged] == [
        ("A", "improved"),
        ("R", "deteriorated"),
        ("R", ""),
        ("A", "improved"),
    ]
    assert judged[0]["rag_reason"] == "Amber: 20.0% below the target of 50%; improved against the previous period"
    assert judged[1]["rag_reason"] == "Red: 20.0% below the target of 50%"


def test_a_malformed_previous_value_is_reported_whatever_row_came_first(tmp_path):
    source = write(
        tmp_path / "in.csv",
        "polarity,target,actual,previous_actual\nhigher,50%,40%,lots\nhigher,50%,40%,30%\nhigher,50%,40%,lots\n",
    )
    problems = []
    out = io.StringIO()
    evaluate_file(source, out, problems)
    assert [str(problem) for problem in problems] == [
        "row 2, column previous_actual: 'lots' is not a number",
        "row 4, column previous_actual: 'lots' is not a number",
    ]
    assert [row["rag"] for row in rows(out.getvalue())] == ["", "HR", ""]
