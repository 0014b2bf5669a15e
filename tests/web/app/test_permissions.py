"""The permission matrix: every role × every write action × a record in the user's own
directorate, another directorate and another organisation, each allowed or refused as the rules
say; signed-out visitors change nothing."""

import datetime

import pytest
from django.test import Client

from scorecard.web.collection.rounds import open_quarter, open_round, sign_off
from scorecard.web.pages.quarters import quarters
from scorecard.web.plans import changes, models, workflow
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.queries import reporting_quarter
from tests.web.app.dates import due
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

    opened = client.post("/completion/open/", {"quarter": "Q4 2018/19", **due("30/04/2019")})  # Q3 is open
    published = client.post("/publish/", {"period": "Q2 2018/19", "anyway": "1"})  # past the commentary checks
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


@pytest.mark.parametrize(
    "url",
    [
        "/returns/{pk}/",
        "/returns/{pk}/decision/",
        "/completion/open/",
        "/publish/",
        "/plan/returns/{pk}/status/",
        "/plan/measures/build-1/",
        "/plan/measures/build-1/targets/",
        "/plan/schemes/five-band/",
    ],
)
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


PLAN_ACTIONS = ["edit a measure", "set a target", "override a status"]


def _plan_attempt(client, action, held):
    """The officer's write on the plan, aimed at the return's measure (or the return itself)."""
    measure = models.Measure.unscoped.get(pk=held.measure_id)
    if action == "edit a measure":
        fields = {
            "name": "Renamed",
            "polarity": measure.polarity,
            "frequency": measure.frequency,
            "lag_months": measure.lag_months,
        }
        return client.post(f"/plan/measures/{measure.code}/", {**fields, "version": measure.version})
    if action == "set a target":
        target = {"period": "Q3 2018/19", "target": "5", "version": "0", "previewed": "Q3 2018/19|5"}
        return client.post(f"/plan/measures/{measure.code}/targets/", target)
    return client.post(f"/plan/returns/{held.pk}/status/", {"band": "A", "reason": "Why", "version": held.version})


