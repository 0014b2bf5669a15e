"""Each organisation sees only its own rows, and the database itself refuses a row that points at
another organisation's: raw SQL and bulk_create never pass through `clean()`."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from scorecard.core.periods import Month, parse_quarter
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.guards import links
from scorecard.web.plans.loader import load_demo
from scorecard.web.plans.models import Measure, NoOrganisationError, Organisation, ReportingPeriod, Theme, within
from scorecard.web.plans.queries import quarter_report
from tests.web.council import Council, make_council
from tests.web.database_rules import on_postgresql, refused_by_database

CROSSING = r"same_org_|another organisation"  # PostgreSQL's constraint names, SQLite's trigger messages
Guarded = tuple[str, str, str]  # child table, its column, the parent table


@pytest.fixture
def north(db: None) -> Council:
    return make_council("north")


@pytest.fixture
def south(db: None) -> Council:
    return make_council("south")


def move_measure(measure: Measure, theme: Theme) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE plans_measure SET theme_id = %s WHERE id = %s", [theme.pk, measure.pk])


def add_theme(council: Council, organisation: Organisation, key: str) -> None:
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            'INSERT INTO plans_theme (organisation_id, plan_id, key, "order", name, heading, scorecard_title, '
            "created_at, updated_at) VALUES (%s, %s, %s, 2, 'Theme', '', '', %s, %s)",
            [organisation.pk, council.plan.pk, key, now, now],
        )


def measure_on(theme: Theme, organisation: Organisation, code: str) -> Measure:
    return Measure(organisation=organisation, theme=theme, code=code, ref="9", name="Crossing", polarity="higher")


def test_raw_sql_moving_a_measure_onto_another_organisations_theme_is_refused(north, south):
    with refused_by_database(CROSSING):
        move_measure(north.measure, south.theme)

    second = Theme.unscoped.create(organisation=north.organisation, plan=north.plan, key="care", order=2, name="Care")
    move_measure(north.measure, second)  # the same statement within the organisation is allowed
    assert Measure.unscoped.get(pk=north.measure.pk).theme_id == second.pk


def test_raw_sql_inserting_a_theme_into_another_organisations_plan_is_refused(north, south):
    with refused_by_database(CROSSING):
        add_theme(north, south.organisation, "stolen")

    add_theme(north, north.organisation, "care")
    assert Theme.unscoped.filter(plan=north.plan, key="care").exists()


def test_bulk_create_of_a_measure_on_another_organisations_theme_is_refused(north, south):
    with refused_by_database(CROSSING):
        Measure.unscoped.bulk_create([measure_on(north.theme, south.organisation, "build-9")])

    Measure.unscoped.bulk_create([measure_on(north.theme, north.organisation, "build-9")])
    assert Measure.unscoped.filter(organisation=north.organisation, code="build-9").exists()


def test_changing_a_rows_organisation_away_from_its_parents_is_refused(north, south):
    with refused_by_database(CROSSING), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_measure SET organisation_id = %s, code = 'build-77' WHERE id = %s",
            [south.organisation.pk, north.measure.pk],
        )


def move_period(period: ReportingPeriod, organisation: Organisation) -> None:
    with connection.cursor() as cursor:  # to a quarter the other organisation has not got yet
        cursor.execute(
            "UPDATE plans_reportingperiod SET organisation_id = %s, label = 'Q2 2030/31', start = '2030-07-01', "
            "\"end\" = '2030-09-30' WHERE id = %s",
            [organisation.pk, period.pk],
        )


def test_moving_a_parent_to_another_organisation_from_under_its_children_is_refused(north, south):
    with refused_by_database(CROSSING):
        move_period(north.quarter, south.organisation)  # the return still points at it

    unused = stored_period(north.organisation, Month(2030, 1))
    move_period(unused, south.organisation)
    assert ReportingPeriod.unscoped.get(pk=unused.pk).organisation_id == south.organisation.pk


@pytest.mark.skipif(
    not on_postgresql(), reason="the deferred constraint is PostgreSQL's; SQLite's triggers are immediate"
)
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_deferred_check_refuses_the_commit():
    north, south = make_council("north"), make_council("south")

    with refused_by_database(CROSSING):  # no check before the end: the commit itself refuses
        move_measure(north.measure, south.theme)

    assert Measure.unscoped.get(pk=north.measure.pk).theme_id == north.theme.pk


def _is_tenant(model: type[Model]) -> bool:
    field = next((f for f in model._meta.concrete_fields if f.name == "organisation"), None)
    return field is not None and field.related_model is Organisation


def _expected_from_the_models() -> set[Guarded]:
    """Every reference from a tenant row (or an organisation) to a tenant row, read from the
    model metadata of every installed app, one-to-one fields included."""
    expected = set()
    for model in apps.get_models():
        if not (_is_tenant(model) or model is Organisation):
            continue
        for field in model._meta.concrete_fields:
            parent = field.related_model
            if field.is_relation and field.name != "organisation" and _is_tenant(parent):
                expected.add((model._meta.db_table, field.column, parent._meta.db_table))
    return expected


def _sqlite_guards() -> set[Guarded]:
    """References with triggers refusing another organisation's parent when the child is added or
    changed, and refusing to move the parent to another organisation from under the child."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = cursor.fetchall()
    found = set()
    for child, column, parent in _expected_from_the_models() | _from_guards():
        checks = [
            sql for table, sql in triggers if table == child and f'NEW."{column}"' in sql and f'"{parent}"' in sql
        ]
        moves = [
            sql for table, sql in triggers if table == parent and f'FROM "{child}" WHERE "{column}" = OLD.id' in sql
        ]
        if any("BEFORE INSERT" in sql for sql in checks) and any("BEFORE UPDATE OF" in sql for sql in checks) and moves:
            found.add((child, column, parent))
    return found


