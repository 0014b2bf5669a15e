"""Running a quarter through the pages: the officer opens a round with a due date, owners see it
and what is overdue, the officer reminds them, signs the quarter off (after which forms say it is
locked and write nothing), and reopens it with a reason; the introduction is written and
reviewed; the council's colour is in the header."""

import html

import pytest
from django.core import mail

from scorecard.web.plans import models
from tests.web.app.dates import due

Q2, Q3 = "Q2 2018/19", "Q3 2018/19"


def _round(world, label):
    with models.within(world.harrow):
        return models.CollectionRound.objects.select_related("period").get(period__label=label)


@pytest.fixture
def signed_off_q2(signed_in, world):
    """Q2 2018/19, every return approved as loaded, opened as a round and signed off."""
    officer = signed_in("officer")
    assert officer.post("/completion/open/", {"quarter": Q2, **due("31/10/2018")}).status_code == 302
    held = _round(world, Q2)
    officer.post("/completion/sign-off/", {"period": Q2, "version": held.version})
    assert _round(world, Q2).signed_off
    return officer


def test_the_officer_opens_a_round_with_a_due_date_and_owners_see_it_overdue(signed_in, world):
    officer, owner = signed_in("officer"), signed_in("owner")

    opened = officer.post("/completion/open/", {"quarter": Q3, **due("31/01/2019")}, follow=True).content.decode()

    held = _round(world, Q3)
    assert (str(held.due), held.opened_by.username) == ("2019-01-31", "officer")
    assert f"Opened {Q3} for collection, due 31 January 2019" in opened
    assert "Overdue" in opened  # the demo's quarter is long past
    updates = owner.get("/updates/").content.decode()
    assert "31 Jan 2019" in updates
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in updates
    assert "Due 31 January 2019" in updates  # the key projects' updates, none given yet


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Due date: enter the date returns are due"),
        ("31", "", "2019", "Due date: the date must include a month"),
        ("", "1", "", "Due date: the date must include a day and a year"),
        ("31", "02", "2019", "Due date: the date must be a real date"),
        ("thirty", "1", "2019", "Due date: the date must be a real date"),
        ("31", "1", "19", "Due date: the date must be a real date, with a four-digit year"),
        ("9" * 30, "1", "2019", "Due date: the date must be a real date"),
    ],
)
def test_a_round_without_a_good_due_date_is_not_opened(signed_in, world, day, month, year, message):
    asked = {"quarter": Q3, "due_day": day, "due_month": month, "due_year": year}
    page = html.unescape(signed_in("officer").post("/completion/open/", asked, follow=True).content.decode())

    assert message in page
    with models.within(world.harrow):
        assert not models.ReportingPeriod.objects.filter(label=Q3).exists()


def test_the_officer_reminds_one_directorates_owners_and_sees_the_record(signed_in, world):
    officer = signed_in("officer")
    officer.post("/completion/open/", {"quarter": Q3, **due("31/01/2019")})
    models.User.objects.filter(username="owner").update(email="owner@harrow.example")
    with models.within(world.harrow):
        community = models.Directorate.objects.get(name="Community")

    page = officer.post(
        "/completion/remind/", {"period": Q3, "directorate": community.pk}, follow=True
    ).content.decode()

    assert [message.to for message in mail.outbox] == [["owner@harrow.example"]]
    assert "Sent a reminder to 1 owner(s)" in page
    with models.within(world.harrow):
        reminder = models.Reminder.objects.get()
    assert (reminder.sent_by.username, reminder.directorate, reminder.recipients[0]["username"]) == (
        "officer",
        community,
        "owner",
    )
    assert "Reminders sent" in page


