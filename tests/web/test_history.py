"""Every change to a target, return, action update, measure and scheme is kept with who, when,
before and after; the history is never changed or deleted, nor is anything that has one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from scorecard.core.plan import ActionStatus
from scorecard.core.schemes import BUILT_IN_TOML
from scorecard.web.plans import changes
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    Change,
    ChangeKind,
    HistoryKeptError,
    Measure,
    Return,
    Scheme,
    SchemeBand,
    SchemeVersion,
    StoredStatus,
    Target,
)
from scorecard.web.plans.schemes import add_version
from scorecard.web.plans.workflow import save_draft, set_target
from tests.web.council import FOUR_BAND_TOML, Council, make_council
from tests.web.database_rules import refused_by_database

APPEND_ONLY = "append-only"


@pytest.fixture
def council(db: None) -> Council:
    return make_council("pinner")


def history(record: Model) -> list[Change]:
    return list(Change.unscoped.filter(record_type=record._meta.label_lower, record_id=record.pk).order_by("pk"))


def change_target(council: Council) -> tuple[Model, str, object, object]:
    target = set_target(council.measure, council.quarter, "76%", expected_version=None, by=council.owner)
    set_target(council.measure, council.quarter, "80%", expected_version=target.version, by=council.approver)
    return target, "printed", "76%", "80%"


def change_return(council: Council) -> tuple[Model, str, object, object]:
    save_draft(council.return_, {"actual": "71.4%"}, expected_version=1, by=council.approver)
    return council.return_, "actual", "", "71.4%"


def change_action_update(council: Council) -> tuple[Model, str, object, object]:
    own = {"organisation": council.organisation}
    action = changes.create(Action, {**own, "theme": council.theme, "code": "build-a1", "title": "Build"}, by=None)
    update = changes.create(
        ActionUpdate, {**own, "action": action, "period": council.quarter, "status": ActionStatus.GREEN}, by=None
    )
    changes.change(update, {"status": ActionStatus.AMBER}, expected_version=1, by=council.approver)
    return update, "status", "GREEN", "AMBER"


def change_measure(council: Council) -> tuple[Model, str, object, object]:
    changes.change(council.measure, {"polarity": "lower"}, expected_version=1, by=council.approver)
    return council.measure, "polarity", "higher", "lower"


def change_scheme(council: Council) -> tuple[Model, str, object, object]:
    scheme = Scheme.unscoped.get(organisation=council.organisation, name="five-band")
    version = add_version(scheme, FOUR_BAND_TOML, by=council.approver, reason="Low and high red merged")
    return version, "definition", None, FOUR_BAND_TOML


@pytest.mark.parametrize(
    "make_change", [change_target, change_return, change_action_update, change_measure, change_scheme]
)
def test_every_change_is_kept_with_who_when_before_and_after(council, make_change: Callable[..., tuple]):
    started = timezone.now()

    record, field, was, now = make_change(council)

    last = history(record)[-1]
    assert last.made_by == council.approver
    assert started <= last.created_at <= timezone.now()
    assert (last.before[field] if last.before else None, last.after[field]) == (was, now)
    assert last.organisation_id == council.organisation.pk


def test_a_scheme_change_is_a_new_version_whose_bands_are_its_own(council):
    scheme = Scheme.unscoped.get(organisation=council.organisation, name="five-band")

    version = add_version(scheme, FOUR_BAND_TOML, by=council.approver, reason="Low and high red merged")

    assert version.version == 2
    assert [band.code for band in SchemeBand.unscoped.filter(scheme_version=version)] == ["HG", "LG", "A", "R"]
    first = SchemeVersion.unscoped.get(scheme=scheme, version=1)
    assert first.definition == BUILT_IN_TOML["five-band"]
    assert history(version)[0].kind == ChangeKind.CREATED


def test_history_rows_cannot_be_changed_or_deleted_through_the_orm(council):
    kept = history(council.return_)[0]

    kept.comment = "rewritten"
    with pytest.raises(HistoryKeptError):
        kept.save()
    with pytest.raises(HistoryKeptError):
        kept.delete()
    with refused_by_database(APPEND_ONLY):
        Change.unscoped.filter(pk=kept.pk).update(comment="rewritten")
    with refused_by_database(APPEND_ONLY):
        Change.unscoped.filter(pk=kept.pk).delete()

    assert Change.unscoped.get(pk=kept.pk).comment == ""


@pytest.mark.parametrize(
    "statement",
    ["UPDATE plans_change SET comment = 'rewritten' WHERE id = %s", "DELETE FROM plans_change WHERE id = %s"],
)
def test_history_rows_cannot_be_changed_or_deleted_with_raw_sql(council, statement):
    kept = history(council.return_)[0]

    with refused_by_database(APPEND_ONLY), connection.cursor() as cursor:
        cursor.execute(statement, [kept.pk])

    assert Change.unscoped.get(pk=kept.pk).comment == ""


def childless(council: Council) -> dict[type[Model], Model]:
    """A record of each kind with history, none of them referred to by another row."""
    update, *_ = change_action_update(council)
    target, *_ = change_target(council)
    StoredStatus.unscoped.filter(measure_return=council.return_).delete()  # derived, so deletable
    own = {"organisation": council.organisation, "theme": council.theme}
    return {
        Measure: changes.create(
            Measure, {**own, "code": "build-2", "ref": "2", "name": "Homes", "polarity": "higher"}, by=None
        ),
        Action: changes.create(Action, {**own, "code": "build-a2", "title": "Plan"}, by=None),
        Target: target,
        Return: council.return_,
        ActionUpdate: update,
    }


@pytest.mark.parametrize("kind", [Measure, Action, Target, Return, ActionUpdate])
def test_a_record_with_history_is_never_deleted_one_by_one_or_by_a_query(council, kind):
    record = childless(council)[kind]

    with pytest.raises(HistoryKeptError, match="retire it instead"):
        record.delete()
    with pytest.raises(HistoryKeptError, match="retire it instead"), transaction.atomic():
        kind.unscoped.filter(pk=record.pk).delete()

    assert kind.unscoped.filter(pk=record.pk).exists()


def test_deleting_a_theme_with_raw_sql_is_refused_while_its_measures_exist(council):
    with refused_by_database("foreign key"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM plans_theme WHERE id = %s", [council.theme.pk])

    assert Measure.unscoped.get(pk=council.measure.pk).theme_id == council.theme.pk


def test_a_scheme_versions_definition_is_never_changed_in_place(council):
    version = SchemeVersion.unscoped.get(organisation=council.organisation, scheme__name="five-band")
    band = SchemeBand.unscoped.filter(scheme_version=version).first()

    version.definition = FOUR_BAND_TOML
    with refused_by_database(APPEND_ONLY):
        version.save()
    with refused_by_database(APPEND_ONLY), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_schemeversion SET definition = '' WHERE id = %s", [version.pk])
    with refused_by_database(APPEND_ONLY), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_schemeband SET code = 'PURPLE' WHERE id = %s", [band.pk])

    assert SchemeVersion.unscoped.get(pk=version.pk).definition == BUILT_IN_TOML["five-band"]
