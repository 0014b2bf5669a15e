"""Two people save the same return from the same version: one wins, the other is told the
current value, and the history holds both attempts with their authors."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection

from scorecard.web.plans.changes import StaleEditError
from scorecard.web.plans.models import Change, ChangeKind, Return, Target
from scorecard.web.plans.workflow import approve, override_status, save_draft, send_back, set_target, submit
from tests.web.council import make_council
from tests.web.database_rules import on_postgresql

only_on_postgresql = pytest.mark.skipif(
    not on_postgresql(),
    reason="needs PostgreSQL (set DATABASE_URL): SQLite lets one writer in at a time, so writers never race",
)
ROUNDS = 10  # without a lock the writers overlap in some rounds, not in every one


def history(record: Return | Target) -> list[Change]:
    return list(Change.unscoped.filter(record_type=record._meta.label_lower, record_id=record.pk).order_by("pk"))


def race(*attempts: Callable[[], Any]) -> list[Any]:
    """Run each attempt in its own thread, with its own connection, all starting together; what
    each returned or raised, in order."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[Any] = [None] * len(attempts)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = attempts[index]()
        except Exception as error:  # the outcome under test, or a failure to report
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(attempts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished: a lock was never released"
    return outcomes


def one_won(outcomes: list[Any]) -> tuple[Any, StaleEditError]:
    """The winner's result and the loser's refusal, whichever thread each was."""
    refused = [outcome for outcome in outcomes if isinstance(outcome, StaleEditError)]
    saved = [outcome for outcome in outcomes if not isinstance(outcome, Exception)]
    assert (len(saved), len(refused)) == (1, 1), f"expected one save and one refusal, got {outcomes!r}"
    return saved[0], refused[0]


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_owners_saving_the_same_version_at_once_one_wins_and_the_other_sees_the_current_value():
    council = make_council("pinner")
    authors = {council.owner.pk: "owner", council.colleague.pk: "colleague"}
    for round_ in range(ROUNDS):
        seen = Return.unscoped.get(pk=council.return_.pk)  # both start from this version
        outcomes = race(
            partial(save_draft, seen, {"actual": f"{round_}1"}, expected_version=seen.version, by=council.owner),
            partial(save_draft, seen, {"actual": f"{round_}2"}, expected_version=seen.version, by=council.colleague),
        )

        saved, refused = one_won(outcomes)
        stored = Return.unscoped.get(pk=seen.pk)
        assert stored.version == seen.version + 1
        assert (stored.actual, stored.entered_by_id) == (saved.actual, saved.entered_by_id)
        assert (refused.current.version, refused.current.actual) == (stored.version, stored.actual)
        won, lost = history(stored)[-2:]
        assert (won.kind, won.version, won.after["actual"]) == (ChangeKind.CHANGED, stored.version, stored.actual)
        assert (lost.kind, lost.version) == (ChangeKind.REFUSED, seen.version)
        assert {won.made_by_id, lost.made_by_id} == set(authors), f"round {round_}: both authors are in the history"
        assert lost.after["actual"] != stored.actual  # the losing attempt's value is kept, not lost


@only_on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_officers_setting_a_new_target_at_once_one_sets_it_and_the_other_is_refused():
    council = make_council("pinner")

    outcomes = race(
        partial(set_target, council.measure, council.quarter, "76%", expected_version=None, by=council.owner),
        partial(set_target, council.measure, council.quarter, "80%", expected_version=None, by=council.colleague),
    )

    saved, refused = one_won(outcomes)
    stored = Target.unscoped.get(measure=council.measure, period=council.quarter)
    assert (stored.version, stored.printed, refused.current.printed) == (1, saved.printed, saved.printed)
    assert [change.kind for change in history(stored)] == [ChangeKind.CREATED, ChangeKind.REFUSED]
    assert {change.made_by_id for change in history(stored)} == {council.owner.pk, council.colleague.pk}


@pytest.mark.django_db
def test_a_save_from_a_version_someone_else_has_changed_is_refused_with_the_current_value():
    council = make_council("pinner")
    seen = council.return_

    save_draft(seen, {"actual": "71.4%"}, expected_version=1, by=council.owner)
    with pytest.raises(StaleEditError) as refused:
        save_draft(seen, {"actual": "69%"}, expected_version=1, by=council.colleague)

    assert (refused.value.current.version, refused.value.current.actual) == (2, "71.4%")
    assert Return.unscoped.get(pk=seen.pk).actual == "71.4%"
    kept = [(c.kind, c.made_by, c.version, c.after["actual"]) for c in history(seen)]
    assert kept == [
        (ChangeKind.CREATED, council.owner, 1, ""),
        (ChangeKind.CHANGED, council.owner, 2, "71.4%"),
        (ChangeKind.REFUSED, council.colleague, 1, "69%"),
    ]


@pytest.mark.parametrize(
    "step",
    [
        lambda r, by: submit(r, expected_version=2, by=by),
        lambda r, by: approve(r, expected_version=2, by=by),
        lambda r, by: send_back(r, "Check the numerator.", expected_version=2, by=by),
        lambda r, by: override_status(r, "A", "Revised.", expected_version=2, by=by),
    ],
    ids=["submit", "approve", "send back", "override"],
)
@pytest.mark.django_db
def test_every_step_made_from_an_older_version_is_refused_and_kept(step):
    council = make_council("pinner")
    drafted = save_draft(council.return_, {"actual": "71.4%"}, expected_version=1, by=council.owner)
    submit(drafted, expected_version=2, by=council.owner)

    with pytest.raises(StaleEditError) as refused:
        step(drafted, council.approver)

    assert (refused.value.current.version, refused.value.current.state) == (3, "submitted")
    refusal = history(drafted)[-1]
    assert (refusal.kind, refusal.made_by, refusal.version) == (ChangeKind.REFUSED, council.approver, 2)
