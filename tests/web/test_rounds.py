"""A collection round: opened with a due date, signed off when every return is approved (which
locks every kind of write to its quarter, in the workflow itself), reopened only with a reason
kept in the history; and reminders to owners, sent by email and recorded."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from scorecard.core.periods import parse_quarter
from scorecard.interchange.dataset import read_dataset
from scorecard.web.collection import progress, reminders, rounds, words
from scorecard.web.plans import changes, workflow
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.loader import DEMO_DATASET, ReportDataError, load_quarter_report
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    Change,
    ChangeKind,
    CollectionRound,
    Directorate,
    KeyChallenge,
    Reminder,
    ReportEdition,
    Return,
    ReturnState,
    Target,
    ThemeNarrative,
    within,
)
from tests.web.council import QUARTER, Council, make_council

DUE = datetime.date(2018, 10, 31)


@pytest.fixture
def council(db: None) -> Council:
    made = make_council("pinner")
    with within(made.organisation):
        yield made


def _round(council: Council) -> CollectionRound:
    """The quarter's round, opened by hand since the council's return exists already."""
    values = {
        "organisation": council.organisation,
        "period": council.quarter,
        "due": DUE,
        "opened_by": council.approver,
        "opened_at": datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC),
    }
    return changes.create(CollectionRound, values, by=council.approver)


def _approved(council: Council) -> Return:
    saved = workflow.save_draft(council.return_, {"actual": "12"}, expected_version=1, by=council.owner)
    sent = workflow.submit(saved, expected_version=saved.version, by=council.owner)
    return workflow.approve(sent, expected_version=sent.version, by=council.approver)


def _signed_off(council: Council) -> CollectionRound:
    held = _round(council)
    _approved(council)
    return rounds.sign_off(held, expected_version=held.version, by=council.approver)


def _words(council: Council) -> tuple[ReportEdition, ThemeNarrative]:
    made = {"organisation": council.organisation, "period": council.quarter}
    edition = changes.create(
        ReportEdition, {**made, "plan": council.plan, "title": "Report", "introduction": ["Hello."]}, by=None
    )
    narrative = changes.create(ThemeNarrative, {**made, "theme": council.theme, "achievements": ["Done."]}, by=None)
    return edition, narrative


def test_opening_a_round_makes_its_returns_and_keeps_the_due_date(council):
    quarter = parse_quarter("Q3 2018/19")

    held, made = rounds.open_round(council.organisation, quarter, datetime.date(2019, 1, 31), by=council.approver)

    assert (held.period.label, held.due, held.opened_by, held.signed_off) == (
        "Q3 2018/19",
        datetime.date(2019, 1, 31),
        council.approver,
        False,
    )
    assert made == 1
    assert Return.objects.filter(period=held.period, state=ReturnState.DRAFT).count() == 1
    with pytest.raises(workflow.WorkflowError, match="Q3 2018/19 is open already"):
        rounds.open_round(council.organisation, quarter, datetime.date(2019, 2, 28), by=council.approver)


def test_overdue_is_after_the_due_date_until_signed_off(council):
    held = _round(council)

    assert (rounds.overdue(held, DUE), rounds.overdue(held, DUE + datetime.timedelta(days=1))) == (False, True)


def test_a_round_is_not_signed_off_while_a_return_is_unapproved(council):
    held = _round(council)

    with pytest.raises(workflow.WorkflowError, match="1 return\\(s\\) are not approved yet"):
        rounds.sign_off(held, expected_version=held.version, by=council.approver)

    assert CollectionRound.objects.get(pk=held.pk).signed_off_at is None


def _attempts(council: Council) -> dict[str, Callable[[], Any]]:
    """Every kind of write to the quarter, each as its page would make it."""
    held = Return.objects.get(pk=council.return_.pk)
    edition, narrative = _words(council)
    action = Action.objects.create(organisation=council.organisation, theme=council.theme, code="a1", title="Build")
    form = progress.ProgressForm({"progress": "Going well.", "status": "GREEN", "version": 0})
    challenge = words.ChallengeForm({"heading": "H", "text": "T", "measure": ""}, theme=council.theme)
    assert form.is_valid()
    assert challenge.is_valid()
    by = council.approver
    return {
        "return sent back": lambda: workflow.send_back(held, "Why?", expected_version=held.version, by=by),
        "return entered": lambda: workflow.save_draft(held, {"actual": "9"}, expected_version=held.version, by=by),
        "return submitted": lambda: workflow.submit(held, expected_version=held.version, by=by),
        "return approved": lambda: workflow.approve(held, expected_version=held.version, by=by),
        "status overridden": lambda: workflow.override_status(held, "R", "Why", expected_version=held.version, by=by),
        "target set": lambda: workflow.set_target(council.measure, council.quarter, "10", expected_version=None, by=by),
        "progress reported": lambda: progress.save_progress(action, council.quarter, form, by=by),
        "introduction written": lambda: workflow.save_words(
            edition, {"introduction": ["New."]}, expected_version=edition.version, by=by
        ),
        "introduction submitted": lambda: workflow.submit(edition, expected_version=edition.version, by=by),
        "achievements written": lambda: words.save_achievements(
            council.theme, council.quarter, "New.", expected_version=narrative.version, by=by
        ),
        "key challenge added": lambda: words.add_challenge(council.theme, council.quarter, challenge, by=by),
        "words submitted": lambda: workflow.submit(narrative, expected_version=narrative.version, by=by),
    }


WRITES = [
    "return sent back",
    "return entered",
    "return submitted",
    "return approved",
    "status overridden",
    "target set",
    "progress reported",
    "introduction written",
    "introduction submitted",
    "achievements written",
    "key challenge added",
    "words submitted",
]


@pytest.mark.parametrize("write", WRITES)
def test_a_signed_off_quarter_refuses_every_write(council, write):
    _signed_off(council)
    attempt = _attempts(council)[write]
    before = (
        Change.objects.count(),
        Target.objects.count(),
        ActionUpdate.objects.count(),
        KeyChallenge.objects.count(),
    )

    with pytest.raises(workflow.QuarterLockedError, match=f"{QUARTER} is signed off.*an officer reopens the quarter"):
        attempt()

    after = (Change.objects.count(), Target.objects.count(), ActionUpdate.objects.count(), KeyChallenge.objects.count())
    assert after == before


def test_a_month_of_a_signed_off_quarter_is_locked_too(council):
    _signed_off(council)
    september = stored_period(council.organisation, parse_quarter(QUARTER).span.last)

    with pytest.raises(workflow.QuarterLockedError):
        workflow.set_target(council.measure, september, "10", expected_version=None, by=council.approver)


def test_reopening_needs_a_reason_keeps_it_in_the_history_and_unlocks_the_quarter(council):
    held = _signed_off(council)

    with pytest.raises(workflow.WorkflowError, match="Reason: it is empty"):
        rounds.reopen(held, "  ", expected_version=held.version, by=council.approver)
    reopened = rounds.reopen(held, "Actual was mistyped", expected_version=held.version, by=council.approver)
    returned = workflow.send_back(
        Return.objects.get(pk=council.return_.pk), "Fix it", expected_version=4, by=council.approver
    )

    assert (reopened.signed_off, reopened.reopen_reason) == (False, "Actual was mistyped")
    assert returned.state == ReturnState.RETURNED
    logged = Change.objects.filter(record_type="plans.collectionround", record_id=held.pk).order_by("pk")
    assert [(c.kind, c.made_by, c.comment) for c in logged] == [
        (ChangeKind.CREATED, council.approver, ""),
        (ChangeKind.SIGNED_OFF, council.approver, ""),
        (ChangeKind.REOPENED, council.approver, "Actual was mistyped"),
    ]
    with pytest.raises(workflow.WorkflowError, match="is not signed off"):
        rounds.reopen(reopened, "Again", expected_version=reopened.version, by=council.approver)


def test_a_reminder_emails_each_owner_their_outstanding_items_and_is_recorded(council):
    held = _round(council)
    council.owner.email = "owner@pinner.example"
    council.owner.save()

    sent = reminders.remind(held, None, link="https://scorecard.example/updates/", by=council.approver)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (["owner@pinner.example"], f"Reminder: your {QUARTER} performance updates")
    assert "- Homes built (draft)" in message.body
    assert "due by 31 October 2018" in message.body
    assert "https://scorecard.example/updates/" in message.body
    assert Reminder.objects.get() == sent
    assert (sent.sent_by, sent.directorate, sent.outstanding) == (council.approver, None, 1)
    # the colleague owns no measure and the council's owners are limited to no directorate
    assert sent.recipients == [{"username": "pinner-owner", "email": "owner@pinner.example", "items": 1, "sent": True}]


def test_a_reminder_to_one_directorate_reaches_only_its_owners(council):
    held = _round(council)
    elsewhere = Directorate.objects.create(organisation=council.organisation, name="Resources")

    with pytest.raises(reminders.NobodyToRemindError, match="Nobody to remind in Resources"):
        reminders.remind(held, elsewhere, link="/updates/", by=council.approver)

    assert (len(mail.outbox), Reminder.objects.count()) == (0, 0)


def test_owners_without_an_email_address_are_named_and_nothing_is_sent(council):
    held = _round(council)

    with pytest.raises(reminders.NobodyToRemindError, match="has an email address; add theirs first"):
        reminders.remind(held, None, link="/updates/", by=council.approver)

    assert (len(mail.outbox), Reminder.objects.count()) == (0, 0)


def test_words_take_the_returns_steps_and_are_refused_out_of_turn(council):
    edition, _ = _words(council)

    with pytest.raises(workflow.WorkflowError, match="The introduction to the Q2 2018/19 report cannot be approved"):
        workflow.approve(edition, expected_version=edition.version, by=council.approver)
    sent = workflow.submit(edition, expected_version=edition.version, by=council.owner)
    with pytest.raises(workflow.WorkflowError, match="cannot be edited: it is submitted"):
        workflow.save_words(sent, {"introduction": ["x"]}, expected_version=sent.version, by=council.owner)
    back = workflow.send_back(sent, "Shorter", expected_version=sent.version, by=council.approver)
    again = workflow.submit(
        workflow.save_words(back, {"introduction": ["Hi."]}, expected_version=back.version, by=council.owner),
        expected_version=back.version + 1,
        by=council.owner,
    )
    approved = workflow.approve(again, expected_version=again.version, by=council.approver)

    assert (approved.state, approved.introduction, approved.decided_by) == (
        ReturnState.APPROVED,
        ["Hi."],
        council.approver,
    )
    assert (back.decision_comment, approved.decision_comment) == ("Shorter", "")


def test_empty_words_are_not_submitted(council):
    edition = changes.create(
        ReportEdition,
        {"organisation": council.organisation, "period": council.quarter, "plan": council.plan, "title": "R"},
        by=None,
    )

    with pytest.raises(workflow.EntryError, match="introduction: is empty; write the introduction"):
        workflow.submit(edition, expected_version=edition.version, by=council.owner)


def test_a_dataset_is_not_loaded_into_a_signed_off_quarter(council):
    _signed_off(council)
    report = read_dataset(DEMO_DATASET)

    with pytest.raises(ReportDataError, match=f"{QUARTER} is signed off, so its figures and words cannot be changed"):
        load_quarter_report(report, slug="pinner")
