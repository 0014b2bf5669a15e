"""Rules the database itself enforces, beyond what Django declares: no row points at a parent in
another organisation, history and publications are append-only, and every change to an
organisation's rows moves its data stamp (`models/stamps.py`).

One migration operation, `Guard`, installs every rule it can derive from the models, dropping
and recreating them so that a later migration can run it again after adding models (and after
SQLite rebuilds a table, which drops its triggers). PostgreSQL gets composite foreign keys
(organisation, parent) and trigger functions; SQLite gets triggers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps.registry import Apps
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

APP = "plans"
APPEND_ONLY = ("change", "publication", "publicationscheme", "schemeversion", "schemeband")
STAMPS = "plans_datastamp"
NAMES = ("username", "first_name", "last_name")  # what pages show of a user


@dataclass(frozen=True, slots=True)
class Link:
    """child.column points at a row of parent that must belong to child's organisation."""

    child: str
    column: str
    parent: str
    organisation: str  # the child's column holding its organisation

    @property
    def name(self) -> str:
        return f"same_org_{self.child}_{self.column}"[:63]


def links(apps: Apps) -> Iterator[Link]:
    """Every foreign key from a tenant row (or an organisation) to a tenant row."""
    for model in apps.get_app_config(APP).get_models():
        own = "organisation_id" if _is_tenant(model) else "id" if model._meta.model_name == "organisation" else None
        if own is None:
            continue
        for field in model._meta.concrete_fields:
            related = field.related_model if field.many_to_one else None
            if related is not None and field.name != "organisation" and _is_tenant(related):
                yield Link(model._meta.db_table, str(field.column), related._meta.db_table, own)


def _is_tenant(model: Any) -> bool:
    return any(field.name == "organisation" for field in model._meta.concrete_fields)


def append_only(apps: Apps) -> Iterator[str]:
    for name in APPEND_ONLY:
        yield apps.get_model(APP, name)._meta.db_table


def stamped(apps: Apps) -> Iterator[tuple[str, str]]:
    """Every table whose rows are an organisation's data, with the column naming the organisation
    (none before the migration that adds the stamps)."""
    models = list(apps.get_app_config(APP).get_models())
    if not any(model._meta.db_table == STAMPS for model in models):
        return
    for model in models:
        if _is_tenant(model):
            yield model._meta.db_table, "organisation_id"
        elif model._meta.model_name == "organisation":
            yield model._meta.db_table, "id"


def _users(apps: Apps) -> tuple[str, str]:
    return apps.get_model(APP, "user")._meta.db_table, apps.get_model(APP, "membership")._meta.db_table


# One move per organisation and transaction, at commit: deferred, so the stamp's row is locked
# last and briefly (no deadlock with the rows a transaction writes), and a bulk load of thousands
# of rows updates it once.
_BUMP_POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION scorecard_bump(organisation bigint) RETURNS void AS $$
DECLARE marker text := 'scorecard.stamped_' || organisation;
BEGIN
  IF current_setting(marker, true) IS DISTINCT FROM txid_current()::text THEN
    INSERT INTO {STAMPS} (organisation_id, stamp) VALUES (organisation, 1)
      ON CONFLICT (organisation_id) DO UPDATE SET stamp = {STAMPS}.stamp + 1;
    PERFORM set_config(marker, txid_current()::text, true);
  END IF;
END $$ LANGUAGE plpgsql"""
_STAMP_POSTGRESQL = """
CREATE OR REPLACE FUNCTION scorecard_stamp() RETURNS trigger AS $$
BEGIN
  PERFORM scorecard_bump((to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0])::bigint);
  RETURN NULL;
END $$ LANGUAGE plpgsql"""
_RENAMED_POSTGRESQL = """
CREATE OR REPLACE FUNCTION scorecard_stamp_member() RETURNS trigger AS $$
BEGIN
  PERFORM scorecard_bump(organisation_id) FROM "{memberships}" WHERE user_id = NEW.id;
  RETURN NULL;
