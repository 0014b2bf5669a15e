"""Every table of an organisation's data moves its data stamp, so no kept page outlives a change
(`guards.py`, `pages/kept.py`). Read from the models of every installed app and the database's own
catalogue, not from the list the guard derives."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from scorecard.web.plans.models import Organisation, User
from tests.web.database_rules import on_postgresql


def _organisation_tables() -> list[str]:
    tables = []
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "organisation"), None)
        if model is Organisation or (field is not None and field.related_model is Organisation):
            tables.append(model._meta.db_table)
    return sorted(tables)


def _triggers(table: str) -> set[str]:
    with connection.cursor() as cursor:
        if on_postgresql():
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass", [table])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        return {name for (name,) in cursor.fetchall()}


def _expected(table: str) -> set[str]:
    if on_postgresql():
        return {f"{table}_stamp"}
    return {f"{table}_stamp_{event}" for event in ("insert", "update", "delete")}


@pytest.mark.django_db
@pytest.mark.parametrize("table", _organisation_tables())
def test_every_table_of_an_organisation_s_data_moves_its_stamp(table):
    assert _expected(table) <= _triggers(table)


@pytest.mark.django_db
def test_renaming_a_user_moves_the_stamps_of_their_organisations():
    table = User._meta.db_table
    assert {f"{table}_stamp"} <= _triggers(table)
