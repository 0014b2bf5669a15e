"""`scorecard user add` and the demo users: passwords from standard input, checked; demo users
only with SCORECARD_DEBUG on."""

import os
import subprocess
import sys

import pytest
from django.test.utils import override_settings
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.web.accounts.demo import DemoUsersRefusedError, create_demo_users
from scorecard.web.commands import RoleName
from scorecard.web.plans import models

runner = CliRunner()


def test_the_command_line_offers_exactly_the_roles_the_model_has():
    assert [role.value for role in RoleName] == [role.value for role in models.Role]


def test_a_user_is_added_with_a_role_and_directorates(world, db):
    result = runner.invoke(
        app,
        ["user", "add", "asmith", "--role", "approver", "--directorate", "People", "--directorate", "Resources"],
        input="a-long-and-unusual-passphrase\n",
    )

    assert result.exit_code == 0, result.output
    membership = models.Membership.unscoped.get(user__username="asmith")
    assert (membership.organisation.slug, membership.role) == ("harrow", "approver")
    assert sorted(d.name for d in membership.directorates.all()) == ["People", "Resources"]
    assert models.User.objects.get(username="asmith").check_password("a-long-and-unusual-passphrase")


@pytest.mark.parametrize(
    ("arguments", "password", "message"),
    [
        (["bsmith", "--role", "owner"], "12345678\n", "This password is too common"),
        (["bsmith", "--role", "owner"], "short\n", "too short"),
        (["bsmith", "--role", "owner"], "\n", "no password on standard input"),
        (["bsmith", "--role", "owner", "--organisation", "nowhere"], "a-long-and-unusual-passphrase\n", "nowhere"),
        (["officer", "--role", "owner"], "a-long-and-unusual-passphrase\n", "already a user called 'officer'"),
    ],
    ids=["common", "short", "none", "no such organisation", "taken"],
)
def test_a_refused_user_is_not_added_and_the_command_says_why(world, db, arguments, password, message):
    result = runner.invoke(app, ["user", "add", *arguments], input=password)

    assert result.exit_code == 2
    assert message in result.output
    assert not models.User.objects.filter(username="bsmith").exists()


def test_an_unknown_role_is_refused_by_name(world, db):
    result = runner.invoke(app, ["user", "add", "csmith", "--role", "mayor"], input="x\n")

    assert result.exit_code == 2
    assert "mayor" in result.output


def test_demo_users_are_refused_in_production(world, db):
    with override_settings(DEBUG=False), pytest.raises(DemoUsersRefusedError, match="SCORECARD_DEBUG=false"):
        create_demo_users(world.harrow)


def test_serve_refuses_demo_users_with_production_settings(tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith("SCORECARD_")}
    env.pop("DATABASE_URL", None)
    env |= {
        "SCORECARD_DEBUG": "false",
        "SCORECARD_SECRET_KEY": "k3Yp-8vQ2_rT9sLmN4xZ7wB1cF6hJ0dE5gA-uV8yR2tP3oI9nM",
        "SCORECARD_ALLOWED_HOSTS": "scorecard.example.gov.uk",
    }
    run = subprocess.run(
        [sys.executable, "-m", "scorecard", "serve", "--demo-users", "--port", "8999"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert run.returncode == 2
    assert "demo users are refused with SCORECARD_DEBUG=false" in run.stderr
    assert "Migrating the database" in run.stderr
