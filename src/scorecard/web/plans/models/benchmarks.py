"""Comparators: what England, the region, statistical neighbours or a named peer group recorded
for a measure in a period, so a council's figure can be placed among them."""

from __future__ import annotations

from django.db import models

from scorecard.web.plans.models.kept import Versioned
from scorecard.web.plans.models.periods import ReportingPeriod
from scorecard.web.plans.models.plan import Measure
from scorecard.web.plans.models.returns import _amount
from scorecard.web.plans.models.tenancy import TenantModel


class ComparatorKind(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    NEIGHBOURS = "neighbours", "Statistical neighbours"
    PEERS = "peers", "Peer group"


class Benchmark(TenantModel, Versioned):
    """One comparator figure for a measure and period: the group's own value (no peer named), with
    its interval where published, or one peer's value, so the council's quartile in the group can
    be worked out. Values are in the measure's own unit (40.4 for 40.4%)."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="benchmarks")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=200, help_text='The comparator: "England", "London", "CIPFA neighbours".')
    kind = models.CharField(max_length=12, choices=ComparatorKind.choices)
    peer = models.CharField(max_length=200, blank=True, help_text="One member's name; blank for the group's value.")
    value = models.DecimalField(max_digits=38, decimal_places=18)
    lower = _amount("The lower limit of the group's interval, where published.")
    upper = _amount("The upper limit of the group's interval, where published.")
    source = models.CharField(max_length=500, blank=True, help_text="Where the figure was published.")

    class Meta(TenantModel.Meta):
        ordering = ("measure", "period__start", "group", "peer")
        constraints = (
            models.UniqueConstraint(
                fields=["measure", "period", "group", "peer"], name="plans_benchmark_one_per_group_and_peer"
            ),
            models.CheckConstraint(
                condition=models.Q(lower__isnull=True, upper__isnull=True)
                | models.Q(lower__lte=models.F("value"), upper__gte=models.F("value")),
                name="plans_benchmark_interval_holds_value",
            ),
        )

    def __str__(self) -> str:
        return f"{self.measure.code}, {self.period}: {self.peer or self.group} {self.value}"
