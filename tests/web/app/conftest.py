"""The web app's tests share one database per module: the Harrow demo, published, with a user
for every role (limited to the Community directorate where the role allows), and a second
organisation with a measure, an action and a theme of its own. Each test runs in a savepoint
inside the module's transaction, which is rolled back at the end, so nothing is deleted (the
append-only tables refuse DELETE) and the demo loads once per module."""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from scorecard.web.accounts.demo import create_demo_users
from scorecard.web.plans import models
from scorecard.web.plans.loader import load_demo
from scorecard.web.plans.publishing import publish
from scorecard.web.plans.queries import reporting_quarter
from scorecard.web.plans.schemes import seed_built_ins


@dataclass(frozen=True)
class World:
    harrow: models.Organisation
    other: models.Organisation
    passwords: dict[str, str]  # demo username → password
    publication: models.Publication
    other_measure: str  # codes of the other organisation's records
    other_action: str
    other_theme: str


def _other_organisation() -> models.Organisation:
    other = models.Organisation.objects.create(name="Elsewhere Council", slug="elsewhere")
    seed_built_ins(other)
    with models.within(other):
        plan = models.Plan.objects.create(organisation=other, name="Elsewhere Plan")
        theme = models.Theme.objects.create(organisation=other, plan=plan, key="green", order=1, name="A Greener Place")
        models.Measure.objects.create(
            organisation=other, theme=theme, code="green-1", ref="1", name="Trees planted", polarity="higher"
        )
        models.Action.objects.create(organisation=other, theme=theme, code="green-a1", title="Plant an orchard")
        models.User.objects.create_user("elsewhere", password="elsewhere-pass-4321")
        models.Membership.objects.create(
            organisation=other, user=models.User.objects.get(username="elsewhere"), role=models.Role.OFFICER
        )
    return other


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        harrow = models.Organisation.objects.get(slug="harrow")
        publication = publish("harrow", reporting_quarter("harrow", "Q2 2018/19"), by=None)
        with override_settings(DEBUG=True):
            passwords = {user.username: user.password for user in create_demo_users(harrow)}
        yield World(harrow, _other_organisation(), passwords, publication, "green-1", "green-a1", "green")
        transaction.set_rollback(True)


@pytest.fixture
def signed_in(world, db):
    """A client signed in as the demo user named (administrator, officer, approver, owner, viewer, elsewhere)."""

    def sign_in(username: str) -> Client:
        client = Client()
        password = world.passwords.get(username, "elsewhere-pass-4321")
        assert client.login(username=username, password=password)
        return client

    return sign_in
