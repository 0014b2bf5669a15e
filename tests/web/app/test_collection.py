"""Collection in the browser's words: an owner enters and submits, an approver returns and
approves, an officer opens a quarter and publishes; bad input writes nothing and names the field."""

import pytest
from django.utils.html import strip_tags

from scorecard.web.plans import models
from tests.web.app.dates import due
from tests.web.app.queue import run_queue

OPEN = "Q3 2018/19"


@pytest.fixture
def opened(signed_in, world):
    """Q3 2018/19 opened for collection by the officer; the owner's first draft return in it."""
    response = signed_in("officer").post("/completion/open/", {"quarter": OPEN, **due("31/01/2019")})
    assert response.status_code == 302
    with models.within(world.harrow):
        return (
            models.Return.objects.filter(
                period__label=OPEN, measure__directorate__name="Community", measure__numerator_label=""
            )
            .order_by("measure__order", "measure__code")
            .first()
        )


def _form(held, **fields):
    return {"actual": "", "covers": "", "data_note": "", "commentary": "", "version": held.version, **fields}


def _stored(world, held):
    with models.within(world.harrow):
        return models.Return.objects.get(pk=held.pk)


def test_opening_a_quarter_makes_a_draft_return_for_each_measure_due_once(signed_in, world, opened):
    with models.within(world.harrow):
        drafts = models.Return.objects.filter(period__start__gte=opened.period.start, state=models.ReturnState.DRAFT)
        made = drafts.count()

    signed_in("officer").post("/completion/open/", {"quarter": "Q4 2018/19", **due("30/04/2019")})

    assert made > 0
    with models.within(world.harrow):
        assert models.Return.objects.filter(period__label="Q4 2018/19").exists()
        assert drafts.filter(period__label=OPEN).count() == made


def test_a_quarter_other_than_the_next_cannot_be_opened(signed_in, world):
    response = signed_in("officer").post(
        "/completion/open/",
        {"quarter": "Q1 2025/26", **due("30/07/2025")},
        follow=True,
    )

    assert (
        "Quarter: only the latest quarter held (when it has no round yet) or the next one" in response.content.decode()
    )
    with models.within(world.harrow):
        assert not models.ReportingPeriod.objects.filter(label="Q1 2025/26").exists()


def test_an_approved_return_is_locked_against_entry(signed_in, world):
    with models.within(world.harrow):
        approved = models.Return.objects.filter(
            state=models.ReturnState.APPROVED, measure__directorate__name="Community"
        ).first()

    response = signed_in("owner").post(f"/returns/{approved.pk}/", _form(approved, actual="1", save="1"))

    assert "cannot be edited: it is approved" in response.content.decode()
    assert _stored(world, approved).actual == approved.actual


def test_an_owner_sees_the_returns_of_their_directorate_in_my_updates(signed_in, opened):
    page = signed_in("owner").get("/updates/").content.decode()

    assert opened.measure.name in page
    assert OPEN in page


def test_an_owner_saves_a_draft_then_submits_it(signed_in, world, opened):
    owner = signed_in("owner")

    saved = owner.post(f"/returns/{opened.pk}/", _form(opened, actual="42", commentary="On track", save="1"))
    assert saved.status_code == 302
    draft = _stored(world, opened)
    assert (draft.actual, draft.state) == ("42", models.ReturnState.DRAFT)

    submitted = owner.post(f"/returns/{opened.pk}/", _form(draft, actual="42", commentary="On track", submit="1"))
    assert submitted.status_code == 302
    assert _stored(world, opened).state == models.ReturnState.SUBMITTED


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"actual": "lots"}, "actual", "not a number"),
        ({"actual": "12", "covers": "sometime"}, "covers", "Months covered"),
        ({"actual": "12", "numerator": "5"}, "denominator", "Enter the denominator too"),
        ({"actual": "12", "numerator": "x", "denominator": "7"}, "numerator", "as numbers"),
        ({"actual": "12", "commentary": "x" * 10_000_001}, "commentary", "at most 10000"),
        ({"actual": "1" * 101}, "actual", "at most 100"),
    ],
    ids=["text in a number", "wrong months", "half a rate", "text in a rate", "10 MB of text", "too long"],
)
def test_bad_input_names_the_field_and_writes_nothing(signed_in, world, opened, fields, field, message):
    before = _stored(world, opened)
    with models.within(world.harrow):
        history = models.Change.objects.count()

    response = signed_in("owner").post(f"/returns/{opened.pk}/", _form(opened, save="1", **fields))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{field}"' in page
    assert message in page
    after = _stored(world, opened)
    assert (after.version, after.actual) == (before.version, before.actual)
    with models.within(world.harrow):
        assert models.Change.objects.count() == history