def _plan_written(held):
    measure = models.Measure.unscoped.get(pk=held.measure_id)
    return (
        measure.version,
        models.Target.unscoped.filter(measure=measure, period__label="Q3 2018/19").exists(),
        models.Return.unscoped.get(pk=held.pk).version,
    )


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("action", PLAN_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_editing_the_plan(signed_in, records, role, action, where):
    held = records[("draft", where)]
    before = _plan_written(held)

    response = _plan_attempt(signed_in(role), action, held)

    if role in RUNS and where != "other organisation":
        assert response.status_code == 302
        assert _plan_written(held) != before
    else:
        assert response.status_code == 404
        assert _plan_written(held) == before


def _five_band_versions(organisation):
    return list(
        models.SchemeVersion.unscoped.filter(organisation=organisation, scheme__name="five-band").order_by("version")
    )


@pytest.mark.parametrize("role", [*ROLES, "elsewhere"])
def test_adopting_changed_rules(signed_in, world, role):
    harrow, elsewhere = _five_band_versions(world.harrow), _five_band_versions(world.other)
    proposal = harrow[-1].definition.replace("min = 0.05", "min = 0.10")

    response = signed_in(role).post(
        "/plan/schemes/five-band/",
        {"definition": proposal, "reason": "Wider", "based_on": harrow[-1].version, "adopt": "1"},
    )

    added = (
        len(_five_band_versions(world.harrow)) - len(harrow),
        len(_five_band_versions(world.other)) - len(elsewhere),
    )
    if role in RUNS:
        assert (response.status_code, added) == (302, (1, 0))
    elif role == "elsewhere":  # an officer of another council changes only their own council's rules
        assert (response.status_code, added) == (302, (0, 1))
    else:
        assert (response.status_code, added) == (404, (0, 0))


# The collection round's steps: officers and administrators only, within their own organisation.
THEMES = {"own directorate": "build", "other directorate": "vulnerable", "other organisation": "green"}
WORD_ACTIONS = ["write", "submit", "approve"]


def words_allowed(role, action, where):
    if where == "other organisation":
        return False
    return role in RUNS or (action == "approve" and role == "approver")


@pytest.fixture(scope="module")
def theme_words(world, records, django_db_blocker):
    """For each theme: its words in Q3 2018/19 as a draft, and in another quarter submitted."""
    found = {}
    with django_db_blocker.unblock():
        officer = models.User.objects.get(username="officer")
        for where, key in THEMES.items():
            organisation = world.other if where == "other organisation" else world.harrow
            with models.within(organisation):
                theme = models.Theme.objects.get(key=key)
                draft_in, submitted_in = (
                    ("Q3 2018/19", "Q4 2018/19") if key == "green" else ("Q3 2018/19", "Q2 2018/19")
                )
                periods = {
                    p.label: p for p in models.ReportingPeriod.objects.filter(label__in=[draft_in, submitted_in])
                }
                made = {"organisation": organisation, "theme": theme}
                draft = changes.create(
                    models.ThemeNarrative, {**made, "period": periods[draft_in], "achievements": ["Draft."]}, by=None
                )
                held = models.ThemeNarrative.objects.filter(theme=theme, period=periods[submitted_in]).first()
                if held is None:
                    held = changes.create(
                        models.ThemeNarrative,
                        {**made, "period": periods[submitted_in], "achievements": ["A."]},
                        by=None,
                    )
                else:  # the demo's approved words, returned to be submitted again
                    held = workflow.send_back(held, "Again", expected_version=held.version, by=officer)
                found[("draft", where)] = (draft, draft_in)
                found[("submitted", where)] = (
                    workflow.submit(held, expected_version=held.version, by=officer),
                    submitted_in,
                )
    return found


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("action", WORD_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_the_reports_words(signed_in, theme_words, role, action, where):
    held, period = theme_words[("submitted" if action == "approve" else "draft", where)]
    fields = {
        "write": {"part": "achievements", "achievements": "Mine.", "version": held.version},
        "submit": {"part": "submit", "version": held.version},
        "approve": {"part": "approve", "comment": "", "version": held.version},
    }[action]

    response = signed_in(role).post(f"/themes/{THEMES[where]}/words/?period={period}", fields)

    stored = models.ThemeNarrative.unscoped.get(pk=held.pk)
    if words_allowed(role, action, where):
        assert (response.status_code, stored.version) == (302, held.version + 1)
    else:
        assert (response.status_code, stored.version) == (404 if where == "other organisation" else 403, held.version)


@pytest.fixture
def harrow_rounds(world, records):
    """Rounds for Q2 2018/19 (every return approved, so it can be signed off) and Q3 (drafts to remind of)."""
    officer = models.User.objects.get(username="officer")
    with models.within(world.harrow):
        return {
            label: open_round(world.harrow, reporting_quarter("harrow", label), datetime.date(2019, 1, 31), by=officer)[
                0
            ]
            for label in ("Q2 2018/19", "Q3 2018/19")
        }


ROUND_STEPS = ["sign off", "reopen", "remind own directorate", "remind other directorate"]


@pytest.mark.parametrize("step", ROUND_STEPS)
@pytest.mark.parametrize("role", [*ROLES, "elsewhere"])
def test_the_rounds_steps(signed_in, world, harrow_rounds, role, step):
    officer = models.User.objects.get(username="officer")
    models.User.objects.filter(username="owner").update(email="owner@harrow.example")
    held = harrow_rounds["Q3 2018/19" if step.startswith("remind") else "Q2 2018/19"]
    with models.within(world.harrow):
        if step == "reopen":
            held = sign_off(held, expected_version=held.version, by=officer)
        directorate = models.Directorate.objects.get(name="People" if "other" in step else "Community")
    url, fields = {
        "sign off": ("/completion/sign-off/", {}),
        "reopen": ("/completion/reopen/", {"reason": "A correction"}),
        "remind own directorate": ("/completion/remind/", {"directorate": directorate.pk}),
        "remind other directorate": ("/completion/remind/", {"directorate": directorate.pk}),
    }[step]

    response = signed_in(role).post(url, {"period": held.period.label, "version": held.version, **fields})

    with models.within(world.harrow):
        after = models.CollectionRound.objects.get(pk=held.pk)
        reminded = models.Reminder.objects.count()
    changed = after.version > held.version or reminded > 0
    if role in RUNS:
        # People's outstanding updates have no owner with an address: refused with a message, not by the rule.
        assert (response.status_code, changed) == (302, step != "remind other directorate")
    else:
        assert (response.status_code, changed) == (302 if role == "elsewhere" else 404, False)
