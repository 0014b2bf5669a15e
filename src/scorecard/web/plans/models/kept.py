"""What every record with history shares: a version for optimistic locking, and no deleting."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import class_prepared, pre_delete


class HistoryKeptError(RuntimeError):
    """A record with history cannot be deleted; retire it instead."""


class Versioned(models.Model):
    """Changed only through `scorecard.web.plans.changes.change`, which refuses a change made
    against an older version than the stored one."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise _kept(self)


def _kept(record: models.Model) -> HistoryKeptError:
    return HistoryKeptError(f"{record._meta.verbose_name} {record} has history and is never deleted; retire it instead")


def _refuse_deletion(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    raise _kept(instance)


def _guard_deletion(sender: type[models.Model], **kwargs: Any) -> None:
    # A queryset's delete() (and a cascade) never calls Model.delete(); a pre_delete receiver
    # makes Django signal each row before it deletes any, so those are refused too.
    if issubclass(sender, Versioned) and not sender._meta.abstract:
        pre_delete.connect(_refuse_deletion, sender=sender, dispatch_uid=f"kept {sender._meta.label_lower}")


class_prepared.connect(_guard_deletion)
