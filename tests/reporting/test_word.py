"""The report as a Word document: Word's own headings, header rows that repeat, statuses in words
as well as codes, and each chart as a picture whose alternative text is its title."""

import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from scorecard.reporting.document import build_document
from scorecard.reporting.word import render_word
from tests.reporting.test_analytics_appendix import COMPARATORS, _with_history
from tests.reporting.test_report_charts import STEADY, TITLES


@pytest.fixture(scope="module")
def document(harrow):
    return build_document(_with_history(harrow, STEADY), comparators=COMPARATORS)


@pytest.fixture(scope="module")
def word(document):
    return Document(io.BytesIO(render_word(document)))


def test_the_sections_are_word_headings_for_the_navigation_pane(word, document):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    top = [text for style, text in headings if style == "Heading 1"]
    assert top == [
        "Corporate Scorecard at a glance, Q2 2018/19",
        *(theme.heading for theme in document.themes),
        "Appendix: analytics",
        "Abbreviations",
    ]
    assert (
        "Heading 2",
        "17 Total number of households to whom we have accepted a full homelessness duty in the "
        "previous 12 months (Build a Better Harrow)",
    ) in headings


def test_every_table_repeats_its_header_row(word):
    assert word.tables
    for table in word.tables:
        properties = table.rows[0]._tr.trPr
        assert properties is not None
        assert properties.find(qn("w:tblHeader")) is not None


def test_each_chart_is_a_picture_with_its_title_as_alternative_text(word):
    described = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert described == [f"{title} (the table below gives the same figures)" for title in TITLES]


def test_statuses_are_codes_with_words_and_the_chart_figures_are_tabled(word, document):
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    banded = [text for text in cells if re.fullmatch(r"[A-Z]{1,2} \((High |Low )?(Green|Amber|Red)\)", text)]
    expected = sum(1 for theme in document.themes for row in theme.rows for cell in row.periods if cell.shown.band)
    assert len(banded) == expected
    assert ["Q2 2014/15", "100", "124.2", "67.39", "181.01", "Special cause improvement (shift)"] in [
        [cell.text for cell in row.cells] for table in word.tables for row in table.rows
    ]
