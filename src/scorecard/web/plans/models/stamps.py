"""How often each organisation's data has changed, so a page built from it can be kept and
shown again until it changes."""

from __future__ import annotations

from django.db import models


class DataStamp(models.Model):
    """A counter that moves with every committed change to an organisation's rows.

    Database triggers keep it (`guards.py`), never the app, so no way of writing (the ORM, bulk
    loads, raw SQL) can change data without moving it. The counter moves in the same transaction
    as the change: whoever reads it before reading the data never keeps old data under a new
    stamp. Not a foreign key: nothing about an organisation's rows depends on it."""

    organisation_id = models.BigIntegerField(primary_key=True)
    stamp = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data stamp"

    def __str__(self) -> str:
        return f"organisation {self.organisation_id}: {self.stamp} changes"


def data_stamp(organisation_id: int) -> int:
    found = DataStamp.objects.filter(organisation_id=organisation_id).values_list("stamp", flat=True).first()
    return found or 0
