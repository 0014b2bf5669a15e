"""A measure's whole history to download, as a PDF or a Word document: what its page shows of
every period held and of its variation, gathered for `scorecard.reporting.measure_history`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.timezone import localdate

from scorecard.core.measures import Polarity
from scorecard.reporting.measure_history import (
    HistoryLine,
    MeasureHistory,
    render_history_pdf,
    render_history_word,
)
from scorecard.web.accounts.permissions import MEMBER, member, rule
from scorecard.web.pages.measures import MeasurePage, PeriodLine, measure_page
from scorecard.web.plans.models import Measure

PDF = "application/pdf"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def measure_history(page: MeasurePage, organisation: str, made: date) -> MeasureHistory:
    measure = page.measure
    owner = (measure.owner.get_full_name() or measure.owner.username) if measure.owner else ""
    return MeasureHistory(
        organisation=organisation,
        code=measure.code,
        name=measure.name,
        definition=measure.definition_note,
        good_is=Polarity(measure.polarity).label,
        owner=owner,
        made=made,
        lines=tuple(_line(line, compared) for line, compared in page.rows),
        chart=page.chart,
        chart_summary=page.chart_summary,
        comparator=page.comparator,
        reading=page.analytics.reading,
        process_chart=page.analytics.chart,
    )


def _line(line: PeriodLine, compared: str) -> HistoryLine:
    held, tag = line.held, line.tag
    actual = f"{held.actual} ({held.covers})" if held and held.covers else held.actual if held else ""
    code, words = (tag.code, tag.label) if tag else ("", "")
    if tag and tag.overridden:
        words += ", set by an officer"
    return HistoryLine(
        period=line.period.label,
        target=line.target.printed if line.target else "",
        actual=actual,
        status=code,
        status_words=words,
        band=tag.band if tag else None,
        trend=f"{line.trend.word} against {line.compared_with}" if line.trend else "",
        compared=compared,
    )


@rule(MEMBER)
def history_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _download(request, code, "pdf", PDF, render_history_pdf)


@rule(MEMBER)
def history_word(request: HttpRequest, code: str) -> HttpResponse:
    return _download(request, code, "docx", WORD, render_history_word)


def _download(
    request: HttpRequest, code: str, extension: str, content_type: str, render: Callable[[MeasureHistory], bytes]
) -> HttpResponse:
    found = get_object_or_404(Measure.objects.select_related("owner"), code=code)
    organisation = member(request).organisation
    history = measure_history(measure_page(organisation, found), organisation.name, localdate())
    response = HttpResponse(render(history), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{found.code}-history.{extension}")
    return response