def test_a_locked_quarters_form_says_so_names_the_fix_and_writes_nothing(signed_in, world, signed_off_q2):
    logged = models.Change.unscoped.count()

    page = signed_in("owner").post(
        "/actions/build-a1/progress/", {"progress": "Late news.", "status": "GREEN", "version": 1}
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert f"{Q2} is signed off, so the progress of build-a1 cannot be changed and nothing was saved" in text
    assert "an officer reopens the quarter with a reason on the collection page" in text
    assert models.Change.unscoped.count() == logged


def test_the_words_of_a_locked_quarter_cannot_be_changed(signed_in, world, signed_off_q2):
    page = signed_off_q2.get(f"/themes/build/words/?period={Q2}").content.decode()

    assert f"{Q2} is signed off, so these words cannot be changed" in page
    assert "Save the summary of achievements" not in page


def test_reopening_needs_a_reason_then_unlocks_and_a_new_version_can_be_published(signed_in, world, signed_off_q2):
    held = _round(world, Q2)

    refused = signed_off_q2.post("/completion/reopen/", {"period": Q2, "version": held.version}, follow=True)
    assert "Reason: it is empty; say what needs correcting and why" in refused.content.decode()
    assert _round(world, Q2).signed_off

    signed_off_q2.post("/completion/reopen/", {"period": Q2, "version": held.version, "reason": "Typo in build-1"})

    reopened = _round(world, Q2)
    assert (reopened.signed_off, reopened.reopen_reason) == (False, "Typo in build-1")
    page = signed_off_q2.get(f"/completion/?period={Q2}").content.decode()
    assert "Last reopened because" in page
    assert "Typo in build-1" in page


def test_the_officer_writes_the_introduction_and_an_approver_approves_it(signed_in, world):
    officer, approver = signed_in("officer"), signed_in("approver")
    with models.within(world.harrow):
        edition = models.ReportEdition.objects.get(period__label=Q2)
    officer.post(f"/report/introduction/?period={Q2}", {"part": "return", "comment": "New year", "version": 1})

    officer.post(
        f"/report/introduction/?period={Q2}",
        {"part": "introduction", "introduction": "Welcome.\n\nRead on.", "version": 2},
    )
    officer.post(f"/report/introduction/?period={Q2}", {"part": "submit", "version": 3})
    assert f"The introduction to the {Q2} report" in approver.get("/approvals/").content.decode()
    approver.post(f"/report/introduction/?period={Q2}", {"part": "approve", "comment": "", "version": 4})

    with models.within(world.harrow):
        edition = models.ReportEdition.objects.get(pk=edition.pk)
    assert (edition.state, edition.introduction, edition.decided_by.username) == (
        "approved",
        ["Welcome.", "Read on."],
        "approver",
    )


@pytest.mark.parametrize(("role", "status"), [("approver", 403), ("owner", 403), ("viewer", 403)])
def test_only_officers_write_the_introduction(signed_in, world, role, status):
    response = signed_in(role).post(
        f"/report/introduction/?period={Q2}", {"part": "introduction", "introduction": "Mine", "version": 1}
    )

    assert response.status_code == status
    with models.within(world.harrow):
        assert models.ReportEdition.objects.get(period__label=Q2).version == 1


def test_a_theme_lead_chosen_by_the_officer_writes_the_themes_words(signed_in, world):
    officer, owner = signed_in("officer"), signed_in("owner")
    owner_id = models.User.objects.get(username="owner").pk
    words = f"/themes/vulnerable/words/?period={Q2}"
    assert owner.get(words).status_code == 403

    officer.post(words, {"part": "add lead", "user": owner_id})
    officer.post(words, {"part": "return", "comment": "Update it", "version": 1})
    saved = owner.post(words, {"part": "achievements", "achievements": "Fewer families in B&B.", "version": 2})

    assert saved.status_code == 302
    assert "/themes/vulnerable/words/" in owner.get("/updates/").content.decode()
    with models.within(world.harrow):
        narrative = models.ThemeNarrative.objects.get(theme__key="vulnerable", period__label=Q2)
    assert narrative.achievements == ["Fewer families in B&B."]


def test_adding_and_removing_a_theme_lead_is_kept_in_the_history_with_who_did_it(signed_in, world):
    officer = signed_in("officer")
    owner_id = models.User.objects.get(username="owner").pk
    words = f"/themes/vulnerable/words/?period={Q2}"

    officer.post(words, {"part": "add lead", "user": owner_id})
    officer.post(words, {"part": "remove lead", "user": owner_id})

    with models.within(world.harrow):
        assert not models.ThemeLead.objects.filter(user_id=owner_id).exists()
        kept = models.Change.objects.filter(record_type="plans.themelead").order_by("pk")
        assert [(change.kind, change.made_by.username) for change in kept] == [
            (models.ChangeKind.CREATED, "officer"),
            (models.ChangeKind.REMOVED, "officer"),
        ]
        added, removed = kept
        assert added.after["user_id"] == owner_id
        assert removed.before["user_id"] == owner_id
        assert removed.after is None


def test_the_councils_colour_is_in_the_header(signed_in, world, db):
    page = signed_in("viewer").get("/", follow=True).content.decode()

    assert 'class="govuk-generic-header sc-brand" style="--sc-brand: #005a70"' in page
