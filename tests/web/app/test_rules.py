"""Deny by default: every page declares who may open it, and one that does not is refused."""

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from scorecard.web.accounts.permissions import Rule


def _patterns(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":  # the admin checks staff status on every view itself
                continue
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern), pattern.callback


PATTERNS = list(_patterns(get_resolver()))


@pytest.mark.parametrize(("route", "view"), PATTERNS, ids=[route or "/" for route, _ in PATTERNS])
def test_every_url_pattern_has_a_permission_rule(route, view):
    rule = getattr(view, "scorecard_rule", None) or getattr(getattr(view, "view_class", None), "scorecard_rule", None)
    assert isinstance(rule, Rule), f"{route} has no permission rule; declare one with @rule(...)"


def test_the_urls_are_the_ones_this_test_expects_to_check():
    assert len(PATTERNS) >= 12


def _forgotten(request):
    return HttpResponse("secret")


urlpatterns = [path("forgotten/", _forgotten)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_a_rule_is_refused(db):
    response = Client().get("/forgotten/")

    assert response.status_code == 403
    assert b"secret" not in response.content
