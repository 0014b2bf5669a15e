"""The public pages: open to anyone, and showing only what has been published."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from scorecard.reporting.charts import status_bars, table_rows
from scorecard.web.accounts.permissions import PUBLIC, rule
from scorecard.web.pages import public
from scorecard.web.plans.models import Organisation, Publication, within


def _publishing(request: HttpRequest, slug: str) -> Organisation:
    found = get_object_or_404(public.publishing_organisations(), slug=slug)
    request.public_organisation = found  # type: ignore[attr-defined]
    return found


@rule(PUBLIC)
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """The latest published quarter at a glance, and every published report."""
    owner = _publishing(request, slug)
    with within(owner):
        latest = public.latest()
        assert latest is not None, "only organisations with a publication are found"
        rows = public.theme_counts(latest)
        chart = status_bars(f"Measures by status in {latest.period.label}, per theme, as published", rows)
        context = {
            "latest": latest,
            "chart": chart,
            "chart_rows": table_rows(rows),
            "chart_columns": table_rows(rows)[0][1].columns if rows else (),
            "publications": public.publications(),
        }
        return render(request, "pages/public/organisation.html", context)


@rule(PUBLIC)
def report(request: HttpRequest, slug: str, publication_id: int) -> HttpResponse:
    """A published report, byte for byte as it was frozen."""
    owner = _publishing(request, slug)
    with within(owner):
        publication = get_object_or_404(Publication.objects.only("html"), pk=publication_id)
    return HttpResponse(publication.html, content_type="text/html; charset=utf-8")


@rule(PUBLIC)
def printed(request: HttpRequest, slug: str, publication_id: int, document: str) -> HttpResponse:
    """A published report's PDF, or its analytics annex's, byte for byte as printed when published."""
    owner = _publishing(request, slug)
    field = public.PRINTED.get(document)
    if field is None:
        raise Http404("No such printed document")
    with within(owner):
        publication = get_object_or_404(
            Publication.objects.select_related("period").only(field, "number", "period"), pk=publication_id
        )
    content = getattr(publication, field)
    if content is None:
        raise Http404("That publication was not printed")
    name = f"{owner.slug}-{publication.period.label}-{publication.number}-{document}".replace(" ", "-").replace(
        "/", "-"
    )
    response = HttpResponse(bytes(content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@rule(PUBLIC)
def measures(request: HttpRequest, slug: str) -> HttpResponse:
    owner = _publishing(request, slug)
    with within(owner):
        latest = public.latest()
        assert latest is not None, "only organisations with a publication are found"
        return render(
            request, "pages/public/measures.html", {"latest": latest, "figures": public.public_figures(latest)}
        )


@rule(PUBLIC)
def measure(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    owner = _publishing(request, slug)
    with within(owner):
        figures = public.measure_figures(code)
        if not figures:
            raise Http404("No published figures for that measure")
        analytics = public.published_analytics(figures)
    return render(
        request, "pages/public/measure.html", {"figures": figures, "first": figures[0], "analytics": analytics}
    )
