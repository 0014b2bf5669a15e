"""The report as one self-contained, accessible HTML file (CSS embedded), from Jinja2 templates
packaged in `templates/`. The same HTML is what the PDF is printed from.
"""

from __future__ import annotations

from enum import StrEnum

from scorecard.reporting.analytics import CHANGE_METHOD, SETTINGS
from scorecard.reporting.charts import process_chart, status_bars
from scorecard.reporting.document import ReportDocument
from scorecard.reporting.templating import environment


class Part(StrEnum):
    """What of the report an HTML file holds. Printed, the analytics appendix is a document of its
    own, the annex, so a large council's report and annex are laid out at once (`printing`)."""

    WHOLE = "whole"  # the report with its appendix: the published web page
    REPORT = "report"  # the report, its appendix named as the separate annex
    ANNEX = "annex"  # the analytics appendix alone, under the report's title


def render_html(document: ReportDocument, part: Part = Part.WHOLE) -> str:
    by_theme = [(theme.name, theme.counts) for theme in document.themes]
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            report=document,
            part=part.value,
            change_method=CHANGE_METHOD,
            spc_points=SETTINGS.minimum_points,
            spc_run=SETTINGS.run_length,
            status_chart=status_bars(f"Measures by RAG status at {document.period}, per theme", by_theme),
            process_chart=process_chart,
        )
    )
