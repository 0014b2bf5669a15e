"""A return moves draft → submitted → approved, or back to its owner with a comment; each step
records who and when, is kept in the history with the state before and after, and a step the
state does not allow is refused without changing anything."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from scorecard.web.plans.changes import StaleEditError
from scorecard.web.plans.models import Change, ChangeKind, Return, ReturnState, Target
from scorecard.web.plans.workflow import EntryError, WorkflowError, approve, save_draft, send_back, set_target, submit
from tests.web.council import Council, make_council


@pytest.fixture
def council(db: None) -> Council:
    return make_council("pinner")


def history(record: Return | Target) -> list[Change]:
    return list(Change.unscoped.filter(record_type=record._meta.label_lower, record_id=record.pk).order_by("pk"))


def drafted(council: Council, actual: str = "71.4%") -> Return:
    return save_draft(council.return_, {"actual": actual}, expected_version=1, by=council.owner)


def submitted(council: Council) -> Return:
    return_ = drafted(council)
    return submit(return_, expected_version=return_.version, by=council.owner)


def test_a_draft_keeps_the_printed_actual_and_its_typed_columns_in_step(council):
    fields = {"actual": "38.7% (53/137)", "covers": "Jul 18 - Sep 18", "data_note": "Note 1", "commentary": "Up."}

    saved = save_draft(council.return_, fields, expected_version=1, by=council.owner)

    assert (saved.actual, saved.amount, saved.unit) == ("38.7% (53/137)", Decimal("38.7"), "percent")
    assert (saved.numerator, saved.denominator) == (Decimal(53), Decimal(137))
    assert (saved.covers_start, saved.covers_end) == (datetime.date(2018, 7, 1), datetime.date(2018, 9, 30))
    assert (saved.data_note, saved.commentary, saved.entered_by, saved.version) == ("Note 1", "Up.", council.owner, 2)
    assert saved.state == ReturnState.DRAFT

    retyped = save_draft(saved, {"actual": "12"}, expected_version=2, by=council.colleague)

    assert (retyped.amount, retyped.unit, retyped.numerator, retyped.denominator) == (Decimal(12), "number", None, None)
    assert (retyped.covers, retyped.commentary, retyped.entered_by) == ("Jul 18 - Sep 18", "Up.", council.colleague)


@pytest.mark.parametrize(
    ("fields", "field", "fix"),
    [
        ({"actual": "about 70"}, "actual", "enter it as it is printed"),
        ({"actual": "38.7% (5/0)"}, "actual", "enter it as it is printed"),
        ({"actual": "7-9"}, "actual", "enter it as it is printed"),
        ({"actual": "12", "covers": "summer"}, "covers", 'enter the months, e.g. "Jul 16 - Sep 16"'),
        ({"data_note": "x" * 61}, "data_note", "shorten it to 60 or fewer"),
        ({"state": "approved"}, "state", "enter only actual, commentary, covers, data_note"),
    ],
)
def test_an_entry_that_cannot_be_stored_names_the_field_and_the_fix_and_changes_nothing(council, fields, field, fix):
    with pytest.raises(EntryError, match=fix) as refused:
        save_draft(council.return_, fields, expected_version=1, by=council.owner)

    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    stored = Return.unscoped.get(pk=council.return_.pk)
    assert (stored.version, stored.actual, stored.state) == (1, "", ReturnState.DRAFT)
    assert [change.kind for change in history(stored)] == [ChangeKind.CREATED]


def test_submit_then_approve_records_who_and_when_and_keeps_each_step_in_the_history(council):
    before = timezone.now()
    return_ = submitted(council)
    decided = approve(return_, expected_version=return_.version, by=council.approver, comment="Checked.")
    after = timezone.now()

    assert decided.state == ReturnState.APPROVED
    assert (decided.submitted_by, decided.decided_by) == (council.owner, council.approver)
    assert before <= decided.submitted_at <= decided.decided_at <= after
    assert decided.decision_comment == "Checked."
    steps = history(decided)
    assert [(c.kind, c.made_by, c.version) for c in steps] == [
        (ChangeKind.CREATED, council.owner, 1),
        (ChangeKind.CHANGED, council.owner, 2),
        (ChangeKind.SUBMITTED, council.owner, 3),
        (ChangeKind.APPROVED, council.approver, 4),
    ]
    assert [(c.before["state"], c.after["state"]) for c in steps[1:]] == [
        ("draft", "draft"),
        ("draft", "submitted"),
        ("submitted", "approved"),
    ]
    assert (steps[1].before["actual"], steps[1].after["actual"]) == ("", "71.4%")
    assert steps[3].after["decided_by_id"] == council.approver.pk
    assert steps[3].comment == "Checked."
    assert all(before <= c.created_at <= after for c in steps[1:])


def test_sent_back_with_a_comment_the_owner_corrects_and_resubmits(council):
    return_ = submitted(council)

    returned = send_back(return_, "The numerator is last quarter's.", expected_version=3, by=council.approver)

    assert (returned.state, returned.decided_by) == (ReturnState.RETURNED, council.approver)
    assert returned.decision_comment == "The numerator is last quarter's."
    sent_back = history(returned)[-1]
    assert (sent_back.kind, sent_back.made_by, sent_back.comment) == (
        ChangeKind.RETURNED,
        council.approver,
        "The numerator is last quarter's.",
    )
    assert (sent_back.before["state"], sent_back.after["state"]) == ("submitted", "returned")

    corrected = save_draft(returned, {"actual": "70.1%"}, expected_version=4, by=council.owner)
    resubmitted = submit(corrected, expected_version=5, by=council.owner)

    assert (resubmitted.state, resubmitted.actual) == (ReturnState.SUBMITTED, "70.1%")
    # the earlier decision stays in the history, not on the return awaiting a new one
    assert (resubmitted.decided_by, resubmitted.decided_at, resubmitted.decision_comment) == (None, None, "")
    assert [c.kind for c in history(resubmitted)][-3:] == [
        ChangeKind.RETURNED,
        ChangeKind.CHANGED,
        ChangeKind.SUBMITTED,
    ]


@pytest.mark.parametrize("comment", ["", "   "])
def test_sending_back_needs_a_comment(council, comment):
    return_ = submitted(council)

    with pytest.raises(EntryError, match="say what the owner should change") as refused:
        send_back(return_, comment, expected_version=3, by=council.approver)

    assert refused.value.field == "comment"
    assert Return.unscoped.get(pk=return_.pk).state == ReturnState.SUBMITTED


def test_an_empty_return_cannot_be_submitted(council):
    with pytest.raises(EntryError, match="enter the actual") as refused:
        submit(council.return_, expected_version=1, by=council.owner)

    assert refused.value.field == "actual"


def approved(council: Council) -> Return:
    return_ = submitted(council)
    return approve(return_, expected_version=return_.version, by=council.approver)


def edit(return_: Return, council: Council) -> Return:
    return save_draft(return_, {"commentary": "Late."}, expected_version=return_.version, by=council.owner)


def submit_it(return_: Return, council: Council) -> Return:
    return submit(return_, expected_version=return_.version, by=council.owner)


def approve_it(return_: Return, council: Council) -> Return:
    return approve(return_, expected_version=return_.version, by=council.approver)


def send_it_back(return_: Return, council: Council) -> Return:
    return send_back(return_, "No.", expected_version=return_.version, by=council.approver)


@pytest.mark.parametrize(
    ("reach", "step", "message"),
    [
        (drafted, approve_it, "cannot be approved: it is draft.*first the owner completes and submits it"),
        (drafted, send_it_back, "cannot be sent back: it is draft"),
        (submitted, edit, "cannot be edited: it is submitted.*first an approver approves it or sends it back"),
        (submitted, submit_it, "cannot be submitted: it is submitted"),
        (approved, edit, "cannot be edited: it is approved.*first an approver sends it back to reopen it"),
        (approved, submit_it, "cannot be submitted: it is approved"),
        (approved, approve_it, "cannot be approved: it is approved"),
    ],
    ids=[
        "approve a draft",
        "send back a draft",
        "edit a submitted return",
        "submit twice",
        "edit an approved return",
        "submit an approved return",
        "approve twice",
    ],
)
def test_a_step_the_state_does_not_allow_is_refused_and_changes_nothing(council, reach, step, message):
    return_ = reach(council)
    kept = len(history(return_))

    with pytest.raises(WorkflowError, match=message):
        step(return_, council)

    stored = Return.unscoped.get(pk=return_.pk)
    assert (stored.version, stored.state, stored.commentary) == (return_.version, return_.state, return_.commentary)
    assert len(history(stored)) == kept


def test_an_approved_return_is_reopened_by_sending_it_back(council):
    settled = approved(council)

    reopened = send_back(settled, "The contractor revised the figure.", expected_version=4, by=council.approver)
    edited = edit(reopened, council)

    assert (reopened.state, edited.state, edited.commentary) == (ReturnState.RETURNED, ReturnState.RETURNED, "Late.")


def test_a_target_keeps_who_set_it_its_typed_columns_and_its_history(council):
    target = set_target(council.measure, council.quarter, "7-15%", expected_version=None, by=council.owner)

    assert (target.printed, target.kind, target.amount, target.high, target.unit) == (
        "7-15%",
        "range",
        Decimal(7),
        Decimal(15),
        "percent",
    )
    assert (target.set_by, target.version) == (council.owner, 1)

    changed = set_target(council.measure, council.quarter, "BL", expected_version=1, by=council.approver)

    assert (changed.kind, changed.amount, changed.high, changed.set_by, changed.version) == (
        "baseline",
        None,
        None,
        council.approver,
        2,
    )
    kept = history(changed)
    assert [(c.kind, c.made_by) for c in kept] == [
        (ChangeKind.CREATED, council.owner),
        (ChangeKind.CHANGED, council.approver),
    ]
    assert (kept[1].before["printed"], kept[1].after["printed"]) == ("7-15%", "BL")


def test_a_new_target_where_one_is_already_set_is_refused_with_the_one_set(council):
    set_target(council.measure, council.quarter, "76%", expected_version=None, by=council.owner)

    with pytest.raises(StaleEditError) as refused:
        set_target(council.measure, council.quarter, "80%", expected_version=None, by=council.colleague)

    assert refused.value.current.printed == "76%"
    refusal = history(refused.value.current)[-1]
    assert (refusal.kind, refusal.made_by, refusal.after["printed"]) == (ChangeKind.REFUSED, council.colleague, "80%")


def test_an_unreadable_target_names_the_field_and_the_fix(council):
    with pytest.raises(EntryError, match=r"^target: 'about ten' is not a number; enter it as it is printed") as refused:
        set_target(council.measure, council.quarter, "about ten", expected_version=None, by=council.owner)

    assert refused.value.field == "target"
    assert not Target.unscoped.exists()


def test_changing_a_target_that_was_never_set_is_refused(council):
    with pytest.raises(WorkflowError, match="build-1 has no target for Q2 2018/19 yet: set it as a new one"):
        set_target(council.measure, council.quarter, "76%", expected_version=1, by=council.owner)
