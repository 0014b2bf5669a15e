"""Statuses as the core judged them, stored so pages can filter and sort without judging again."""

from __future__ import annotations

from django.db import models

from scorecard.core.rag import ValueState
from scorecard.core.trend import Trend
from scorecard.web.plans.models.periods import ReportingPeriod
from scorecard.web.plans.models.returns import Return
from scorecard.web.plans.models.schemes import SchemeVersion
from scorecard.web.plans.models.tenancy import TenantModel

STATES = [(state.value, state.label) for state in ValueState]
TRENDS = [(trend.value, trend.label) for trend in Trend]


class StoredStatus(TenantModel):
    """A return's status under one version of its measure's scheme: the state or band, the
    reason, the deviation and the trend. A new scheme version judges again into a new row, so
    a status under an earlier version is never rewritten."""

    measure_return = models.ForeignKey(Return, on_delete=models.PROTECT, related_name="statuses")
    scheme_version = models.ForeignKey(SchemeVersion, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=STATES)
    band = models.CharField(max_length=20, blank=True, help_text="The band code the scheme gives; blank for none.")
    reason = models.TextField()
    deviation = models.DecimalField(max_digits=60, decimal_places=20, null=True, blank=True)
    trend = models.CharField(max_length=15, choices=TRENDS, blank=True)
    compared_with = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(TenantModel.Meta):
        verbose_name_plural = "stored statuses"
        ordering = ("measure_return", "scheme_version")
        constraints = (
            models.UniqueConstraint(
                fields=["measure_return", "scheme_version"], name="plans_storedstatus_one_per_scheme_version"
            ),
        )

    def __str__(self) -> str:
        return f"{self.measure_return}: {self.band or self.state}"
