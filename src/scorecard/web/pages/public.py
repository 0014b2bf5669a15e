"""What anyone may read without signing in: published reports exactly as they were frozen, and
the published figures of public measures. Nothing here judges or reads unpublished values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from scorecard.core.measures import Polarity
from scorecard.reporting.analytics import Observation
from scorecard.reporting.counts import StatusCount, StatusCounts
from scorecard.reporting.key import KeyBand
from scorecard.web.pages.analytics import MeasureAnalytics, measure_analytics
from scorecard.web.pages.tags import Tag, published_tag
from scorecard.web.plans.benchmarks import comparators_held
from scorecard.web.plans.models import Measure, Organisation, Publication


def publishing_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(Exists(Publication.unscoped.filter(organisation=OuterRef("pk")))).order_by(
        "name"
    )


# The printed documents of a publication, by the name their address gives, and where each is kept.
PRINTED = {"report": "pdf", "analytics-annex": "annex_pdf"}


def publications() -> list[Publication]:
    """The active organisation's publications, newest period first, corrections after the first,
    each with which of its printed documents it holds."""
    held = {
        f"has_{field}": ExpressionWrapper(Q(**{f"{field}__isnull": False}), BooleanField())
        for field in PRINTED.values()
    }
    return list(
        Publication.objects.select_related("period")
        .defer("html", "document", *PRINTED.values())
        .annotate(**held)
        .order_by("-period__start", "number")
    )


def latest() -> Publication | None:
    return (
        Publication.objects.select_related("period")
        .defer("html", *PRINTED.values())
        .order_by("-period__start", "-number")
        .first()
    )


def _counts(data: dict[str, Any]) -> StatusCounts:
    return StatusCounts(
        tuple(
            StatusCount(c["key"], c["label"], c["count"], KeyBand(**c["band"]) if c["band"] else None)
            for c in data["columns"]
        )
    )


def theme_counts(publication: Publication) -> list[tuple[str, StatusCounts]]:
    """Each theme's status counts as published."""
    return [(theme["name"], _counts(theme["counts"])) for theme in publication.document["document"]["themes"]]


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    code: str
    name: str
    theme: str
    good: str
    period: str
    target: str
    actual: str
    covers: str
    tag: Tag
    reason: str
    trend: str  # "▲ improved against Q1 2018/19", or ""


def _figures(publication: Publication, public: set[str]) -> list[PublishedFigure]:
    figures = []
    for theme in publication.document["document"]["themes"]:
        for row in theme["rows"]:
            if row["code"] not in public:
                continue
            trend = row["trend"]
            for cell in row["periods"]:
                figures.append(
                    PublishedFigure(
                        row["code"],
                        row["name"],
                        theme["name"],
                        row["good"],
                        cell["period"],
                        cell["target"],
                        cell["actual"],
                        cell["covers"],
                        published_tag(cell["shown"]),
                        cell["reason"],
                        f"{trend['arrow']} {trend['word']} against {trend['against']}"
                        if trend and cell is row["periods"][-1]
                        else "",
                    )
                )
    return figures


def public_codes() -> set[str]:
    return set(Measure.objects.filter(public=True).values_list("code", flat=True))


def public_figures(publication: Publication) -> list[PublishedFigure]:
    """The publication's quarter for each public measure (the last column of its scorecard)."""
    return [f for f in _figures(publication, public_codes()) if f.period == publication.document["document"]["period"]]


def measure_figures(code: str) -> list[PublishedFigure]:
    """Every published figure of one public measure: from each quarter's latest publication,
    the three quarters its scorecard printed, each period once (the latest publication's)."""
    if code not in public_codes():
        return []
    seen: dict[str, PublishedFigure] = {}
    for publication in Publication.objects.defer("html", "pdf").order_by("period__start", "number"):
        for figure in _figures(publication, {code}):
            seen[figure.period] = figure
    return list(seen.values())


def published_analytics(figures: list[PublishedFigure]) -> MeasureAnalytics:
    """The analytics of one measure's published figures (oldest first), with the comparators held."""
    first = figures[0]
    polarity = next(p for p in Polarity if p.label == first.good)
    comparators = comparators_held(Measure.objects.filter(code=first.code))
    observations = [Observation(figure.period, figure.actual, figure.target) for figure in figures]
    return measure_analytics(first.code, first.name, observations, polarity, comparators)
