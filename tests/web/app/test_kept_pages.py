"""Reading pages are kept until the organisation's data changes, and never shown after.

The kept copies live in the database cache, as in production. These tests share the module's
transaction (conftest.py), so `as_if_committed` does what a commit does to the stamp: on
PostgreSQL the stamp moves in a deferred trigger, once per transaction (guards.py)."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scorecard.web import settings as ours
from scorecard.web.pages.kept import OFFICERS_LINKS
from scorecard.web.plans import models
from tests.web.database_rules import on_postgresql

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
PAGES = ("/dashboard/", "/themes/vulnerable/?period=Q2+2018/19", "/measures/vulnerable-8/")


@pytest.fixture
def kept(settings, db):
    settings.CACHES = {**settings.CACHES, "pages": ours.CACHES["pages"]}
    as_if_committed()  # the module's data, written in its one transaction


def as_if_committed() -> None:
    """Run the stamp's deferred triggers now and forget which organisations this transaction
    stamped, as a commit would."""
    if on_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("SELECT set_config('scorecard.stamped_' || id, '', true) FROM plans_organisation")


def _read(client, page):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_read_again_is_the_kept_copy(signed_in, kept, page):
    client = signed_in("viewer")
    first, drawn = _read(client, page)
    again, kept_queries = _read(client, page)

    assert TOKEN.sub("", again) == TOKEN.sub("", first)  # the sign-out form's token is drawn afresh
    assert kept_queries < drawn
    assert kept_queries <= 6  # the session, the user, the membership, the stamp, the kept copy


@pytest.mark.parametrize("page", PAGES)
def test_a_kept_page_holds_no_one_s_form_token(signed_in, kept, page):
    client = signed_in("officer")
    _read(client, page)
    again, _ = _read(client, page)

    assert again.count("csrfmiddlewaretoken") == 1  # the sign-out form's, drawn for this request


def test_a_changed_figure_is_shown_at_once_even_when_written_around_the_app(signed_in, world, kept):
    client = signed_in("viewer")
    before, _ = _read(client, "/measures/vulnerable-8/")
    assert "987.6" not in before

    with connection.cursor() as cursor:  # raw SQL: no Django signal, no app code
        cursor.execute(
            "UPDATE plans_return SET actual = '987.6' WHERE measure_id = "
            "(SELECT id FROM plans_measure WHERE code = 'vulnerable-8') "
            "AND period_id = (SELECT id FROM plans_reportingperiod WHERE label = 'Q2 2018/19' "
            "AND organisation_id = %s)",
            [world.harrow.pk],
        )
    as_if_committed()

    after, _ = _read(client, "/measures/vulnerable-8/")
    assert "987.6" in after


def test_another_council_s_change_keeps_this_council_s_pages(signed_in, world, kept):
    client = signed_in("viewer")
    _read(client, "/dashboard/")
    stamp = models.data_stamp(world.harrow.pk)

    with models.within(world.other):
        models.Directorate.objects.create(organisation=world.other, name="Parks and Open Spaces")
    as_if_committed()

    assert models.data_stamp(world.harrow.pk) == stamp
    assert models.data_stamp(world.other.pk) > 0
    _, queries = _read(client, "/dashboard/")
    assert queries <= 6


@pytest.mark.parametrize(
    ("page", "link"),
    [
        ("/themes/vulnerable/?period=Q2+2018/19", "Write the report's words for this theme"),
        ("/measures/vulnerable-8/", "Edit its targets and statuses"),
    ],
)
def test_one_copy_serves_every_role_with_the_officer_s_links_drawn_for_each_request(signed_in, kept, page, link):
    officer, _ = _read(signed_in("officer"), page)
    viewer, queries = _read(signed_in("viewer"), page)
    officer_again, _ = _read(signed_in("officer"), page)
    officer, viewer, officer_again = (html.unescape(text) for text in (officer, viewer, officer_again))

    assert queries <= 6  # the officer's copy, kept
    assert link in officer
    assert link in officer_again
    assert link not in viewer
    assert OFFICERS_LINKS not in officer + viewer


def test_a_renamed_owner_is_shown_by_the_new_name(signed_in, world, kept):
    client = signed_in("viewer")
    with models.within(world.harrow):
        measure = models.Measure.objects.select_related("owner").get(code="vulnerable-8")
    if measure.owner is None:
        with models.within(world.harrow):
            models.Measure.objects.filter(pk=measure.pk).update(owner=models.User.objects.get(username="owner"))
        as_if_committed()
    _read(client, "/measures/vulnerable-8/")

    models.User.objects.filter(username="owner").update(first_name="Ngozi", last_name="Adeyemi-Clarke")
    as_if_committed()

    after, _ = _read(client, "/measures/vulnerable-8/")
    assert "Ngozi Adeyemi-Clarke" in after
