"""What every record with history shares: a version for optimistic locking, and no deleting."""

from __future__ import annotations

from typing import Any

from django.db import models


class HistoryKeptError(RuntimeError):
    """A record with history cannot be deleted; retire it instead."""


class Versioned(models.Model):
    """Changed only through `scorecard.web.plans.history.save_changes`, which refuses a change
    made against an older version than the stored one."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryKeptError(f"{self._meta.verbose_name} {self} has history and is never deleted; retire it instead")
