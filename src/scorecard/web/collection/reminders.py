"""Reminding owners of what they have still to do in a round, by email, and keeping a record.

Who is reminded is whoever may enter an outstanding return or update (`may_enter`), among the
organisation's owners: the same rule that lets them in. Email goes through Django's email
framework (console in development, SMTP from the environment in production)."""

from __future__ import annotations

from collections import defaultdict

from django.core.mail import EmailMessage, get_connection

from scorecard.web.accounts.permissions import may_enter
from scorecard.web.collection.rounds import Outstanding, outstanding
from scorecard.web.plans.models import CollectionRound, Directorate, Membership, Reminder, Return, Role, User


class NobodyToRemindError(Exception):
    """Nothing is outstanding, or no owner with an email address has any of it."""


def due_from(held: CollectionRound, directorate: Directorate | None) -> list[Outstanding]:
    """What is outstanding in the round, in `directorate` if one is named."""
    return [item for item in outstanding(held) if directorate is None or item.directorate_id == directorate.pk]


def owed(items: list[Outstanding]) -> dict[User, list[Outstanding]]:
    """Each owner who may enter some of `items`, and which."""
    owners = Membership.objects.filter(role=Role.OWNER).select_related("user").prefetch_related("directorates")
    found: dict[User, list[Outstanding]] = defaultdict(list)
    for membership in owners.order_by("user__username"):
        for item in items:
            record = item.record.measure if isinstance(item.record, Return) else item.record
            if may_enter(membership, record):
                found[membership.user].append(item)
    return dict(found)


def _message(user: User, items: list[Outstanding], held: CollectionRound, link: str) -> EmailMessage:
    listed = "\n".join(f"- {item.what}" for item in items)
    body = (
        f"Dear {user.get_full_name() or user.username},\n\n"
        f"These are still to do for {held.period}, due by {held.due:%d %B %Y}:\n\n{listed}\n\n"
        f"Enter them at {link}\n"
    )
    return EmailMessage(f"Reminder: your {held.period} performance updates", body, to=[user.email])


def remind(held: CollectionRound, directorate: Directorate | None, *, link: str, by: User) -> Reminder:
    """Email each owner their outstanding items and record who was reminded; owners without an
    email address are recorded as not sent."""
    items = due_from(held, directorate)
    who = owed(items)
    reachable = {user: mine for user, mine in who.items() if user.email}
    if not reachable:
        where = f" in {directorate}" if directorate else ""
        raise NobodyToRemindError(
            f"Nobody to remind{where}: nothing is outstanding, or no owner of it has an email address"
            if not who
            else f"None of the owners with outstanding updates{where} has an email address; add theirs first"
        )
    with get_connection() as connection:
        connection.send_messages([_message(user, mine, held, link) for user, mine in reachable.items()])
    recipients = [
        {"username": user.username, "email": user.email, "items": len(mine), "sent": bool(user.email)}
        for user, mine in who.items()
    ]
    return Reminder.objects.create(
        organisation_id=held.organisation_id,
        round=held,
        directorate=directorate,
        sent_by=by,
        recipients=recipients,
        outstanding=len(items),
    )