END $$ LANGUAGE plpgsql"""


def _stamps_postgresql(apps: Apps) -> Iterator[str]:
    if not any(stamped(apps)):
        return
    yield _BUMP_POSTGRESQL
    yield _STAMP_POSTGRESQL
    users, memberships = _users(apps)
    yield _RENAMED_POSTGRESQL.format(memberships=memberships)
    for table, column in stamped(apps):
        yield f'DROP TRIGGER IF EXISTS "{table}_stamp" ON "{table}"'
        yield (
            f'CREATE CONSTRAINT TRIGGER "{table}_stamp" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION scorecard_stamp('{column}')"
        )
    yield f'DROP TRIGGER IF EXISTS "{users}_stamp" ON "{users}"'
    yield (
        f'CREATE CONSTRAINT TRIGGER "{users}_stamp" AFTER UPDATE OF {", ".join(NAMES)} ON "{users}" '
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION scorecard_stamp_member()"
    )


def _stamps_sqlite(apps: Apps) -> Iterator[str]:
    # SQLite writes one transaction at a time, so moving the stamp at once is as safe as at commit.
    if not any(stamped(apps)):
        return
    bump = (
        f"INSERT INTO {STAMPS} (organisation_id, stamp) VALUES ({{organisation}}, 1) "
        "ON CONFLICT (organisation_id) DO UPDATE SET stamp = stamp + 1;"
    )
    for table, column in stamped(apps):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            trigger = f"{table}_stamp_{event.lower()}"
            yield f'DROP TRIGGER IF EXISTS "{trigger}"'
            yield (
                f'CREATE TRIGGER "{trigger}" AFTER {event} ON "{table}" '
                f"BEGIN {bump.format(organisation=f'{row}.{column}')} END"
            )
    users, memberships = _users(apps)
    yield f'DROP TRIGGER IF EXISTS "{users}_stamp"'
    yield (
        f'CREATE TRIGGER "{users}_stamp" AFTER UPDATE OF {", ".join(NAMES)} ON "{users}" BEGIN '
        f'INSERT INTO {STAMPS} (organisation_id, stamp) SELECT organisation_id, 1 FROM "{memberships}" '
        "WHERE user_id = NEW.id ON CONFLICT (organisation_id) DO UPDATE SET stamp = stamp + 1; END"
    )


def _postgresql(apps: Apps) -> Iterator[str]:
    yield (
        "CREATE OR REPLACE FUNCTION scorecard_append_only() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only: rows are never changed or deleted', TG_TABLE_NAME; END $$ "
        "LANGUAGE plpgsql"
    )
    for parent in sorted({link.parent for link in links(apps)}):
        yield f'CREATE UNIQUE INDEX IF NOT EXISTS "{parent}_tenant_key" ON "{parent}" (organisation_id, id)'
    for link in links(apps):
        yield f'ALTER TABLE "{link.child}" DROP CONSTRAINT IF EXISTS "{link.name}"'
        yield (
            f'ALTER TABLE "{link.child}" ADD CONSTRAINT "{link.name}" FOREIGN KEY ("{link.organisation}", '
            f'"{link.column}") REFERENCES "{link.parent}" (organisation_id, id) DEFERRABLE INITIALLY DEFERRED'
        )
    for table in append_only(apps):
        yield f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"'
        yield (
            f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION scorecard_append_only()"
        )
    yield from _stamps_postgresql(apps)


def _sqlite(apps: Apps) -> Iterator[str]:
    for link in links(apps):
        for event in ("INSERT", f'UPDATE OF "{link.column}", "{link.organisation}"'):
            trigger = f"{link.name}_{event.split()[0].lower()}"
            yield f'DROP TRIGGER IF EXISTS "{trigger}"'
            yield (
                f'CREATE TRIGGER "{trigger}" BEFORE {event} ON "{link.child}" '
                f'WHEN NEW."{link.column}" IS NOT NULL AND (SELECT organisation_id FROM "{link.parent}" '
                f'WHERE id = NEW."{link.column}") IS NOT NEW."{link.organisation}" '
                f"BEGIN SELECT RAISE(ABORT, '{link.child}.{link.column} belongs to another organisation'); END"
            )
        # The parent's side, which PostgreSQL's composite key covers: a parent moved to another
        # organisation would leave its children pointing across.
        yield f'DROP TRIGGER IF EXISTS "{link.name}_parent"'
        yield (
            f'CREATE TRIGGER "{link.name}_parent" BEFORE UPDATE OF organisation_id ON "{link.parent}" '
            f'WHEN EXISTS (SELECT 1 FROM "{link.child}" WHERE "{link.column}" = OLD.id '
            f'AND "{link.organisation}" IS NOT NEW.organisation_id) '
            f"BEGIN SELECT RAISE(ABORT, '{link.child}.{link.column} would point at another organisation'); END"
        )
    for table in append_only(apps):
        for event in ("UPDATE", "DELETE"):
            trigger = f"{table}_append_only_{event.lower()}"
            yield f'DROP TRIGGER IF EXISTS "{trigger}"'
            yield (
                f'CREATE TRIGGER "{trigger}" BEFORE {event} ON "{table}" '
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows are never changed or deleted'); END"
            )
    yield from _stamps_sqlite(apps)


def statements(vendor: str, apps: Apps) -> list[str]:
    if vendor == "postgresql":
        return list(_postgresql(apps))
    if vendor == "sqlite":
        return list(_sqlite(apps))
    raise NotImplementedError(f"Scorecard supports SQLite and PostgreSQL, not {vendor}")


def unguard_sqlite(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Drop every SQLite trigger, for a migration that then rebuilds a table (SQLite adds a NOT NULL
    column that way, and refuses the rebuild's rename while another table's trigger names it).
    The migration ends with `Guard()`, which puts every rule back."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in cursor.fetchall():
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{name}"', params=None)


class Guard(Operation):
    """Install (or reinstall) every database-enforced rule above."""

    reversible = True
    reduces_to_sql = True

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        for statement in statements(schema_editor.connection.vendor, to_state.apps):
            schema_editor.execute(statement, params=None)

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        pass  # the tables the rules sit on are dropped by the operations this one follows

    def describe(self) -> str:
        return "Guard tenancy and append-only tables, and keep data stamps, in the database"
