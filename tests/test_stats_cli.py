"""`scorecard stats spc | ci | compare` run as a user runs them: the real command in a subprocess."""

import csv
import io
import itertools
import json
import subprocess
import sys

import pytest

from tests.reference import vector_rows

pytestmark = pytest.mark.slow

SPC_HEADER = ["value", "mean", "lpl", "upl", "near_lpl", "near_upl", "rule", "point_type"]
MDC_WORKED = [20, 24, 20, 26, 22, 16, 18, 16, 31, 28, 34, 26, 30, 19, 18]


def _stats(folder, *args):
    return subprocess.run(
        [sys.executable, "-m", "scorecard.cli", "stats", *map(str, args)],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def _csv(folder, name, header, rows):
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def _refused(result, *fragments):
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    for fragment in fragments:
        assert fragment in result.stderr


# ---- spc ------------------------------------------------------------------------------------------


def test_spc_reproduces_the_mdc_worked_example_with_icons(tmp_path):
    """METHODS.md / MDC testing guide: mean 23.20, limits 37.64 and 8.76; a target above the upper
    limit with higher better always fails."""
    path = _csv(tmp_path, "series.csv", ["period", "value"], [[f"M{n}", v] for n, v in enumerate(MDC_WORKED, 1)])
    result = _stats(tmp_path, "spc", path, "--direction", "increase", "--target", 40, "--summary")
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert list(rows[0]) == ["period", *SPC_HEADER]
    assert [row["period"] for row in rows] == [f"M{n}" for n in range(1, 16)]
    first = rows[0]
    assert [round(float(first[column]), 2) for column in ("mean", "upl", "lpl")] == [23.20, 37.64, 8.76]
    assert {row["point_type"] for row in rows} == {"common_cause"}
    assert {row["rule"] for row in rows} == {""}
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert summary == {"variation_icon": "common_cause", "assurance_icon": "consistent_fail"}


def test_spc_plotthedots_vignette_rebase_and_blank_values(tmp_path):
    """NHSRplotthedots vignette series (screened: UPL 4.6, LPL -0.72, point 5 special cause) followed,
    after a rebase, by a second section; a blank value is left out, written blank and named."""
    first = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    second = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5]
    rows = [[value, ""] for value in first] + [["", "1"]] + [[value, ""] for value in second]
    path = _csv(tmp_path, "series.csv", ["value", "rebase", "note"], [[*row, "x"] for row in rows])
    result = _stats(tmp_path, "spc", path, "--preset", "plotthedots", "--direction", "increase")
    assert result.returncode == 0, result.stderr
    out = _rows(result.stdout)
    assert list(out[0]) == SPC_HEADER  # no period in, none out; other columns do not pass through
    assert (round(float(out[0]["upl"]), 2), round(float(out[0]["lpl"]), 2)) == (4.6, -0.72)
    assert (out[4]["rule"], out[4]["point_type"]) == ("outside", "special_cause_improvement")
    assert out[18] == dict.fromkeys(SPC_HEADER, "")
    assert float(out[19]["mean"]) == pytest.approx(sum(second) / len(second))
    assert "row 20: no value" in result.stderr


def test_spc_mdc_needs_13_points_for_limits(tmp_path):
    path = _csv(tmp_path, "short.csv", ["value"], [[v] for v in MDC_WORKED[:12]])
    result = _stats(tmp_path, "spc", path, "--summary")
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert rows[0]["mean"]
    assert (rows[0]["upl"], rows[0]["lpl"]) == ("", "")
    assert json.loads(result.stderr.strip().splitlines()[-1]) == {"variation_icon": None, "assurance_icon": None}
    again = _stats(tmp_path, "spc", path, "--min-points", 12, "--run-length", 7, "--no-screen-outliers")
    assert _rows(again.stdout)[0]["upl"]


