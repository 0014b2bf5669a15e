"""Signing in: Django's form at /accounts/login/, throttled per account and per address."""

import pytest
from django.test import Client

from scorecard.web.accounts import signin
from scorecard.web.accounts.models import SignInFailure


def _try(client, username, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_signing_in_goes_to_the_dashboard_with_a_new_session(world, db):
    client = Client()
    client.get("/accounts/login/")
    before = client.cookies.get("sessionid")

    response = _try(client, "officer", world.passwords["officer"])

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.cookies["sessionid"].value != (before.value if before else None)
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/dashboard/"


def test_a_wrong_password_is_refused_and_counted(world, db):
    response = _try(Client(), "officer", "wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert SignInFailure.objects.filter(username="officer").count() == 1


def test_after_five_failures_even_the_right_password_waits(world, db):
    client = Client()
    for _ in range(signin.PER_ACCOUNT):
        _try(client, "officer", "wrong", address=f"10.0.0.{_ + 2}")

    response = _try(client, "officer", world.passwords["officer"], address="10.0.9.9")

    assert response.status_code == 200
    assert "Too many failed attempts to sign in. Wait 15 minutes" in response.content.decode()


def test_one_address_trying_many_accounts_is_throttled(world, db):
    client = Client()
    for number in range(signin.PER_ADDRESS):
        _try(client, f"guess{number}", "wrong", address="10.1.1.1")

    refused = _try(client, "viewer", world.passwords["viewer"], address="10.1.1.1")
    elsewhere = _try(Client(), "viewer", world.passwords["viewer"], address="10.1.1.2")

    assert "Too many failed attempts" in refused.content.decode()
    assert elsewhere.status_code == 302


@pytest.mark.parametrize("method", ["get", "post"])
def test_signing_out_takes_a_post(signed_in, method):
    client = signed_in("viewer")

    response = getattr(client, method)("/accounts/logout/")

    assert response.status_code == (405 if method == "get" else 302)
