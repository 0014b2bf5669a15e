"""One measure's history as a document of its own: the chart of actual against target with every
period held, and the XmR chart with its figures and reading, printed as a tagged PDF and written
as a Word document. Built here from plain figures, without the database."""

import io
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from scorecard.core.measures import Polarity
from scorecard.reporting.analytics import Observation, process_reading
from scorecard.reporting.charts import line_chart, process_chart
from scorecard.reporting.key import KeyBand
from scorecard.reporting.measure_history import (
    HistoryLine,
    MeasureHistory,
    render_history_html,
    render_history_pdf,
    render_history_word,
)
from tests.reporting.test_report_charts import _figures

pytestmark = pytest.mark.slow

HIGH_GREEN = KeyBand("HG", "High Green", "Has exceeded target by 5% or more", "#00703c", "#ffffff", "circle")
YEARS = ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19"]
PERIODS = [f"Q{quarter} {year}" for year in YEARS for quarter in (1, 2, 3, 4)][1:16]  # Q2 2014/15 to Q4 2017/18
# lower is better: fifteen quarters, a target in the last three
FIGURES = [120, 200, 195, 205, 190, 210, 200, 195, 205, 190, 210, 200, 179, 285, 199]
TARGETS = [""] * 12 + ["250", "320", "320"]
NO_TARGET = ("No target", "No target", None)
CHART_TITLES = [
    "Homelessness duties accepted: actual against target",
    "Homelessness duties accepted: variation over time (XmR chart)",
]


def _amount(printed) -> Decimal | None:
    return Decimal(printed) if str(printed).isdigit() else None


def _history(figures=FIGURES, targets=TARGETS, periods=PERIODS) -> MeasureHistory:
    observations = [Observation(p, str(f), t) for p, f, t in zip(periods, figures, targets, strict=True)]
    reading = process_reading(observations, Polarity.LOWER)
    lines = tuple(
        HistoryLine(p, t, str(f), "HG", "High Green", HIGH_GREEN) if t else HistoryLine(p, t, str(f), *NO_TARGET)
        for p, f, t in zip(periods, figures, targets, strict=True)
    )
    return MeasureHistory(
        organisation="London Borough of Harrow",
        code="build-17",
        name="Homelessness duties accepted",
        definition="Households owed the full housing duty in the previous 12 months.",
        good_is="Lower",
        owner="Pat Example",
        made=date(2026, 11, 28),
        lines=lines,
        chart=line_chart(
            CHART_TITLES[0],
            [(p, _amount(f), _amount(t)) for p, f, t in zip(periods, figures, targets, strict=True)],
        ),
        chart_summary="15 figures held from Q2 2014/15 to Q4 2017/18; the latest, 199 against a target of 320.",
        comparator="",
        reading=reading,
        process_chart=process_chart(CHART_TITLES[1], reading),
    )


@pytest.fixture(scope="module")
def pdf():
    return PdfReader(io.BytesIO(render_history_pdf(_history())))


@pytest.fixture(scope="module")
def word():
    return Document(io.BytesIO(render_history_word(_history())))


def _text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_names_the_measure_and_tables_every_period_with_its_status(pdf):
    text = _text(pdf)
    assert "LONDON BOROUGH OF HARROW" in text  # the stylesheet capitalises the masthead
    assert "Homelessness duties accepted" in text
    assert "Measure build-17: its history, Q2 2014/15 to Q4 2017/18" in text
    assert "Households owed the full housing duty in the previous 12 months." in text
    assert "28 November 2026" in text
    assert "Period Target Actual Status Trend" in text
    assert "Q3 2017/18 320 285 HG High Green" in text
    assert "Q2 2014/15 120 No target" in text


def test_the_pdf_gives_the_xmr_reading_and_its_figures(pdf):
    text = _text(pdf)
    assert (
        "15 points from Q2 2014/15 to Q4 2017/18: mean 198.87, process limits 120.4 to 277.34; 2 points special" in text
    )
    assert "Period Figure Mean Lower limit Upper limit Reading" in text
    assert "Q3 2017/18 285 198.87 120.4 277.34 Special cause concern (outside)" in text
    assert "Q2 2014/15 120 198.87 120.4 277.34 Special cause improvement (outside)" in text
    assert "Assurance: Consistently passing: the target lies outside the process limits, on the good side." in text


def test_the_pdf_is_tagged_and_each_chart_is_a_figure_titled_in_words(pdf):
    assert "/StructTreeRoot" in pdf.trailer["/Root"]
    assert _figures(pdf) == [f"{title} (the table below gives the same figures)" for title in CHART_TITLES]


def test_the_html_charts_have_ids_of_their_own_and_the_status_a_badge_with_words():
    html = render_history_html(_history())
    assert html.count('<svg class="sc-chart"') == 2
    assert 'aria-labelledby="line-chart-title"' in html
    assert 'aria-labelledby="process-chart-title"' in html
    assert '<abbr title="High Green">HG</abbr></span> High Green</td>' in html


def test_the_word_document_has_headings_tables_that_repeat_their_header_and_pictures(word):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        ("Title", "London Borough of Harrow: build-17 Homelessness duties accepted: history"),
        ("Heading 1", "Actual against target"),
        ("Heading 1", "Variation over time"),
    ]
    assert len(word.tables) == 2
    for table in word.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    periods, process = ([[cell.text for cell in row.cells] for row in table.rows] for table in word.tables)
    assert periods[0] == ["Period", "Target", "Actual", "Status", "Trend"]
    assert periods[14] == ["Q3 2017/18", "320", "285", "HG (High Green)", ""]
    assert len(periods) == 16
    assert process[0] == ["Period", "Figure", "Mean", "Lower limit", "Upper limit", "Reading"]
    assert process[14] == ["Q3 2017/18", "285", "198.87", "120.4", "277.34", "Special cause concern (outside)"]
    described = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert described == [f"{title} (the table below gives the same figures)" for title in CHART_TITLES]


def test_the_word_document_says_what_the_measure_is(word):
    said = [p.text for p in word.paragraphs]
    assert "Good is: Lower" in said
    assert "Owner: Pat Example" in said
    assert "Periods: Q2 2014/15 to Q4 2017/18" in said


def test_a_measure_with_no_figures_as_numbers_still_gets_a_document_that_says_there_is_no_chart():
    history = _history(figures=["Not available"], targets=[""], periods=["Q2 2018/19"])
    text = _text(PdfReader(io.BytesIO(render_history_pdf(history))))
    assert "No figures held as numbers, so there is no chart." in text
    assert "No figures are held as numbers, so there is no chart." in text
    assert "Q2 2018/19 Not available No target" in text
    word = Document(io.BytesIO(render_history_word(history)))
    assert not word.inline_shapes
    assert "No figures held as numbers, so there is no chart." in [p.text for p in word.paragraphs]