def test_spc_options_reach_the_engine(tmp_path):
    """Point 14 is beyond the upper limit and point 15 beyond the two-sigma line; a baseline of the
    first 12 points and the 3σ limits change the lines; only the 2023 variant flags point 15."""
    values = [10, 11, 10, 9, 10, 11, 9, 10, 11, 10, 9, 10, 11, 15, 13.5]
    path = _csv(tmp_path, "series.csv", ["value"], [[v] for v in values])
    plain = _rows(_stats(tmp_path, "spc", path, "--preset", "plotthedots", "--no-screen-outliers").stdout)
    counting = _stats(
        tmp_path, "spc", path, "--preset", "plotthedots", "--no-screen-outliers", "--two-in-three-counts-outside"
    )
    assert [row["rule"] for row in plain[13:]] == ["outside", ""]
    assert [row["rule"] for row in _rows(counting.stdout)[13:]] == ["outside", "two_in_three"]
    fixed = _rows(_stats(tmp_path, "spc", path, "--baseline", 12, "--limit-method", "sigma").stdout)
    assert float(fixed[0]["mean"]) == pytest.approx(sum(values[:12]) / 12)
    moving_range = sum(abs(b - a) for a, b in itertools.pairwise(values[:12])) / 11
    assert float(fixed[0]["upl"]) == pytest.approx(sum(values[:12]) / 12 + 3 * moving_range / 1.128)


def test_spc_output_file_is_complete_or_absent(tmp_path):
    path = _csv(tmp_path, "series.csv", ["value"], [[v] for v in MDC_WORKED])
    target = tmp_path / "out" / "chart.csv"
    target.parent.mkdir()
    result = _stats(tmp_path, "spc", path, "--output", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert len(_rows(target.read_text(encoding="utf-8"))) == 15
    assert [item.name for item in target.parent.iterdir()] == ["chart.csv"]
    bad = _csv(tmp_path, "bad.csv", ["value"], [[1], ["seven"]])
    failed = _stats(tmp_path, "spc", bad, "--output", tmp_path / "out" / "other.csv")
    _refused(failed, "bad.csv: row 3, column value: 'seven' is not a number")
    assert [item.name for item in target.parent.iterdir()] == ["chart.csv"]


@pytest.mark.parametrize(
    ("rows", "args", "message"),
    [
        ([[1, 2]], [], "row 1: the header has no value column"),
        ([[1, "2"]], ["--run-length", 5], "--run-length must be 6 or 7"),
        ([[1, "x"]], [], "row 2, column rebase: 'x' should be 1"),
        ([[1, ""]], ["--baseline", 5], "a baseline needs at least 12 points"),
        ([["", ""]], [], "no values"),
        ([["inf", ""]], [], "row 2, column value: 'inf' is not a finite number"),
    ],
)
def test_spc_refuses_bad_input_in_one_line(tmp_path, rows, args, message):
    header = ["amount", "rebase"] if "no value column" in message else ["value", "rebase"]
    path = _csv(tmp_path, "in.csv", header, rows)
    _refused(_stats(tmp_path, "spc", path, *args), message)


def test_a_missing_file_is_refused(tmp_path):
    _refused(_stats(tmp_path, "ci", tmp_path / "absent.csv"), "absent.csv: no such file")


# ---- ci -------------------------------------------------------------------------------------------


def test_ci_matches_pheindicatormethods(tmp_path):
    """PHEindicatormethods testdata_Proportion.xlsx Area4 (Wilson, 95% and 99.8% as %), testdata_Rate.xlsx
    Area1 and Area3 (exact below 10 events, Byar's from 10, per 100,000), testByars.R (65 at 95%)."""
    rows = [
        ["a", "wilson", 65, 100, "", 95],
        ["b", "wilson", 65, 100, 100, "99.8"],
        ["c", "rate", 1, 100, "", ""],
        ["d", "rate", 20, 100, 100000, "95%"],
        ["e", "byars", 65, "", "", ""],
        ["f", "wilson", "", 100, "", ""],
    ]
    header = ["id", "method", "numerator", "denominator", "multiplier", "confidence"]
    result = _stats(tmp_path, "ci", _csv(tmp_path, "ci.csv", header, rows))
    assert result.returncode == 0, result.stderr
    out = {row["id"]: row for row in _rows(result.stdout)}
    assert list(out["a"]) == ["id", "value", "lower", "upper"]

    def triple(key):
        return tuple(float(out[key][column]) for column in ("value", "lower", "upper"))

    assert triple("a") == pytest.approx((0.65, 0.55254443296887967, 0.73635751756902468), rel=1e-9)
    assert triple("b") == pytest.approx((65, 49.549465740704314, 77.835406140896964), rel=1e-9)
    assert triple("c") == pytest.approx((1000, 25.317807984289896, 5571.6433909388979), rel=1e-9)
    assert triple("d") == pytest.approx((20000, 12211.428834875936, 30889.880369197064), rel=1e-9)
    assert triple("e") == pytest.approx((65, 50.163187710459454, 82.849138545939837), rel=1e-9)
    assert out["f"] == {"id": "f", "value": "", "lower": "", "upper": ""}
    assert "row 7: no interval" in result.stderr


def test_ci_dsr_by_group(tmp_path):
    """PHEindicatormethods testdata_DSR_ISR.xlsx: testdata_big and testdata_tiny (under 10 events, so
    none) per 100,000 at 95%, ESP 2013 weights; every row of a group carries the group's rate."""
    weights = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500]
    weights += [1500, 1000]
    bands = [row for row in vector_rows("phe_dsr_inputs_multiarea.csv") if row["area"] != "testdata_small"]
    rows = [["dsr", row["area"], row["count"], row["pop"], weights[index % 19]] for index, row in enumerate(bands)]
    header = ["method", "group", "numerator", "denominator", "standard_population"]
    result = _stats(tmp_path, "ci", _csv(tmp_path, "dsr.csv", header, rows))
    assert result.returncode == 0, result.stderr
    out = _rows(result.stdout)
    assert len(out) == 38
    assert len({tuple(row.values()) for row in out[:19]}) == 1
    found = tuple(float(out[0][column]) for column in ("value", "lower", "upper"))
    assert found == pytest.approx((10430.247991469423, 9717.709067985681, 11178.94091547925), rel=1e-9)
    assert out[19] == {"value": "", "lower": "", "upper": ""}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["wilson", 12, 10, ""], "row 2, column numerator: the numerator 12.0 is more than the denominator 10.0"),
        (["wilson", 1, 0, ""], "row 2, column denominator: the denominator must be positive"),
        (["poisson", 1, 10, ""], "row 2, column method: 'poisson' is not wilson, byars, rate or dsr"),
        (["byars", 5, 10, ""], "row 2, column denominator: byars is for a count alone"),
        (["rate", 5, 10, "high"], "row 2, column confidence: 'high' is not a confidence level"),
        (["rate", 5, 10, "100"], "row 2, column confidence: '100' is not a level between 0 and 100%"),
        (["dsr", 5, 10, ""], "row 2, column group: dsr rows need this column"),
    ],
)
def test_ci_refuses_bad_input_in_one_line(tmp_path, row, message):
    path = _csv(tmp_path, "ci.csv", ["method", "numerator", "denominator", "confidence"], [row])
    _refused(_stats(tmp_path, "ci", path), f"ci.csv: {message}")


