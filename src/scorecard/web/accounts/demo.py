"""Demo users, one per role, for trying the Harrow demo on a laptop. Refused in production.

The Harrow dataset names no directorates, so the demo places each theme's measures and actions
in one (through the history, like any change), and limits the owner and approver to one of them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from scorecard.web.plans import changes
from scorecard.web.plans.models import Action, Directorate, Measure, Membership, Organisation, Role, User, within

# The theme keys of the Harrow dataset, and the directorate the demo puts each in.
DEMO_DIRECTORATES = {"build": "Community", "business": "Resources", "vulnerable": "People"}
SOURCE = "demo users"


class DemoUsersRefusedError(RuntimeError):
    """Demo users are for local use only: their passwords are printed."""


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    role: Role
    password: str


def _directorates(organisation: Organisation) -> dict[str, Directorate]:
    made = {}
    for theme_key, name in DEMO_DIRECTORATES.items():
        directorate, _ = Directorate.objects.get_or_create(organisation=organisation, name=name)
        made[theme_key] = directorate
    records: list[Measure | Action] = [
        *Measure.objects.select_related("theme"),
        *Action.objects.select_related("theme"),
    ]
    for record in records:
        wanted = made.get(record.theme.key)
        if wanted and record.directorate_id is None:
            changes.change(record, {"directorate": wanted}, expected_version=record.version, by=None, source=SOURCE)
    return made


def create_demo_users(organisation: Organisation) -> list[DemoUser]:
    """One user per role, named after it, with a new random password each time (printed once)."""
    if not settings.DEBUG:
        raise DemoUsersRefusedError(
            "demo users are refused with SCORECARD_DEBUG=false; add real users with `scorecard user add`"
        )
    created = []
    with transaction.atomic(), within(organisation):
        owned = _directorates(organisation)
        for role in Role:
            password = secrets.token_urlsafe(9)
            user, _ = User.objects.get_or_create(username=role.value)
            user.set_password(password)
            user.save()
            membership, _ = Membership.objects.update_or_create(
                organisation=organisation, user=user, defaults={"role": role.value}
            )
            if role in (Role.OWNER, Role.APPROVER):
                membership.directorates.set([owned["build"]], through_defaults={"organisation": organisation})
            created.append(DemoUser(user.username, role, password))
    return created