def _postgresql_guards() -> set[Guarded]:
    """Composite foreign keys (organisation, parent) → parent (organisation_id, id)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.confrelid::regclass::text,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                   ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)
            FROM pg_constraint c WHERE c.contype = 'f'
            """
        )
        keys = cursor.fetchall()
    return {
        (child, columns[1], parent)
        for child, parent, columns, referenced in keys
        if len(columns) == 2 and columns[0] in {"organisation_id", "id"} and referenced == ["organisation_id", "id"]
    }


def _from_guards() -> set[Guarded]:
    return {(link.child, link.column, link.parent) for link in links(apps)}


@pytest.mark.django_db
def test_every_reference_between_tenant_rows_has_its_guard_in_the_database():
    expected = _expected_from_the_models()
    installed = _postgresql_guards() if on_postgresql() else _sqlite_guards()

    assert {  # the metadata is read as meant
        ("plans_measure", "theme_id", "plans_theme"),
        ("plans_return", "override_band_id", "plans_schemeband"),
        ("plans_organisation", "default_scheme_id", "plans_scheme"),
    } <= expected
    assert _from_guards() == expected
    assert expected - installed == set()


@pytest.mark.django_db
def test_a_scoped_query_outside_an_organisation_is_refused():
    with pytest.raises(NoOrganisationError, match="within"):
        list(Measure.objects.all())


def test_within_one_organisation_the_others_rows_are_never_seen(north, south):
    for own, other in ((north, south), (south, north)):
        with within(own.organisation):
            assert set(Measure.objects.values_list("pk", flat=True)) == {own.measure.pk}
            assert not Measure.objects.filter(pk=other.measure.pk).exists()
            assert Theme.objects.get() == own.theme


@pytest.mark.django_db
def test_another_organisations_measure_cannot_be_put_on_harrows_theme_and_harrows_report_is_unchanged():
    load_demo()
    q2 = parse_quarter("Q2 2018/19")
    before = quarter_report(q2, slug="harrow")
    other = make_council("pinner")
    harrow = Organisation.objects.get(slug="harrow")
    harrows_theme = Theme.unscoped.filter(organisation=harrow).first()

    with refused_by_database(CROSSING):
        Measure.unscoped.create(
            organisation=other.organisation,
            theme=harrows_theme,
            code="build-99",
            ref="99",
            name="Not Harrow's",
            polarity="higher",
        )
    with refused_by_database(CROSSING):
        move_measure(other.measure, harrows_theme)

    assert quarter_report(q2, slug="harrow") == before
    assert "build-99" not in {measure.code for theme in before.themes for measure in theme.measures}
