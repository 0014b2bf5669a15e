"""Targets and returns: what a measure should reach in a period, and what it did.

Each value keeps the text as printed (what the core reads, and what reports print back) beside
its parsed number and unit in typed columns, for sorting, filtering and statistics.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from scorecard.core.plan import ActionStatus
from scorecard.core.targets import TargetKind
from scorecard.core.values import Unit
from scorecard.web.plans.models.kept import Versioned
from scorecard.web.plans.models.periods import ReportingPeriod
from scorecard.web.plans.models.plan import Action, Measure
from scorecard.web.plans.models.schemes import SchemeBand
from scorecard.web.plans.models.tenancy import TenantModel

UNITS = [(unit.value, unit.value) for unit in Unit]


def _amount(help_text: str = "") -> models.DecimalField[Decimal | None, Decimal | None]:
    # 18 significant digits (the core's limit) either side of the point
    return models.DecimalField(max_digits=38, decimal_places=18, null=True, blank=True, help_text=help_text)


class Target(TenantModel, Versioned):
    """A measure's target for one period, with who set it and when."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="targets")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    printed = models.CharField(max_length=100, blank=True, help_text='As printed: "76%", "7-15%", "BL", "-".')
    kind = models.CharField(max_length=30, choices=[(kind.value, kind.value) for kind in TargetKind])
    amount = _amount("A number target; the low end of a range.")
    high = _amount("The high end of a range.")
    unit = models.CharField(max_length=10, choices=UNITS, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("measure", "period__start")
        constraints = (models.UniqueConstraint(fields=["measure", "period"], name="plans_target_one_per_period"),)

    def __str__(self) -> str:
        return f"{self.measure.code}, {self.period}: {self.printed}"


class ReturnState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"


class Return(TenantModel, Versioned):
    """A measure's actual for one period, with its commentary, as it moves from draft to approved."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="returns")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    actual = models.CharField(max_length=100, blank=True, help_text='As printed: "71.40%", "38.7% (53/137)", "-".')
    amount = _amount()
    unit = models.CharField(max_length=10, choices=UNITS, blank=True)
    numerator = _amount()
    denominator = _amount()
    count = _amount('The count printed beside a rate: "72 (307)".')
    covers = models.CharField(
        max_length=40,
        blank=True,
        help_text='The months the actual covers when not the period itself: "Jul 16 - Sep 16".',
    )
    covers_start = models.DateField(null=True, blank=True)
    covers_end = models.DateField(null=True, blank=True)
    data_note = models.CharField(
        max_length=60, blank=True, help_text='Printed in place of a status: "Note 1", "New in 2018/19", "BL".'
    )
    commentary = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=ReturnState.choices, default=ReturnState.DRAFT)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True, help_text="Why it was returned, or a note on approval.")
    override_band = models.ForeignKey(
        SchemeBand,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A band of the measure's scheme published in place of the computed one.",
    )
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("measure", "period__start")
        constraints = (
            models.UniqueConstraint(fields=["measure", "period"], name="plans_return_one_per_period"),
            models.CheckConstraint(
                condition=models.Q(override_band__isnull=True) | ~models.Q(override_reason=""),
                name="plans_return_override_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(covers_start__isnull=True, covers_end__isnull=True)
                | models.Q(covers_end__gt=models.F("covers_start")),
                name="plans_return_covers_a_span",
            ),
            models.CheckConstraint(
                condition=models.Q(numerator__isnull=True) | models.Q(denominator__gt=0, numerator__gte=0),
                name="plans_return_fraction_is_proper",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["submitted", "approved", "returned"])
                | models.Q(submitted_at__isnull=False),
                name="plans_return_submitted_has_when",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["approved", "returned"]) | models.Q(decided_at__isnull=False),
                name="plans_return_decided_has_when",
            ),
        )

    def __str__(self) -> str:
        return f"{self.measure.code}, {self.period}: {self.actual}"


ACTION_STATUSES = [(status.value, status.label) for status in ActionStatus]


class ActionUpdate(TenantModel, Versioned):
    """A key project's progress and status for one period."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    progress = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=ACTION_STATUSES)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("action", "period__start")
        constraints = (models.UniqueConstraint(fields=["action", "period"], name="plans_actionupdate_one_per_period"),)

    def __str__(self) -> str:
        return f"{self.action}, {self.period}"
