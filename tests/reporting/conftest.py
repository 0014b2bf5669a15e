"""The Harrow Q2 2018/19 report, read from the demo dataset once per session (no database)."""

from pathlib import Path

import pytest

import scorecard
from scorecard.core.plan import QuarterReport
from scorecard.interchange.dataset import read_dataset
from scorecard.reporting.document import ReportDocument, build_document
from scorecard.reporting.html import render_html

HARROW = Path(scorecard.__file__).parent / "demo" / "harrow_q2_2018_19"


@pytest.fixture(scope="session")
def harrow() -> QuarterReport:
    return read_dataset(HARROW)


@pytest.fixture(scope="session")
def document(harrow: QuarterReport) -> ReportDocument:
    return build_document(harrow)


@pytest.fixture(scope="session")
def html(document: ReportDocument) -> str:
    return render_html(document)
