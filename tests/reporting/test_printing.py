"""The printed report: the report and its analytics annex, two tagged PDFs printed at once, and the
few XmR charts the report carries, the most pressing first."""

import io
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from scorecard.core.spc.chart import AssuranceIcon, VariationIcon
from scorecard.reporting import document as documents
from scorecard.reporting.analytics import ProcessReading
from scorecard.reporting.document import AppendixEntry, build_document
from scorecard.reporting.html import Part, render_html
from scorecard.reporting.printing import print_report
from tests.reporting.test_analytics_appendix import COMPARATORS, _with_history
from tests.reporting.test_report_charts import STEADY, TITLES, _figures

ANNEX = "Strategic Performance Report - Quarter 2, 2018/19: analytics annex"


@pytest.fixture(scope="module")
def document(harrow):
    return build_document(_with_history(harrow, STEADY), comparators=COMPARATORS)


@pytest.fixture(scope="module")
def printed(document):
    return print_report(document)


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode().split()
    )


@pytest.mark.slow
def test_the_report_names_its_annex_and_the_annex_prints_the_appendix_with_its_chart(printed):
    report, annex = _text(printed.report), _text(printed.annex)
    assert f"The analytics appendix is printed as a separate document, published with this report: {ANNEX}." in report
    assert "Figures of the chart of" not in report
    assert "Making Data Count" not in report
    assert ANNEX in annex
    assert "Figures of the chart of 17 Total number of households" in annex
    assert "Better than England (2.6; by the values alone, as no interval is held)." in annex
    assert "Key challenges" not in annex
    assert "Corporate Scorecard" not in annex


@pytest.mark.slow
def test_both_pdfs_are_tagged_and_each_chart_is_a_figure_in_the_one_that_prints_it(printed):
    report, annex = PdfReader(io.BytesIO(printed.report)), PdfReader(io.BytesIO(printed.annex))
    figure = "{} (the table below gives the same figures)"
    assert _figures(report) == [figure.format(TITLES[0])]
    assert _figures(annex) == [figure.format(TITLES[1])]
    assert str(annex.metadata.title) == f"{ANNEX} | London Borough of Harrow"


def test_the_whole_html_is_the_report_and_its_annex_together(document):
    whole, report, annex = (render_html(document, part) for part in Part)
    assert whole.count('<svg class="sc-chart"') == 2
    assert report.count('<svg class="sc-chart"') == 1
    assert annex.count('<svg class="sc-chart"') == 1
    assert '<section class="appendix"' in whole
    assert '<section class="appendix"' in annex
    assert '<section class="appendix"' not in report
    assert '<h2 id="introduction">' in report
    assert '<h2 id="introduction">' not in annex


def test_a_report_without_analytics_is_printed_without_an_annex(harrow):
    assert print_report(replace(build_document(harrow), analytics=())).annex is None


def _entry(ref: str, variation: VariationIcon | None, assurance: AssuranceIcon | None) -> AppendixEntry:
    return AppendixEntry("Theme", ref, f"Measure {ref}", ProcessReading((), 13, variation, assurance), "", ())


def test_the_report_charts_the_most_pressing_looks_first_up_to_its_limit(monkeypatch):
    entries = [
        _entry("improving", VariationIcon.IMPROVEMENT_HIGH, AssuranceIcon.HIT_AND_MISS),
        _entry("steady", VariationIcon.COMMON_CAUSE, AssuranceIcon.HIT_AND_MISS),
        _entry("failing", VariationIcon.COMMON_CAUSE, AssuranceIcon.CONSISTENT_FAIL),
        _entry("worse", VariationIcon.CONCERN_LOW, AssuranceIcon.CONSISTENT_PASS),
        _entry("too-few", None, None),
        _entry("worse-too", VariationIcon.CONCERN_HIGH, None),
    ]
    monkeypatch.setattr(documents, "PRINTED_CHARTS", 3)
    charted = documents._charted(entries)
    assert [entry.ref for entry in charted] == [entry.ref for entry in entries]  # the report's order kept
    assert [entry.ref for entry in charted if entry.charted] == ["failing", "worse", "worse-too"]
    monkeypatch.setattr(documents, "PRINTED_CHARTS", 4)
    assert [entry.ref for entry in documents._charted(entries) if entry.charted] == [
        "improving",
        "failing",
        "worse",
        "worse-too",
    ]


def test_the_appendix_names_the_measures_that_call_for_a_look_beyond_the_charts_it_prints(harrow, monkeypatch):
    monkeypatch.setattr(documents, "PRINTED_CHARTS", 0)
    html = render_html(build_document(_with_history(harrow, STEADY), comparators=COMPARATORS))
    assert '<div class="appendix__chart">' not in html
    assert "among a group's members. 1 more call for a look: 17. Every measure's charts are on" in html
