"""Signing in with Django's form, throttled: after too many failures for one account, or from
one address, within a quarter of an hour, sign-in is refused (even with the right password)
until the window passes. Failures are rows in the database, so every app server counts them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from scorecard.web.accounts.models import SignInFailure
from scorecard.web.accounts.permissions import PUBLIC, rule

WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5
PER_ADDRESS = 20


def _address(form: AuthenticationForm) -> str | None:
    # REMOTE_ADDR, not X-Forwarded-For, which a client can write; behind a proxy, set the proxy
    # to pass the client's address as REMOTE_ADDR (see docs/how-to/deploy.md).
    return form.request.META.get("REMOTE_ADDR") if form.request else None


class ThrottledSignInForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "")[:150]
        address = _address(self)
        recent = SignInFailure.objects.filter(at__gte=timezone.now() - WINDOW)
        if recent.filter(username__iexact=username).count() >= PER_ACCOUNT or (
            address and recent.filter(address=address).count() >= PER_ADDRESS
        ):
            raise forms.ValidationError(
                "Too many failed attempts to sign in. Wait 15 minutes, then try again.", code="throttled"
            )
        try:
            return super().clean()
        except forms.ValidationError:
            SignInFailure.objects.create(username=username, address=address)
            raise


sign_in = rule(PUBLIC)(auth_views.LoginView.as_view(authentication_form=ThrottledSignInForm))
sign_out = rule(PUBLIC)(auth_views.LogoutView.as_view())
