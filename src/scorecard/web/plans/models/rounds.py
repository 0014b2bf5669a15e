"""A collection round: a quarter opened for figures with a due date, then signed off (which
locks it) and, for a correction, reopened with a reason. Sign-offs and reopenings are changes
of the round, so its history keeps each one with who, when and why; reminders are kept too."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from scorecard.web.plans.models.kept import Versioned
from scorecard.web.plans.models.periods import ReportingPeriod
from scorecard.web.plans.models.tenancy import Directorate, TenantModel


class CollectionRound(TenantModel, Versioned):
    """A quarter open for collection; locked while `signed_off_at` is set."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+", help_text="A quarter.")
    due = models.DateField("due date")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True, help_text="Why it was last reopened; each one is in the history.")

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "period__start")
        constraints = (models.UniqueConstraint(fields=["organisation", "period"], name="plans_round_one_per_period"),)

    def __str__(self) -> str:
        return f"Collection of {self.period}"

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None


class Reminder(TenantModel):
    """A reminder the officer sent to the owners with something outstanding in a round."""

    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="reminders")
    directorate = models.ForeignKey(
        Directorate, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Blank for all."
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipients = models.JSONField(default=list, help_text="Each owner reminded: username and address.")
    outstanding = models.PositiveIntegerField(help_text="How many returns and updates were outstanding.")

    class Meta(TenantModel.Meta):
        ordering = ("round", "-created_at")

    def __str__(self) -> str:
        return f"Reminder for {self.round.period}, {self.created_at:%d %b %Y %H:%M}"
