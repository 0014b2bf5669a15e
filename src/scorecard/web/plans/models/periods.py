"""Reporting periods: the months, quarters and years of an organisation's own financial year."""

from __future__ import annotations

from typing import Any

from django.db import models

from scorecard.core.periods import Month, Period, Quarter, period_span, quarter_containing
from scorecard.web.plans.models.tenancy import TenantModel


class PeriodKind(models.TextChoices):
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Financial year"


class ReportingPeriod(TenantModel):
    """A month, quarter or financial year, stored as its first and last day so that periods sort
    and nest by date; the label is the one reports print ("Q2 2018/19", "2018/19", "Jul 18")."""

    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    start = models.DateField()
    end = models.DateField()
    label = models.CharField(max_length=20)

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "start", "-end")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "kind", "start"], name="plans_period_unique_start"),
            models.UniqueConstraint(fields=["organisation", "kind", "label"], name="plans_period_unique_label"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="plans_period_ends_after_start"),
        )

    def __str__(self) -> str:
        return self.label

    def as_core(self, start_month: int) -> Period:
        """The core's period, for an organisation whose year starts in `start_month`."""
        first = Month(self.start.year, self.start.month)
        if self.kind == PeriodKind.MONTH:
            return first
        quarter = quarter_containing(first, start_month)
        return quarter.year if self.kind == PeriodKind.YEAR else quarter


def period_fields(period: Period) -> dict[str, Any]:
    """The stored form of a core period."""
    span = period_span(period)
    kind = (
        PeriodKind.MONTH
        if isinstance(period, Month)
        else PeriodKind.QUARTER
        if isinstance(period, Quarter)
        else PeriodKind.YEAR
    )
    return {"kind": kind.value, "start": span.start, "end": span.end, "label": period.label()}
