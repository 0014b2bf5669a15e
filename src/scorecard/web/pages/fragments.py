"""The parts of pages drawn many times over, a row or an entry at a time: a record's timeline, a
theme's scorecard rows, a measure's periods. They are Jinja2 templates (in `fragments/`), as the
charts are: Django's template engine takes several times as long over hundreds of rows, and these
rows are most of a page's drawing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from jinja2 import Environment
from markupsafe import Markup

from scorecard.core.periods import MONTH_ABBREVIATIONS
from scorecard.reporting.templating import strict_environment
from scorecard.web.pages.tags import tag_html


def _when(moment: datetime) -> str:
    """A moment as the timeline prints it, in the site's time zone: "28 Nov 2026, 09:40" (what
    Django's `date:"j M Y, H:i"` gives in English, the site's one language, for a tenth of the time)."""
    local = timezone.localtime(moment)
    return f"{local.day} {MONTH_ABBREVIATIONS[local.month - 1]} {local.year}, {local:%H:%M}"


@cache
def _environment() -> Environment:
    found = strict_environment("scorecard.web.pages", "fragments")
    found.filters.update(status_tag=tag_html, when=_when, linebreaksbr=linebreaksbr)
    found.globals["url"] = lambda name, *args: reverse(name, args=args)
    return found


def fragment(name: str, **context: Any) -> Markup:
    return Markup(_environment().get_template(name).render(**context))


def timeline(history: Sequence[Any]) -> Markup:
    return fragment("timeline.html.j2", history=history)


def period_rows(page: Any) -> Markup:
    return fragment("period_rows.html.j2", page=page)


def scorecard_rows(scorecard: Any) -> Markup:
    return fragment("scorecard_rows.html.j2", scorecard=scorecard)
