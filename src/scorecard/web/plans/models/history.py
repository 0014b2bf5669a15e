"""The history of every record that has one: who changed what, when, from what to what.

Append-only: the database refuses to update or delete a row (see `guards.py`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from scorecard.web.plans.models.kept import HistoryKeptError
from scorecard.web.plans.models.tenancy import TenantModel


class ChangeKind(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    REFUSED = "refused", "Refused: made against an older version"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    OVERRIDDEN = "overridden", "Status overridden"
    RETIRED = "retired", "Retired"
    PUBLISHED = "published", "Published"
    SIGNED_OFF = "signed off", "Quarter signed off"
    REMOVED = "removed", "Removed"  # a record that is no one's history (a theme's lead)
    REOPENED = "reopened", "Quarter reopened"


class Change(TenantModel):
    """One change to one record: its state before and after, as JSON."""

    record_type = models.CharField(max_length=50, help_text='The model, e.g. "plans.return".')
    record_id = models.BigIntegerField()
    kind = models.CharField(max_length=12, choices=ChangeKind.choices)
    version = models.PositiveIntegerField(help_text="The record's version after the change (or the one refused).")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    source = models.CharField(max_length=100, blank=True, help_text='Where it came from: "web", "import values.csv".')
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "record_type", "record_id", "pk")
        indexes = (models.Index(fields=["record_type", "record_id"], name="plans_change_record"),)

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} v{self.version}: {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryKeptError("history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryKeptError("history is append-only")