def test_an_empty_submission_is_refused_naming_the_actual(signed_in, world, opened):
    response = signed_in("owner").post(f"/returns/{opened.pk}/", _form(opened, submit="1"))

    assert 'href="#id_actual"' in response.content.decode()
    assert _stored(world, opened).state == models.ReturnState.DRAFT


def test_an_approver_returns_with_a_comment_and_approves_after_the_fix(signed_in, world, opened):
    owner, approver = signed_in("owner"), signed_in("approver")
    owner.post(f"/returns/{opened.pk}/", _form(opened, actual="42", commentary="On track", submit="1"))
    held = _stored(world, opened)
    assert opened.measure.name in approver.get("/approvals/").content.decode()

    refused = approver.post(
        f"/returns/{opened.pk}/decision/", {"decision": "return", "comment": "", "version": held.version}
    )
    assert _stored(world, opened).state == models.ReturnState.SUBMITTED
    assert "Comment" in approver.get(refused["Location"]).content.decode()

    approver.post(
        f"/returns/{opened.pk}/decision/", {"decision": "return", "comment": "Which months?", "version": held.version}
    )
    held = _stored(world, opened)
    assert (held.state, held.decision_comment) == (models.ReturnState.RETURNED, "Which months?")

    owner.post(
        f"/returns/{opened.pk}/", _form(held, actual="42", covers="Oct 18 - Dec 18", commentary="On track", submit="1")
    )
    held = _stored(world, opened)
    approver.post(f"/returns/{opened.pk}/decision/", {"decision": "approve", "comment": "", "version": held.version})
    assert _stored(world, opened).state == models.ReturnState.APPROVED


def test_two_people_edit_the_same_actual_the_second_sees_the_first_and_both_stay_in_history(signed_in, world, opened):
    first, second = signed_in("owner"), signed_in("officer")

    first.post(f"/returns/{opened.pk}/", _form(opened, actual="40", save="1"))
    conflict = second.post(f"/returns/{opened.pk}/", _form(opened, actual="55", save="1"))

    page = conflict.content.decode()
    assert conflict.status_code == 409
    assert "Someone else changed this return" in page
    assert "<strong>40</strong>" in page
    assert 'value="55"' in page  # the second person's entry is still in the form
    assert _stored(world, opened).actual == "40"
    with models.within(world.harrow):
        afters = [
            c.after.get("actual") for c in models.Change.objects.filter(record_type="plans.return", record_id=opened.pk)
        ]
    assert "40" in afters
    assert "55" in afters


def test_the_officer_publishes_a_quarter_on_the_queue_and_sees_it_done(signed_in, world):
    with models.within(world.harrow):
        before = models.Publication.objects.count()
    officer = signed_in("officer")

    checks = officer.post("/publish/", {"period": "Q2 2018/19"})  # two key challenges are long
    assert "Publish Q2 2018/19 anyway" in checks.content.decode()
    response = officer.post("/publish/", {"period": "Q2 2018/19", "anyway": "1"})
    waiting = officer.get(response["Location"]).content.decode()
    run_queue()

    assert "Waiting for the worker to start" in waiting
    progress = officer.get(response["Location"]).content.decode()
    assert "Published Q2 2018/19" in progress
    assert "the analytics annex (PDF)</a>" in progress
    with models.within(world.harrow):
        assert models.Publication.objects.count() == before + 1
        publication = models.Publication.objects.order_by("-pk").first()
        assert publication.pdf is not None
        assert publication.annex_pdf is not None
    assert signed_in("elsewhere").get(response["Location"]).status_code == 404
    assert officer.get("/publish/not-a-task/").status_code == 404


def test_a_decision_with_10_mb_of_comment_names_the_comment_and_writes_nothing(signed_in, world, opened):
    signed_in("owner").post(f"/returns/{opened.pk}/", _form(opened, actual="42", commentary="Fine", submit="1"))
    held = _stored(world, opened)

    response = signed_in("approver").post(
        f"/returns/{opened.pk}/decision/",
        {"decision": "return", "comment": "x" * 10_000_001, "version": held.version},
        follow=True,
    )

    assert "Comment: it is 10,000,001 characters long; shorten it to 5,000 or fewer" in response.content.decode()
    assert _stored(world, opened).version == held.version


