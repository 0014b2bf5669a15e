"""The report as one self-contained, accessible HTML file (CSS embedded), from Jinja2 templates
packaged in `templates/`. The same HTML is what the PDF is printed from.
"""

from __future__ import annotations

from scorecard.reporting.analytics import CHANGE_METHOD, SETTINGS
from scorecard.reporting.charts import process_chart, status_bars
from scorecard.reporting.document import ReportDocument
from scorecard.reporting.templating import environment


def render_html(document: ReportDocument) -> str:
    by_theme = [(theme.name, theme.counts) for theme in document.themes]
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            report=document,
            change_method=CHANGE_METHOD,
            spc_points=SETTINGS.minimum_points,
            spc_run=SETTINGS.run_length,
            status_chart=status_bars(f"Measures by RAG status at {document.period}, per theme", by_theme),
            process_chart=process_chart,
        )
    )
