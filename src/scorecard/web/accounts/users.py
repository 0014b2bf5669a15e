"""Adding a user with a role in an organisation: what `scorecard user add` does."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from scorecard.web.plans.models import Directorate, Membership, Organisation, Role, User, within


class UserNotAddedError(ValueError):
    """Why the user was not added; nothing was written."""


def add_user(username: str, password: str, role: Role, organisation_slug: str, directorates: list[str]) -> User:
    """A new user with `role` in the organisation, limited to the named directorates (made if new)."""
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if organisation is None:
        known = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none yet; run `scorecard demo`"
        raise UserNotAddedError(f"no organisation called {organisation_slug!r} (there are: {known})")
    if User.objects.filter(username=username).exists():
        raise UserNotAddedError(f"there is already a user called {username!r}")
    user = User(username=username)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise UserNotAddedError("the password was refused: " + " ".join(error.messages)) from None
    with transaction.atomic(), within(organisation):
        user.set_password(password)
        user.save()
        membership = Membership.objects.create(organisation=organisation, user=user, role=role.value)
        for name in directorates:
            directorate, _ = Directorate.objects.get_or_create(organisation=organisation, name=name)
            membership.directorates.add(directorate, through_defaults={"organisation": organisation})
    return user
