"""The quarters a signed-in user can look at, and the one a page asks for."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest

from scorecard.core.periods import Quarter
from scorecard.web.plans.models import Organisation, PeriodKind, ReportEdition, ReportingPeriod, Return


def quarters() -> list[ReportingPeriod]:
    """Quarters that hold a return (of the quarter or one of its months), oldest first.

    Asked of the periods inside each quarter, each found by the returns' period index, rather
    than of the returns, which the database would read through for every quarter."""
    held = Return.objects.filter(period=OuterRef("pk")).order_by()
    inside = ReportingPeriod.objects.filter(start__gte=OuterRef("start"), end__lte=OuterRef("end"))
    found = ReportingPeriod.objects.filter(kind=PeriodKind.QUARTER).filter(Exists(inside.filter(Exists(held))))
    return list(found.order_by("start"))


def chosen_quarter(request: HttpRequest, held: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The quarter named by `?period=` (e.g. Q2 2018/19), else the latest one with a report;
    None when nothing is held yet."""
    label = request.GET.get("period", "").strip()
    if label:
        for quarter in held:
            if quarter.label == label:
                return quarter
        raise Http404(f"No figures are held for {label}")
    reported = set(ReportEdition.objects.order_by().values_list("period_id", flat=True))
    with_report = [quarter for quarter in held if quarter.pk in reported]
    if with_report:
        return with_report[-1]
    return held[-1] if held else None


def as_quarter(period: ReportingPeriod, organisation: Organisation) -> Quarter:
    found = period.as_core(organisation.financial_year_start_month)
    assert isinstance(found, Quarter), "quarters() gives quarter rows only"
    return found
