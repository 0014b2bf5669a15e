"""The signed-in reading pages. Each view reads through the active organisation's scoped
managers, so another organisation's record is simply not found (404)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from scorecard.reporting.charts import status_bars, table_rows
from scorecard.web.accounts.permissions import MEMBER, PUBLIC, member, membership_of, rule
from scorecard.web.pages import public
from scorecard.web.pages.actions import action_page
from scorecard.web.pages.kept import Link, Page, kept_page
from scorecard.web.pages.measures import Search, measure_history, measure_page, search, status_choices
from scorecard.web.pages.quarters import chosen_quarter, quarters
from scorecard.web.pages.reading import dashboard
from scorecard.web.pages.scorecards import theme_scorecard
from scorecard.web.plans.models import Action, Directorate, Measure, Theme
from scorecard.web.plans.timeliness import STATES, tally

NOTHING_YET = Page("No figures yet", "pages/_nothing_yet.html", {})


@rule(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    """Members go to their dashboard; anyone else to the published reports."""
    if membership_of(request) is not None:
        return redirect("dashboard")
    organisations = list(public.publishing_organisations())
    if len(organisations) == 1:
        return redirect("public-organisation", slug=organisations[0].slug)
    return render(request, "pages/public/index.html", {"organisations": organisations})


@rule(MEMBER)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    return kept_page(request, "dashboard", (_asked_period(request),), lambda: _dashboard(request))


def _dashboard(request: HttpRequest) -> Page:
    held = quarters()
    quarter = chosen_quarter(request, held)
    if quarter is None:
        return NOTHING_YET
    shown = dashboard(member(request).organisation, quarter)
    timed = tally(member(request).organisation, quarter)
    rows = [(item.theme.name, item.counts) for item in shown.themes]
    chart = status_bars(f"Measures by status in {quarter.label}, per theme", rows)
    if shown.total is not None:
        rows.append(("All themes", shown.total))
    counted = table_rows(rows)
    context = {
        "quarters": held,
        "quarter": quarter,
        "dashboard": shown,
        "chart": chart,
        "theme_rows": counted,
        "columns": counted[0][1].columns if counted else (),
        "timeliness_states": [state.label for state in STATES],
        "timeliness": timed.by_directorate,
        "late": timed.late,
    }
    return Page(f"Dashboard, {quarter.label}", "pages/dashboard.html", context)


@rule(MEMBER)
def theme_page(request: HttpRequest, key: str) -> HttpResponse:
    asked = _asked_period(request)
    words = reverse("theme-words", args=[key]) + (f"?{urlencode({'period': asked})}" if asked else "")
    links = [Link("Write the report's words for this theme", words)]
    return kept_page(request, "theme", (key, asked), lambda: _theme(request, key), links)


def _theme(request: HttpRequest, key: str) -> Page:
    theme = get_object_or_404(Theme.objects.select_related("plan"), key=key)
    held = quarters()
    quarter = chosen_quarter(request, held)
    if quarter is None:
        return NOTHING_YET
    scorecard = theme_scorecard(member(request).organisation, theme, quarter)
    context = {"quarters": held, "quarter": quarter, "scorecard": scorecard}
    return Page(f"{theme.name}, {quarter.label}", "pages/theme.html", context)


@rule(MEMBER)
def measure(request: HttpRequest, code: str) -> HttpResponse:
    links = [
        Link("Edit the measure", reverse("edit-measure", args=[code])),
        Link("Edit its targets and statuses", reverse("edit-targets", args=[code])),
    ]
    return kept_page(request, "measure", (code,), lambda: _measure(request, code), links)


def _measure(request: HttpRequest, code: str) -> Page:
    found = get_object_or_404(
        Measure.objects.select_related("theme", "owner", "directorate", "scheme", "introduced", "retired"), code=code
    )
    return Page(found.name, "pages/measure.html", {"page": measure_page(member(request).organisation, found)})


@rule(MEMBER)
def measure_changes(request: HttpRequest, code: str) -> HttpResponse:
    return kept_page(request, "measure-changes", (code,), lambda: _measure_changes(code))


def _measure_changes(code: str) -> Page:
    found = get_object_or_404(Measure.objects.select_related("theme"), code=code)
    return Page(
        f"Changes to {found.name}", "pages/measure_changes.html", {"measure": found, "history": measure_history(found)}
    )


def _asked_period(request: HttpRequest) -> str:
    return request.GET.get("period", "").strip()


@rule(MEMBER)
def action(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(Action.objects.select_related("theme", "owner", "directorate"), code=code)
    return render(request, "pages/action.html", {"page": action_page(found)})


@rule(MEMBER)
def measures(request: HttpRequest) -> HttpResponse:
    held = quarters()
    quarter = chosen_quarter(request, held)
    if quarter is None:
        return render(request, "pages/nothing_yet.html")
    directorate = request.GET.get("directorate", "")
    asked = Search(
        text=request.GET.get("q", "").strip()[:200],
        status=request.GET.get("status", "").strip()[:30],
        theme=request.GET.get("theme", "").strip()[:50],
        directorate=int(directorate) if directorate.isdigit() else None,
    )
    organisation = member(request).organisation
    return render(
        request,
        "pages/measures.html",
        {
            "quarters": held,
            "quarter": quarter,
            "asked": asked,
            "found": search(organisation, quarter, asked),
            "themes": Theme.objects.order_by("plan", "order"),
            "directorates": Directorate.objects.order_by("name"),
            "statuses": status_choices(organisation),
        },
    )
