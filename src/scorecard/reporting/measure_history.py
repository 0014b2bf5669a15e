"""One measure's whole history as a document of its own, HTML (printed as a tagged PDF) and Word:
its chart of actual against target with every period held, and its XmR chart with the figures
behind it. The web layer gathers the measure into a `MeasureHistory`; this module only lays it out,
with the report's charts, stylesheet and Word helpers, so a measure reads the same in both."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from docx import Document

from scorecard.reporting.analytics import SETTINGS, ProcessReading
from scorecard.reporting.charts import LineChart, ProcessChart
from scorecard.reporting.key import KeyBand
from scorecard.reporting.pdf import render_pdf
from scorecard.reporting.templating import environment
from scorecard.reporting.word import add_chart, add_process_icons, add_process_table, add_table

SPC_METHOD = (
    "Statistical process control as NHS England's Making Data Count teaches it: limits at the mean ± 2.66 times "
    f"the average moving range, from {SETTINGS.minimum_points} points; runs of {SETTINGS.run_length}."
)


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One period held, as the measure's page tables it."""

    period: str
    target: str
    actual: str  # as printed, with the months it covers where it says so
    status: str  # the band's code; where there is no band, the reason in words ("Not available")
    status_words: str  # the band's name ("Low Green"), or the same reason
    band: KeyBand | None  # how the report draws the band, beside its code and words
    trend: str = ""  # "Improved against Q1 2018/19"
    compared: str = ""  # the comparator group's value in the period

    @property
    def shown(self) -> str:
        """The status in text: its code and its words, or the reason there is no band."""
        return f"{self.status} ({self.status_words})" if self.status != self.status_words else self.status


@dataclass(frozen=True, slots=True)
class MeasureHistory:
    organisation: str
    code: str
    name: str
    definition: str
    good_is: str  # "Higher", "Lower", "In range", "No judgement"
    owner: str
    made: date
    lines: tuple[HistoryLine, ...]  # oldest first
    chart: LineChart
    chart_summary: str
    comparator: str  # the comparator group charted and tabled, "" when none is held
    reading: ProcessReading
    process_chart: ProcessChart | None  # None without a figure held as a number

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}: history"

    @property
    def span(self) -> str:
        if not self.lines:
            return "No periods held"
        first, last = self.lines[0].period, self.lines[-1].period
        return first if first == last else f"{first} to {last}"

    @property
    def made_on(self) -> str:
        return f"{self.made.day} {self.made:%B %Y}"

    @property
    def header(self) -> list[str]:
        """The columns of the table of every period held."""
        compared = [self.comparator] if self.comparator else []
        return ["Period", "Target", "Actual", *compared, "Status", "Trend"]

    @property
    def rows(self) -> list[list[str]]:
        compared = bool(self.comparator)
        return [
            [line.period, line.target, line.actual, *([line.compared] if compared else []), line.shown, line.trend]
            for line in self.lines
        ]

    @property
    def details(self) -> list[tuple[str, str]]:
        """What the measure is, as a list of terms above the charts."""
        return [
            ("Code", self.code),
            ("Good is", self.good_is),
            ("Owner", self.owner or "Not set"),
            ("Definition", self.definition or "Not recorded"),
            ("Periods", self.span),
            ("Made on", self.made_on),
        ]


def render_history_html(history: MeasureHistory) -> str:
    return environment().get_template("measure_history.html.j2").render(history=history, spc_method=SPC_METHOD)


def render_history_pdf(history: MeasureHistory) -> bytes:
    return render_pdf(render_history_html(history))


def render_history_word(history: MeasureHistory) -> bytes:
    word = Document()
    word.core_properties.title = history.title
    word.core_properties.author = history.organisation
    word.add_heading(f"{history.organisation}: {history.title}", level=0)
    for term, value in history.details:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(value)
    word.add_heading("Actual against target", level=1)
    word.add_paragraph(history.chart_summary)
    if history.chart.has_points:
        add_chart(word, history.chart)
    else:
        word.add_paragraph("No figures held as numbers, so there is no chart.")
    if history.lines:
        add_table(word, history.header, history.rows, caption="Every period held")
    word.add_heading("Variation over time", level=1)
    word.add_paragraph(history.reading.summary)
    add_process_icons(word, history.reading)
    if history.process_chart is not None:
        add_chart(word, history.process_chart)
        add_process_table(word, history.reading, "Figures of the XmR chart")
        word.add_paragraph(SPC_METHOD)
    written = io.BytesIO()
    word.save(written)
    return written.getvalue()
