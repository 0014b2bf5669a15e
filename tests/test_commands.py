"""`scorecard demo` and `scorecard report` as a newcomer runs them, on a fresh SQLite file."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workspace")
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env["SCORECARD_DATA_DIR"] = str(folder / "data")

    def scorecard(*args):
        return subprocess.run(
            [sys.executable, "-m", "scorecard.cli", *args], env=env, cwd=folder, capture_output=True, text=True
        )

    first = scorecard("demo")
    assert first.returncode == 0, first.stderr
    assert "710 rows added" in " ".join(first.stderr.split())
    return folder, scorecard


def test_loading_the_demo_again_changes_nothing(workspace):
    _, scorecard = workspace
    again = scorecard("demo")
    assert again.returncode == 0
    assert "0 rows added, 0 changed, none removed" in " ".join(again.stderr.split())


def test_the_html_report_goes_to_a_named_file_by_default(workspace):
    folder, scorecard = workspace
    result = scorecard("report", "--period", "Q2 2018/19", "--format", "html")
    assert result.returncode == 0, result.stderr
    html = (folder / "strategic-performance-report-Q2-2018-19.html").read_text(encoding="utf-8")
    assert "Strategic Performance Report - Quarter 2, 2018/19" in html
    assert "Low Red: 6.1% below the target of 76%" in html


def test_a_quarter_with_no_data_says_how_to_load_it(workspace):
    _, scorecard = workspace
    result = scorecard("report", "--period", "Q3 2018/19", "--format", "pdf")
    assert result.returncode == 1
    assert "No report data for Q3 2018/19" in result.stderr
    assert "scorecard demo" in result.stderr


def test_a_mistyped_period_is_refused(workspace):
    _, scorecard = workspace
    result = scorecard("report", "--period", "Q5 2018/19")
    assert result.returncode == 2
    assert "is not a quarter such as Q2 2018/19" in result.stderr
