"""An officer may publish a band other than the computed one only if it is a band of the
measure's scheme as it now stands, and only with a reason; who and when are kept."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.utils import timezone

from scorecard.web.plans import changes
from scorecard.web.plans.models import Change, ChangeKind, Measure, Return, Scheme, SchemeBand
from scorecard.web.plans.schemes import add_version
from scorecard.web.plans.workflow import EntryError, WorkflowError, approve, override_status, save_draft, submit
from tests.web.council import FOUR_BAND_TOML, Council, make_council
from tests.web.database_rules import refused_by_database

FIVE_BANDS = "HG (High Green), LG (Low Green), A (Amber), LR (Low Red), HR (High Red)"


@pytest.fixture
def council(db: None) -> Council:
    return make_council("pinner")


def scheme(council: Council, name: str) -> Scheme:
    return Scheme.unscoped.get(organisation=council.organisation, name=name)


def judged_by(council: Council, name: str) -> None:
    changes.change(council.measure, {"scheme": scheme(council, name)}, expected_version=1, by=None)


def override(council: Council, code: str, reason: str = "The data were revised after the deadline.") -> Return:
    return override_status(council.return_, code, reason, expected_version=1, by=council.approver)


def unchanged(council: Council) -> None:
    stored = Return.unscoped.get(pk=council.return_.pk)
    assert (stored.version, stored.override_band, stored.override_reason, stored.override_by) == (1, None, "", None)


def test_an_override_names_a_band_of_the_current_version_and_keeps_who_when_and_why(council):
    started = timezone.now()

    overridden = override(council, "A")

    band = overridden.override_band
    assert (band.code, band.scheme_version.scheme.name, band.scheme_version.version) == ("A", "five-band", 1)
    assert overridden.override_reason == "The data were revised after the deadline."
    assert overridden.override_by == council.approver
    assert started <= overridden.override_at <= timezone.now()
    kept = Change.unscoped.filter(record_type="plans.return", record_id=overridden.pk).latest("pk")
    assert (kept.kind, kept.made_by, kept.comment) == (
        ChangeKind.OVERRIDDEN,
        council.approver,
        "The data were revised after the deadline.",
    )
    assert (kept.before["override_band_id"], kept.after["override_band_id"]) == (None, band.pk)


def test_purple_is_no_band_and_the_refusal_lists_the_schemes_bands(council):
    listed = f"code: 'PURPLE' is not a band of five-band v1; name one of its bands: {FIVE_BANDS}"
    with pytest.raises(EntryError, match=re.escape(listed)):
        override(council, "PURPLE")

    unchanged(council)


def test_a_band_of_another_scheme_is_refused(council):
    with pytest.raises(EntryError, match="'G' is not a band of five-band v1") as refused:
        override(council, "G")  # a three-band code

    assert refused.value.field == "code"
    unchanged(council)


def test_the_measures_own_scheme_is_the_one_that_counts(council):
    judged_by(council, "three-band")

    with pytest.raises(EntryError, match="'HG' is not a band of three-band v1"):
        override(council, "HG")
    overridden = override(council, "G")

    assert overridden.override_band.scheme_version.scheme.name == "three-band"


def test_a_measure_naming_no_scheme_is_judged_by_the_organisations_default(council):
    council.organisation.default_scheme = scheme(council, "three-band")
    council.organisation.save()
    measure = Measure.unscoped.get(pk=council.measure.pk)
    assert measure.scheme is None

    assert override(council, "R").override_band.scheme_version.scheme.name == "three-band"


def test_only_the_current_version_of_the_scheme_counts(council):
    latest = add_version(scheme(council, "five-band"), FOUR_BAND_TOML, by=council.approver, reason="Reds merged")

    with pytest.raises(EntryError, match="'LR' is not a band of five-band v2"):
        override(council, "LR")
    overridden = override(council, "R")

    assert overridden.override_band.scheme_version == latest


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_an_override_needs_its_reason(council, reason):
    with pytest.raises(EntryError, match="say why the published band differs") as refused:
        override(council, "A", reason)

    assert refused.value.field == "reason"
    unchanged(council)


def test_the_database_refuses_an_override_without_a_reason(council):
    band = SchemeBand.unscoped.filter(organisation=council.organisation, code="A").first()
    statement = "UPDATE plans_return SET override_band_id = %s, override_reason = %s WHERE id = %s"

    with refused_by_database("plans_return_override_has_reason"), connection.cursor() as cursor:
        cursor.execute(statement, [band.pk, "", council.return_.pk])

    with connection.cursor() as cursor:  # the same statement with a reason is accepted
        cursor.execute(statement, [band.pk, "Revised.", council.return_.pk])
    assert Return.unscoped.get(pk=council.return_.pk).override_band == band


def test_an_approved_return_is_not_overridden_until_it_is_reopened(council):
    drafted = save_draft(council.return_, {"actual": "71.4%"}, expected_version=1, by=council.owner)
    submitted = submit(drafted, expected_version=2, by=council.owner)
    approve(submitted, expected_version=3, by=council.approver)

    with pytest.raises(WorkflowError, match="cannot be overridden: it is approved"):
        override_status(council.return_, "A", "Revised.", expected_version=4, by=council.approver)

    assert Return.unscoped.get(pk=council.return_.pk).override_band is None
