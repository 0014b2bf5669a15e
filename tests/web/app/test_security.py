"""Headers and escaping: a content security policy without inline scripts, no framing, CSRF on
every change, and whatever a user types shown as text."""

from django.test import Client

from scorecard.web.plans import changes, models

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_every_page_carries_a_content_security_policy_without_inline_scripts(world, db):
    response = Client().get("/public/harrow/")

    policy = response["Content-Security-Policy"]
    script = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert script == "script-src 'self'"
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(signed_in):
    page = signed_in("officer").get("/dashboard/").content.decode()

    assert "<script>" not in page
    assert '<script type="module" src="/static/' in page


def test_a_change_without_a_csrf_token_is_refused(world, db):
    client = Client(enforce_csrf_checks=True)
    client.login(username="officer", password=world.passwords["officer"])

    assert client.post("/publish/", {"period": "Q2 2018/19"}).status_code == 403


def test_text_a_user_typed_is_shown_as_text(signed_in, world):
    with models.within(world.harrow):
        held = models.Return.objects.get(measure__code="build-1", period__label="Q2 2018/19")
        changes.change(held, {"commentary": HOSTILE}, expected_version=held.version, by=None)

    page = signed_in("viewer").get("/measures/build-1/").content.decode()

    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