@pytest.mark.parametrize("period", ["", "Q9 2018/19", "Q1 2030/31"], ids=["empty", "not a quarter", "future"])
def test_publishing_a_quarter_without_figures_names_the_quarter_and_publishes_nothing(signed_in, world, period):
    with models.within(world.harrow):
        before = models.Publication.objects.count()

    response = signed_in("officer").post("/publish/", {"period": period}, follow=True)

    assert "Quarter: choose a quarter that holds figures" in response.content.decode()
    with models.within(world.harrow):
        assert models.Publication.objects.count() == before


def test_signing_in_with_nothing_names_both_fields(world, db):
    from django.test import Client

    page = Client().post("/accounts/login/", {"username": "", "password": ""}).content.decode()

    assert 'href="#username"' in page
    assert 'id="username"' in page
    assert 'href="#password"' in page
    assert 'id="password"' in page


WORDS = "/themes/build/words/?period=Q2 2018/19"


def _words(world, theme="build", label="Q2 2018/19"):
    with models.within(world.harrow):
        return models.ThemeNarrative.objects.get(theme__key=theme, period__label=label)


def test_the_officer_rewrites_a_themes_words_and_an_approver_approves_them(signed_in, world):
    officer, approver, viewer = signed_in("officer"), signed_in("approver"), signed_in("viewer")
    before = officer.get(WORDS).content.decode()
    assert "Number of households with children/pregnant women in Bed" in before  # build-16 is red, unexplained
    loaded = _words(world)
    assert loaded.state == models.ReturnState.APPROVED  # the demo's words arrive approved

    officer.post(WORDS, {"part": "return", "comment": "Rewrite for Q2", "version": loaded.version})
    returned = _words(world)
    officer.post(
        WORDS,
        {"part": "achievements", "achievements": "More homes built.\n\nParks reopened.", "version": returned.version},
    )
    officer.post(
        WORDS,
        {
            "part": "challenge",
            "heading": "Bed and breakfast use",
            "text": "A new scheme starts in May.",
            "measure": "build-16",
        },
    )
    drafted = _words(world)
    unapproved = viewer.get("/themes/build/?period=Q2 2018/19").content.decode()
    officer.post(WORDS, {"part": "submit", "version": drafted.version})
    approver.post(WORDS, {"part": "approve", "comment": "", "version": drafted.version + 1})

    narrative = _words(world)
    with models.within(world.harrow):
        challenge = narrative.challenges.order_by("-order").first()
        kinds = list(
            models.Change.objects.filter(record_type="plans.themenarrative", record_id=narrative.pk)
            .order_by("pk")
            .values_list("kind", flat=True)
        )
    assert (returned.state, narrative.state) == (models.ReturnState.RETURNED, models.ReturnState.APPROVED)
    assert narrative.achievements == ["More homes built.", "Parks reopened."]
    assert (challenge.heading, challenge.paragraphs, challenge.measure.code) == (
        "Bed and breakfast use",
        ["A new scheme starts in May."],
        "build-16",
    )
    assert kinds == ["created", "returned", "changed", "submitted", "approved"]
    assert "Parks reopened." not in unapproved  # words not approved are left out
    theme = viewer.get("/themes/build/?period=Q2 2018/19").content.decode()
    assert "Parks reopened." in theme
    assert "Bed and breakfast use" in theme


def test_approved_words_are_not_edited_until_returned(signed_in, world):
    loaded = _words(world)

    page = (
        signed_in("officer")
        .post(WORDS, {"part": "achievements", "achievements": "Sneaked in", "version": loaded.version})
        .content.decode()
    )

    assert "cannot be edited: it is approved" in page
    assert _words(world).achievements == loaded.achievements


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"part": "challenge", "heading": "", "text": "Words", "measure": ""}, "heading"),
        ({"part": "challenge", "heading": "H", "text": "", "measure": ""}, "text"),
        ({"part": "challenge", "heading": "H", "text": "Words", "measure": "green-1"}, "measure"),
        ({"part": "achievements", "achievements": "x" * 10_000_001, "version": 1}, "achievements"),
    ],
    ids=["no heading", "no text", "another theme's measure", "10 MB of text"],
)
def test_bad_words_name_the_field_and_write_nothing(signed_in, world, fields, field):
    with models.within(world.harrow):
        before = (models.KeyChallenge.objects.count(), models.Change.objects.count())

    page = signed_in("officer").post(WORDS, fields).content.decode()

    assert f'href="#id_{field}"' in page
    with models.within(world.harrow):
        assert (models.KeyChallenge.objects.count(), models.Change.objects.count()) == before


