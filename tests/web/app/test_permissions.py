"""The permission matrix: every role × every write action × a record in the user's own
directorate, another directorate and another organisation, each allowed or refused as the rules
say; signed-out visitors change nothing."""

import pytest
from django.test import Client

from scorecard.web.collection.rounds import open_quarter
from scorecard.web.pages.quarters import quarters
from scorecard.web.plans import models, workflow
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.queries import reporting_quarter
from tests.web.app.queue import run_queue

ROLES = ["administrator", "officer", "approver", "owner", "viewer"]
RUNS = {"administrator", "officer"}
WHERE = ["own directorate", "other directorate", "other organisation"]
RECORD_ACTIONS = ["save", "submit", "approve", "send back"]


@pytest.fixture(scope="module")
def records(world, django_db_blocker):
    """Draft and submitted returns in Community (the owner's and approver's), People, and Elsewhere."""
    found = {}
    with django_db_blocker.unblock():
        officer = models.User.objects.get(username="officer")
        with models.within(world.harrow):
            open_quarter(world.harrow, reporting_quarter("harrow", "Q3 2018/19"), by=officer)
            for directorate, where in (("Community", "own directorate"), ("People", "other directorate")):
                drafts = models.Return.objects.filter(
                    period__label="Q3 2018/19", measure__directorate__name=directorate, measure__numerator_label=""
                ).order_by("pk")
                found[("draft", where)], submitted = drafts[0], drafts[1]
                saved = workflow.save_draft(submitted, {"actual": "5"}, expected_version=submitted.version, by=officer)
                found[("submitted", where)] = workflow.submit(saved, expected_version=saved.version, by=officer)
        with models.within(world.other):
            measure = models.Measure.objects.get(code=world.other_measure)
            period = stored_period(world.other, reporting_quarter("elsewhere", "Q3 2018/19"))
            for state in ("draft", "submitted"):
                extra = {"actual": "5", "submitted_at": "2018-12-01T00:00Z"} if state == "submitted" else {}
                found[(state, "other organisation")] = models.Return.objects.create(
                    organisation=world.other, measure=measure, period=period, state=state, **extra
                )
                period = stored_period(world.other, reporting_quarter("elsewhere", "Q4 2018/19"))
    return found


def allowed(role, action, where):
    if where == "other organisation":
        return False
    if action in ("save", "submit", "report progress"):
        return role in RUNS or (role == "owner" and where == "own directorate")
    return role in RUNS or (role == "approver" and where == "own directorate")


def _attempt(client, action, held):
    if action in ("save", "submit"):
        fields = {"actual": "7", "covers": "", "data_note": "", "commentary": "Fine", "version": held.version}
        return client.post(f"/returns/{held.pk}/", {**fields, action: "1"})
    decision = {"approve": "approve", "send back": "return"}[action]
    return client.post(
        f"/returns/{held.pk}/decision/", {"decision": decision, "comment": "Why?", "version": held.version}
    )


def _version(held):
    return models.Return.unscoped.get(pk=held.pk).version


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("action", RECORD_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_record_actions(signed_in, records, role, action, where):
    held = records[("draft" if action in ("save", "submit") else "submitted", where)]

    response = _attempt(signed_in(role), action, held)

    if allowed(role, action, where):
        assert response.status_code == 302
        assert _version(held) > held.version
    else:
        assert response.status_code == (404 if where == "other organisation" else 403)
        assert _version(held) == held.version


@pytest.mark.parametrize("role", ROLES)
def test_opening_a_quarter_and_publishing(signed_in, world, records, role):
    client = signed_in(role)
    with models.within(world.harrow):
        publications = models.Publication.objects.count()

    opened = client.post("/completion/open/", {"quarter": "Q4 2018/19", "due": "30/04/2019"})  # Q3 is open
    published = client.post("/publish/", {"period": "Q2 2018/19"})
    run_queue()

    with models.within(world.harrow):
        made = models.Publication.objects.count() - publications
        quarter_open = models.Return.objects.filter(period__label="Q4 2018/19").exists()
    if role in RUNS:
        assert (opened.status_code, published.status_code, made, quarter_open) == (302, 302, 1, True)
    else:
        assert (opened.status_code, published.status_code, made, quarter_open) == (404, 404, 0, False)


def test_another_organisations_officer_reaches_none_of_harrows_returns(signed_in, records):
    client = signed_in("elsewhere")
    for key in [("draft", "own directorate"), ("submitted", "own directorate")]:
        held = records[key]
        for action in RECORD_ACTIONS:
            assert _attempt(client, action, held).status_code == 404
            assert _version(held) == held.version


@pytest.mark.parametrize("url", ["/returns/{pk}/", "/returns/{pk}/decision/", "/completion/open/", "/publish/"])
def test_signed_out_visitors_change_nothing(records, url, db):
    held = records[("submitted", "own directorate")]

    response = Client().post(
        url.format(pk=held.pk),
        {"decision": "approve", "version": held.version, "quarter": "Q3 2018/19", "period": "Q2 2018/19"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _version(held) == held.version


ACTION_CODES = {"own directorate": "build-a1", "other directorate": "vulnerable-a1", "other organisation": "green-a1"}


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("role", ROLES)
def test_reporting_a_key_projects_progress(signed_in, world, role, where):
    def updates_logged():
        return models.Change.unscoped.filter(record_type="plans.actionupdate").count()

    before = updates_logged()
    with models.within(world.harrow):  # the version the form would carry: the latest quarter's update, if any
        seen = models.ActionUpdate.objects.filter(action__code=ACTION_CODES[where], period=quarters()[-1]).first()

    response = signed_in(role).post(
        f"/actions/{ACTION_CODES[where]}/progress/",
        {"progress": "Going well.", "status": "GREEN", "version": seen.version if seen else 0},
    )

    if allowed(role, "report progress", where):
        assert response.status_code == 302
        assert updates_logged() == before + 1
    else:
        assert response.status_code == (404 if where == "other organisation" else 403)
        assert updates_logged() == before