# ---- compare --------------------------------------------------------------------------------------


def test_compare_labels_by_polarity(tmp_path):
    """fingertips-open SingleOverlappingCIsForOneCILevel cases (3.3 in 3.2-3.5 and 2.5 in 2.2-2.8
    against 3.0; 3.05 in 2.7-3.1 is similar), labelled by our polarities."""
    rows = [
        [1, 3.3, 3.2, 3.5, 3.0, "higher"],
        [2, 3.3, 3.2, 3.5, 3.0, "lower"],
        [3, 2.5, 2.2, 2.8, 3.0, "higher"],
        [4, 2.5, 2.2, 2.8, 3.0, "none"],
        [5, 3.3, 3.2, 3.5, 3.0, ""],
        [6, 3.05, 2.7, 3.1, 3.0, "lower"],
        [7, 4.0, "", "", 3.0, "lower"],
        [8, 2.5, 2.2, 2.8, "", "higher"],
    ]
    header = ["id", "value", "lower", "upper", "benchmark", "polarity"]
    result = _stats(tmp_path, "compare", _csv(tmp_path, "compare.csv", header, rows))
    assert result.returncode == 0, result.stderr
    out = _rows(result.stdout)
    assert list(out[0]) == ["id", "comparison"]
    assert [row["comparison"] for row in out] == [
        "better",
        "worse",
        "worse",
        "lower",
        "higher",
        "similar",
        "not_compared",
        "not_compared",
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ([1, 3, 2, 3, "up"], "row 2, column polarity: 'up' is not higher, lower, range or none"),
        ([1, 3, 0, 3, "higher"], "row 2, column lower: 3 is above the upper end 0"),
        ([9, 1, 3, 3, "higher"], "row 2, column value: 9 is outside its interval 1 to 3"),
    ],
)
def test_compare_refuses_bad_input_in_one_line(tmp_path, row, message):
    path = _csv(tmp_path, "compare.csv", ["value", "lower", "upper", "benchmark", "polarity"], [row])
    _refused(_stats(tmp_path, "compare", path), message)
