"""The PDF report: every printed word and figure survives into the PDF's text, and the PDF is
tagged (PDF/UA-1) with its title and language, with landscape pages for the scorecards.
"""

import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorecard.core.plan import QuarterReport
from scorecard.reporting.document import ReportDocument

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the PDFs as a user makes them: `scorecard demo`, then `scorecard report
    --format pdf`, on a fresh SQLite database of its own."""
    folder = tmp_path_factory.mktemp("report")
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env["SCORECARD_DATA_DIR"] = str(folder)
    command = [sys.executable, "-m", "scorecard.cli"]
    subprocess.run([*command, "demo"], env=env, check=True, capture_output=True)
    output = folder / "report.pdf"
    report = ["report", "--period", "Q2 2018/19", "--format", "pdf", "--output", str(output)]
    subprocess.run([*command, *report], env=env, check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def pdf(printed: Path) -> bytes:
    return (printed / "report.pdf").read_bytes()


def test_the_analytics_appendix_is_printed_beside_the_report_as_its_annex(printed: Path) -> None:
    annex = PdfReader(printed / "report-analytics-annex.pdf")
    assert annex.metadata.title == (
        "Strategic Performance Report - Quarter 2, 2018/19: analytics annex | London Borough of Harrow"
    )
    assert "/StructTreeRoot" in annex.trailer["/Root"]
    assert "In quartile 4 of 4 among the 8 members of Illustrative neighbours" in annex.pages[0].extract_text()


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def normalised(text: str) -> str:
    """Text as a reader would compare it, whatever the line breaks.

    WeasyPrint does not hyphenate (hyphens: manual) but may break a line after a printed hyphen
    or slash; pdftotext then joins "non-" + "opiate" into "nonopiate". So hyphens before a
    letter and any space after a slash or dash are dropped on both sides of the comparison.
    Hyphens before digits ("-10%", "7-15%") are kept: no line breaks there.
    """
    text = " ".join(text.split())
    text = re.sub(r"-\s*(?=[^\W\d])", "", text)
    return re.sub(r"(?<=[/–—]) ", "", text)


@pytest.fixture(scope="module")
def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    # plain mode reads each table cell as its own block, where -layout would interleave
    # wrapped cells on the same line
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return normalised(result.stdout.decode("utf-8"))


def printed_strings(report: QuarterReport) -> list[str]:
    """Every name, figure and paragraph the report prints from the dataset."""
    strings = [*report.introduction, report.achievements_heading, report.actions_intro, report.trend_key]
    strings += [f"{entry.abbreviation} {entry.meaning}" for entry in report.glossary]
    for theme in report.themes:
        strings += [theme.heading, theme.scorecard_title, *theme.achievements]
        for action in theme.actions:
            strings += [action.title, *action.progress, action.status.value]
        for challenge in theme.challenges:
            strings += [challenge.heading, *challenge.paragraphs]
        strings += [note.text for note in theme.notes]
        for measure in theme.measures:
            strings.append(measure.name)
            strings += [text for entry in measure.entries for text in (entry.target, entry.actual) if text]
    return strings


def test_every_printed_string_is_in_the_pdf_text(harrow: QuarterReport, pdf_text: str) -> None:
    strings = printed_strings(harrow)
    assert len(strings) > 650
    for expected in ("Year on year reduction", "38.7% (53/137)", "01:36", "72 (307)", "0.9-1.1", "-28%"):
        assert expected in strings
    missing = [text for text in strings if normalised(text) not in pdf_text]
    assert not missing


def test_every_current_status_and_its_reason_is_in_the_pdf_text(document: ReportDocument, pdf_text: str) -> None:
    missing = [
        (row.code, row.current.reason)
        for theme in document.themes
        for row in theme.rows
        if normalised(row.current.reason) not in pdf_text
    ]
    assert not missing
    assert normalised("Published LG* by officer override. The rule gives: High Green: 16.9%") in pdf_text


def test_the_pdf_is_tagged_with_title_and_language(reader: PdfReader, document: ReportDocument) -> None:
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata is not None
    assert reader.metadata.title == f"{document.title} | {document.organisation}"
    assert reader.metadata.author == document.organisation


def test_scorecards_print_on_landscape_pages_and_narrative_on_portrait(reader: PdfReader) -> None:
    shapes = ["landscape" if page.mediabox.width > page.mediabox.height else "portrait" for page in reader.pages]
    assert shapes[0] == "portrait"
    assert "landscape" in shapes
    assert shapes[-1] == "portrait"  # the abbreviations
    for page in reader.pages:  # A4 either way up
        assert sorted((round(page.mediabox.width), round(page.mediabox.height))) == [595, 842]


def test_pages_carry_the_running_header_and_page_x_of_y(reader: PdfReader) -> None:
    count = len(reader.pages)
    first, second = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert f"Page 1 of {count}" in first
    assert "London Borough of Harrow" in second
    assert f"Page 2 of {count}" in second
    assert f"Page {count} of {count}" in reader.pages[-1].extract_text()


def structure_tags(pdf: bytes, folder: Path) -> Counter[str]:
    """How often each structure type appears in the PDF's tag tree (read by poppler's pdfinfo)."""
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    tree = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True, check=True).stdout
    tags = (line.split()[0].rstrip(":") for line in tree.splitlines() if line.strip())
    return Counter(tag for tag in tags if not tag.startswith("/"))


def test_the_tags_carry_headings_and_table_structure(pdf: bytes, document: ReportDocument, tmp_path: Path) -> None:
    """A screen reader in the PDF finds one title, section headings, and tables with header cells."""
    tags = structure_tags(pdf, tmp_path)
    assert tags["H1"] == 1
    assert tags["H2"] >= 1 + len(document.themes)
    assert tags["Table"] >= 3 * len(document.themes)
    assert tags["Table"] == tags["THead"]  # every table's header row is marked as such
    assert tags["TH"] > tags["Table"]
    assert tags["Caption"] >= len(document.themes)
