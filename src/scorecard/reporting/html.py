"""The report as one self-contained, accessible HTML file (CSS embedded), from Jinja2 templates
packaged in `templates/`. The same HTML is what the PDF is printed from.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from scorecard.reporting.analytics import CHANGE_METHOD, SETTINGS
from scorecard.reporting.document import ReportDocument

_MONTH = re.compile(r"\b([A-Z][a-z]{2}) (\d{2})\b")


def unbroken_months(text: str) -> str:
    """'Jul 16 - Sep 16' may wrap in a narrow column at the dash, never inside 'Jul 16'."""
    return _MONTH.sub("\\1\u00a0\\2", text)


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("scorecard.reporting", "templates"),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt field fails the build instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["unbroken_months"] = unbroken_months
    return environment


def render_html(document: ReportDocument) -> str:
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=document,
            change_method=CHANGE_METHOD,
            spc_points=SETTINGS.minimum_points,
            spc_run=SETTINGS.run_length,
        )
    )
