"""Commands and the database: only `migrate` and `demo` change the schema, they say so, and
concurrent runs take turns."""

import os
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _scorecard(folder, *args, wait=True):
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env["SCORECARD_DATA_DIR"] = str(folder)
    command = [sys.executable, "-m", "scorecard.cli", *args]
    if not wait:
        return subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, env=env, cwd=folder, capture_output=True, text=True, check=False)


def test_report_on_an_empty_database_asks_for_migrate_and_changes_nothing(tmp_path):
    result = _scorecard(tmp_path, "report", "--period", "Q2 2018/19")

    assert result.returncode == 1
    assert "run `scorecard migrate`" in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(tmp_path / "scorecard.sqlite3") as database:
        assert database.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == []


def test_migrate_says_what_it_did_and_is_safe_to_repeat(tmp_path):
    first, again = _scorecard(tmp_path, "migrate"), _scorecard(tmp_path, "migrate")

    assert first.returncode == again.returncode == 0
    assert "Applied" in first.stderr
    assert "The database is up to date." in again.stderr


def test_two_demos_at_once_on_a_fresh_database_both_succeed_once_each(tmp_path):
    runs = [_scorecard(tmp_path, "demo", wait=False) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[1] for run in runs]
    results = [(run.returncode, stderr) for run, stderr in zip(runs, outputs, strict=True)]

    assert [code for code, _ in results] == [0, 0], results
    assert not any("Traceback" in stderr for _, stderr in results)
    said = [" ".join(stderr.split()) for _, stderr in results]
    assert sorted("Migrated the database" in text for text in said) == [False, True]  # one migrates, and says so
    assert any("nothing to migrate" in text for text in said)  # the other waited, then found nothing to do
    with sqlite3.connect(tmp_path / "scorecard.sqlite3") as database:
        names = database.execute("SELECT app, name, COUNT(*) FROM django_migrations GROUP BY app, name").fetchall()
        assert all(count == 1 for _, _, count in names)
        assert database.execute("SELECT COUNT(*) FROM plans_measure").fetchone() == (85,)


def test_a_database_from_the_first_data_model_is_refused_with_what_to_do(tmp_path):
    with sqlite3.connect(tmp_path / "scorecard.sqlite3") as database:
        database.execute("CREATE TABLE plans_periodvalue (id INTEGER PRIMARY KEY)")

    for command in (("migrate",), ("demo",), ("report", "--period", "Q2 2018/19")):
        result = _scorecard(tmp_path, *command)
        assert result.returncode == 1, command
        assert "was made by an earlier Scorecard" in result.stderr
        assert "move it aside and run `scorecard demo`" in result.stderr


def test_publish_warns_of_the_commentary_checks_findings_and_publishes(tmp_path):
    assert _scorecard(tmp_path, "demo").returncode == 0

    result = _scorecard(tmp_path, "publish", "--period", "Q2 2018/19", "--no-pdf")

    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        "Warning: business-21 (too long): the key challenge is 121 words long; shorten it to 120 words or fewer",
        "Warning: vulnerable-11 (too long): the key challenge is 128 words long; shorten it to 120 words or fewer",
    ]
    assert "Published Q2 2018/19 for harrow as publication 1" in result.stderr


def test_a_published_report_is_written_as_it_was_printed_the_report_and_its_annex(tmp_path):
    assert _scorecard(tmp_path, "demo").returncode == 0
    assert _scorecard(tmp_path, "publish", "--period", "Q2 2018/19").returncode == 0

    result = _scorecard(tmp_path, "report", "--period", "Q2 2018/19", "--format", "pdf", "--published")

    assert result.returncode == 0, result.stderr
    report = tmp_path / "strategic-performance-report-Q2-2018-19.pdf"
    annex = tmp_path / "strategic-performance-report-Q2-2018-19-analytics-annex.pdf"
    assert f"Wrote {report.name}" in " ".join(result.stderr.split())
    with sqlite3.connect(tmp_path / "scorecard.sqlite3") as database:
        stored = database.execute("SELECT pdf, annex_pdf FROM plans_publication").fetchall()
    assert stored == [(report.read_bytes(), annex.read_bytes())]
