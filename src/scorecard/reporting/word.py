"""The report as a Word document, for councils that edit or circulate reports in Word: the same
document the HTML and PDF print, with Word's own headings (the navigation pane lists them),
tables whose header rows repeat on each page, statuses as codes and words (never colour alone)
and each chart as an image whose alternative text is its title, beside the table of its figures.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table

from scorecard.reporting.analytics import ProcessReading, number
from scorecard.reporting.charts import BarChart, LineChart, ProcessChart, process_chart, status_bars
from scorecard.reporting.document import AppendixEntry, ReportDocument, ThemeSection

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
CHART_WIDTH = Cm(16)


def render_word(document: ReportDocument) -> bytes:
    word = Document()
    word.core_properties.title = f"{document.title}, {document.period}"
    word.core_properties.author = document.organisation
    word.add_heading(f"{document.organisation}: {document.title}", level=0)
    word.add_paragraph(f"{document.plan}. {document.strapline}".strip(". ") + ".")
    for paragraph in document.introduction:
        word.add_paragraph(paragraph)
    _at_a_glance(word, document)
    for theme in document.themes:
        _theme(word, theme, document.periods)
    if document.analytics:
        word.add_heading("Appendix: analytics", level=1)
        for index, entry in enumerate(document.analytics, start=1):
            _appendix_entry(word, entry, index)
    if document.glossary:
        word.add_heading("Abbreviations", level=1)
        add_table(word, ["Abbreviation", "Meaning"], [[line.abbreviation, line.meaning] for line in document.glossary])
    written = io.BytesIO()
    word.save(written)
    return written.getvalue()


def _at_a_glance(word: WordDocument, document: ReportDocument) -> None:
    word.add_heading(f"Corporate Scorecard at a glance, {document.period}", level=1)
    rows = [(theme.name, theme.counts) for theme in document.themes]
    add_chart(word, status_bars(f"Measures by RAG status at {document.period}, per theme", rows))
    columns = [column for column in document.counts.columns if column.count]
    header = ["Status", *(theme.name for theme in document.themes), "All themes"]
    body = [
        [
            f"{column.band.code} {column.label}" if column.band else column.label,
            *(str(theme.counts.columns[document.counts.columns.index(column)].count) for theme in document.themes),
            str(column.count),
        ]
        for column in columns
    ]
    body.append(["Measures", *(str(theme.counts.total) for theme in document.themes), str(document.counts.total)])
    add_table(word, header, body, caption=f"Measures by RAG status at {document.period}, by theme")


def _theme(word: WordDocument, theme: ThemeSection, periods: Sequence[str]) -> None:
    word.add_heading(theme.heading, level=1)
    if theme.achievements:
        word.add_heading("Summary of achievements", level=2)
        for achievement in theme.achievements:
            word.add_paragraph(achievement, style="List Bullet")
    if theme.key_projects:
        word.add_heading("Key Projects and Initiatives", level=2)
        add_table(
            word,
            ["Project", "Progress", "Status"],
            [[project.title, "\n".join(project.progress), project.status] for project in theme.key_projects],
        )
    word.add_heading(theme.scorecard_title or "Scorecard", level=2)
    header = ["Ref", "Measure", "Good is"]
    for period in periods:
        header += [f"{period} target", f"{period} actual", f"{period} status"]
    header.append("Trend")
    body = []
    for row in theme.rows:
        cells = [row.ref, row.name, row.good]
        for cell in row.periods:
            status = f"{cell.shown.text} ({cell.shown.label})" if cell.shown.band else cell.shown.label
            cells += [cell.target, cell.actual + (f" ({cell.covers})" if cell.covers else ""), status]
        cells.append(f"{row.trend.word} against {row.trend.against}" if row.trend else "")
        body.append(cells)
    add_table(word, header, body, caption=f"{theme.name}: target, actual and status in {', '.join(periods)}")
    if theme.challenges:
        word.add_heading("Key challenges", level=2)
        for challenge in theme.challenges:
            word.add_heading(challenge.heading, level=3)
            for paragraph in challenge.paragraphs:
                word.add_paragraph(paragraph)
    for note in theme.notes:
        word.add_paragraph(f"{note.label}: {note.text}")


def _appendix_entry(word: WordDocument, entry: AppendixEntry, index: int) -> None:
    word.add_heading(f"{entry.ref} {entry.name} ({entry.theme})", level=2)
    word.add_paragraph(entry.reading.summary)
    title = f"{entry.ref} {entry.name}: figures, mean and process limits"
    chart = process_chart(title, entry.reading, f"spc-{index}") if entry.charted else None
    if chart is not None:
        add_chart(word, chart)
        add_process_table(word, entry.reading, f"Figures of the chart of {entry.ref} {entry.name}")
    add_process_icons(word, entry.reading)
    if entry.positions:
        word.add_paragraph(f"Against comparators, {entry.compared_in}:")
        for position in entry.positions:
            word.add_paragraph(position.summary, style="List Bullet")


def add_process_icons(word: WordDocument, reading: ProcessReading) -> None:
    """What an XmR chart's variation and assurance icons say, in words."""
    if reading.variation:
        word.add_paragraph(f"Variation: {reading.variation_meaning}.")
    if reading.assurance:
        word.add_paragraph(f"Assurance: {reading.assurance_meaning}.")


def add_process_table(word: WordDocument, reading: ProcessReading, caption: str) -> None:
    """The figures of an XmR chart, for the table beside it."""
    add_table(
        word,
        ["Period", "Figure", "Mean", "Lower limit", "Upper limit", "Reading"],
        [
            [
                point.period,
                number(point.value),
                number(point.mean),
                number(point.lower) if point.lower is not None else "Too few points",
                number(point.upper) if point.upper is not None else "Too few points",
                point.label,
            ]
            for point in reading.points
        ],
        caption=caption,
    )


def add_chart(word: WordDocument, chart: BarChart | LineChart | ProcessChart) -> None:
    """The chart as a picture (Word needs a raster image), its title as the alternative text."""
    import cairosvg  # type: ignore[import-untyped]  # only Word output needs cairo (and has no types)

    svg = _SVG.search(str(chart.svg))
    assert svg is not None, "every chart macro draws an <svg>"
    png = cairosvg.svg2png(bytestring=svg.group(0).encode("utf-8"), output_width=1280)
    word.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    picture = word.inline_shapes[-1]._inline.docPr
    picture.set("descr", f"{chart.title} (the table below gives the same figures)")
    picture.set("title", chart.title)


def add_table(word: WordDocument, header: list[str], body: list[list[str]], caption: str = "") -> None:
    if caption:
        word.add_paragraph(caption, style="Caption")
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_as_header(table)
    for values in body:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def _repeat_as_header(table: Table) -> None:
    """Word repeats a header row on every page, and screen readers read it as the header."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
