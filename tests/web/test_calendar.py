"""An organisation whose financial year starts in July, with monthly and quarterly measures:
it loads, judges and reports in its own year."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.core.periods import FinancialYear, Month
from scorecard.interchange.dataset import read_dataset
from scorecard.reporting.document import build_document
from scorecard.web.plans import models
from scorecard.web.plans.loader import load_quarter_report
from scorecard.web.plans.queries import quarter_report, reporting_quarter

JULYTON = Path(__file__).parent / "datasets" / "julyton"


@pytest.fixture
def julyton(db):
    report = read_dataset(JULYTON)
    load_quarter_report(report, slug="julyton")
    return report


def test_its_quarters_are_of_its_own_year(julyton):
    quarter = reporting_quarter("julyton", "Q2 2018/19")

    assert quarter == FinancialYear(2018, start_month=7).quarter(2)
    stored = models.ReportingPeriod.unscoped.get(kind="quarter", label="Q2 2018/19")
    assert (stored.start, stored.end) == (datetime.date(2018, 10, 1), datetime.date(2018, 12, 31))
    assert stored.as_core(7) == quarter


def test_monthly_values_are_held_as_months(julyton):
    months = models.Return.unscoped.filter(measure__code="people-1").order_by("period__start")

    assert [(r.period.kind, r.period.label, r.amount) for r in months][-2:] == [
        ("month", "Nov 18", 19.5),
        ("month", "Dec 18", 18),
    ]
    assert months.last().period.as_core(7) == Month(2018, 12)


def test_it_reads_back_as_loaded(julyton):
    assert quarter_report(julyton.period, slug="julyton") == julyton


def test_a_monthly_measure_is_judged_at_its_last_month_in_the_quarter(julyton):
    document = build_document(quarter_report(julyton.period, slug="julyton"))
    rows = {row.code: row for theme in document.themes for row in theme.rows}

    monthly = rows["people-1"]
    assert [(c.period, c.actual, c.covers, c.shown.text) for c in monthly.periods[1:]] == [
        ("Q1 2018/19", "22", "Sep 18", "LR"),
        ("Q2 2018/19", "18", "Dec 18", "HG"),
    ]
    assert (monthly.trend.word, monthly.trend.against) == ("improved", "Q1 2018/19")
    assert rows["people-2"].current.shown.text == "HG"
    assert [cell.state.value for cell in rows["people-3"].periods] == ["awaiting", "not due", "judged"]


@pytest.mark.slow
def test_the_command_line_reports_a_july_start_quarter(tmp_path):
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env["SCORECARD_DATA_DIR"] = str(tmp_path)

    def scorecard(*arguments):
        return subprocess.run(
            [sys.executable, "-m", "scorecard.cli", *arguments], env=env, capture_output=True, text=True, check=False
        )

    assert scorecard("migrate").returncode == 0
    assert scorecard("load", str(JULYTON), "--organisation", "julyton").returncode == 0
    output = tmp_path / "julyton.html"
    built = scorecard("report", "--organisation", "julyton", "--period", "Q2 2018/19", "--output", str(output))

    assert built.returncode == 0, built.stderr
    html = output.read_text(encoding="utf-8")
    assert "Performance Report - Quarter 2 (October to December 2018)" in html
    assert "Average days to process a new housing benefit claim" in html
