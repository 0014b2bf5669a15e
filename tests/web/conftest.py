from pathlib import Path

import pytest

import scorecard.demo
from scorecard.core.plan import QuarterReport
from scorecard.interchange.dataset import read_dataset
from scorecard.web.plans.loader import load_quarter_report

DATASET = Path(scorecard.demo.__file__).parent / "harrow_q2_2018_19"


@pytest.fixture(scope="session")
def harrow() -> QuarterReport:
    """The Harrow Q2 2018/19 report as read from the dataset files."""
    return read_dataset(DATASET)


@pytest.fixture
def loaded(db, harrow) -> QuarterReport:
    """The database with the Harrow report loaded; gives the report as read from the files."""
    load_quarter_report(harrow, slug="harrow")
    return harrow
