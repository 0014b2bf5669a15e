"""The report's charts: the status counts per theme and, in the analytics appendix, the XmR chart
of each measure whose latest figure is a special cause (or that will consistently fail its
target), with the table of its figures. They are SVG images titled in words, and the PDF carries
each as a tagged figure whose alternative text is that title."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from scorecard.reporting.document import build_document
from scorecard.reporting.html import render_html
from scorecard.reporting.pdf import render_pdf
from tests.reporting.test_analytics_appendix import COMPARATORS, _with_history

pytestmark = pytest.mark.slow

# build-17 (lower is better) given twelve steady earlier quarters, so its latest figures stand out
STEADY = (100, 102, 98, 101, 99, 100, 103, 97, 100, 101, 99, 100)
TITLES = [
    "Measures by RAG status at Q2 2018/19, per theme",
    "17 Total number of households to whom we have accepted a full homelessness duty in the previous 12 months: "
    "figures, mean and process limits",
]


@pytest.fixture(scope="module")
def html(harrow):
    return render_html(build_document(_with_history(harrow, STEADY), comparators=COMPARATORS))


@pytest.fixture(scope="module")
def reader(html):
    return PdfReader(io.BytesIO(render_pdf(html)))


def _figures(reader):
    """The alternative text of every figure in the PDF's structure tree, in order."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt")))
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_chart_is_an_image_titled_in_words_with_an_id_of_its_own(html):
    titles = re.findall(r'<svg class="sc-chart"[^>]*role="img" aria-labelledby="([^"]+)"', html)
    assert len(titles) == len(set(titles)) == len(TITLES)
    for key, expected in zip(titles, TITLES, strict=True):
        assert f'<title id="{key}">{expected} (the table below gives the same figures)</title>' in html


def test_the_chart_of_a_measure_whose_latest_figure_is_special_cause_draws_its_limits_and_signals(html):
    homeless = html.split('<div class="appendix__chart">')[1].split("</table>", 1)[0]
    assert homeless.count('class="sc-limit"') == 2
    assert "<title>Q2 2018/19: 199, special cause concern (outside)</title>" in homeless
    assert "<caption>Figures of the chart of 17 Total number of households to whom we have" in homeless
    row = '<tr><th scope="row">Q2 2014/15</th><td>100</td><td>124.2</td><td>67.39</td><td>181.01</td>'
    assert row + "<td>Special cause improvement (shift)</td></tr>" in homeless


def test_a_measure_with_common_cause_variation_or_too_few_points_gets_no_chart_in_the_report(harrow):
    html = render_html(build_document(_with_history(harrow), comparators=COMPARATORS))
    assert html.count('<svg class="sc-chart"') == 1  # the status counts only
    assert '<div class="appendix__chart">' not in html


def test_the_pdf_tags_each_chart_as_a_figure_with_its_title_as_alternative_text(reader):
    assert _figures(reader) == [f"{title} (the table below gives the same figures)" for title in TITLES]


def test_the_pdf_prints_each_chart_s_table(reader, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "report.pdf"
    with pdf.open("wb") as file:
        reader.stream.seek(0)
        file.write(reader.stream.read())
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, check=True).stdout.decode()
    assert "Figures of the chart of 17 Total number of households to whom we have" in text
    assert re.search(r"Q2 2018/19 +199 +124\.2 +67\.39 +181\.01 +Special cause concern \(outside\)", text)