@pytest.mark.parametrize(("role", "status"), [("approver", 403), ("owner", 403), ("viewer", 403), ("elsewhere", 404)])
def test_only_officers_and_theme_leads_write_the_reports_words(signed_in, world, role, status):
    response = signed_in(role).post(WORDS, {"part": "achievements", "achievements": "Mine now", "version": 1})

    assert response.status_code == status
    with models.within(world.harrow):
        assert all("Mine now" not in n.achievements for n in models.ThemeNarrative.objects.all())


def _progress(version, **fields):
    return {"progress": "Work started.\n\nSite cleared.", "status": "AMBER", "version": version, **fields}


def test_an_owner_reports_a_key_projects_progress_and_a_stale_save_is_shown(signed_in, world):
    owner, officer = signed_in("owner"), signed_in("officer")
    assert "/actions/build-a1/progress/" in owner.get("/updates/").content.decode()
    with models.within(world.harrow):
        version = models.ActionUpdate.objects.get(action__code="build-a1", period__label="Q2 2018/19").version

    saved = owner.post("/actions/build-a1/progress/", _progress(version))
    stale = officer.post("/actions/build-a1/progress/", _progress(version, status="RED"))

    assert saved.status_code == 302
    assert stale.status_code == 409
    assert "Someone else changed this update" in stale.content.decode()
    with models.within(world.harrow):
        update = models.ActionUpdate.objects.get(action__code="build-a1", period__label="Q2 2018/19")
        kinds = list(
            models.Change.objects.filter(record_type="plans.actionupdate", record_id=update.pk).values_list(
                "kind", flat=True
            )
        )
    assert (update.progress, update.status) == (["Work started.", "Site cleared."], "AMBER")
    assert kinds[-2:] == ["changed", "refused"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"progress": ""}, "progress"), ({"status": "PURPLE"}, "status"), ({"progress": "x" * 10_000_001}, "progress")],
    ids=["empty", "no such status", "10 MB of text"],
)
def test_bad_progress_names_the_field_and_writes_nothing(signed_in, world, fields, field):
    with models.within(world.harrow):
        before = models.Change.objects.count()

    page = signed_in("owner").post("/actions/build-a1/progress/", _progress(1, **fields)).content.decode()

    assert f'href="#id_{field}"' in page
    with models.within(world.harrow):
        assert models.Change.objects.count() == before


@pytest.mark.parametrize(
    ("role", "code", "status"),
    [("owner", "vulnerable-a1", 403), ("viewer", "build-a1", 403), ("elsewhere", "build-a1", 404)],
)
def test_only_an_actions_owners_report_its_progress(signed_in, role, code, status):
    assert signed_in(role).post(f"/actions/{code}/progress/", _progress(1)).status_code == status


def test_the_publish_page_lists_the_commentary_checks_with_a_link_to_each_return(signed_in, world):
    with models.within(world.harrow):
        before = models.Publication.objects.count()
        returns = {
            held.measure.code: held.pk
            for held in models.Return.objects.filter(
                period__label="Q2 2018/19", measure__code__in=["business-21", "vulnerable-11"]
            ).select_related("measure")
        }

    page = signed_in("officer").post("/publish/", {"period": "Q2 2018/19"}).content.decode()

    body = page.split("<tbody")[1].split("</tbody>")[0]
    rows = [" ".join(strip_tags(row).split()) for row in body.split('<tr class="govuk-table__row">')[1:]]
    assert rows == [
        "Workforce with up-to-date appraisal: open the return to fix it (business-21) Too long "
        "The key challenge is 121 words long Shorten it to 120 words or fewer",
        "Domestic abuse offences (rolling 12 months): open the return to fix it (vulnerable-11) Too long "
        "The key challenge is 128 words long Shorten it to 120 words or fewer",
    ]
    assert f'href="/returns/{returns["business-21"]}/"' in page
    assert f'href="/returns/{returns["vulnerable-11"]}/"' in page
    with models.within(world.harrow):
        assert models.Publication.objects.count() == before  # nothing queued until the officer says so
