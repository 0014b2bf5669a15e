"""Who reaches what by URL: signed-out visitors only the public pages, and a member of one
organisation nothing of another's, whatever the address."""

import pytest
from django.test import Client

from scorecard.web.plans import changes, models
from scorecard.web.plans.publishing import publish
from scorecard.web.plans.queries import reporting_quarter

SIGNED_IN_PAGES = [
    "/dashboard/",
    "/dashboard/?period=Q1 2018/19",
    "/themes/build/",
    "/measures/",
    "/measures/?q=homes&status=HG&theme=build",
    "/measures/build-1/",
    "/measures/build-1/changes/",
    "/actions/build-a1/",
]


def public_pages(world):
    return [
        "/public/harrow/",
        "/public/harrow/measures/",
        "/public/harrow/measures/build-1/",
        f"/public/harrow/reports/{world.publication.pk}/",
        "/accounts/login/",
    ]


def test_signed_out_visitors_land_on_the_published_reports(world, db):
    response = Client().get("/")

    assert response.status_code == 302
    assert response["Location"] == "/public/harrow/"


def test_signed_out_visitors_read_every_public_page(world, db):
    client = Client()

    assert {page: client.get(page).status_code for page in public_pages(world)} == dict.fromkeys(
        public_pages(world), 200
    )


@pytest.mark.parametrize("page", SIGNED_IN_PAGES)
def test_signed_out_visitors_are_sent_to_sign_in_from_every_other_page(world, db, page):
    response = Client().get(page)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("page", SIGNED_IN_PAGES)
def test_every_role_reads_the_signed_in_pages(signed_in, page):
    for role in ("administrator", "officer", "approver", "owner", "viewer"):
        assert signed_in(role).get(page).status_code == 200, role


@pytest.mark.parametrize("page", ["/themes/build/", "/measures/build-1/", "/actions/build-a1/"])
def test_another_organisations_member_finds_nothing_of_harrows(signed_in, page):
    assert signed_in("elsewhere").get(page).status_code == 404


def test_harrows_members_find_nothing_of_another_organisations(signed_in, world):
    client = signed_in("officer")
    pages = [f"/themes/{world.other_theme}/", f"/measures/{world.other_measure}/", f"/actions/{world.other_action}/"]

    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 404)


def test_an_organisation_with_nothing_published_has_no_public_pages(world, db):
    client = Client()
    pages = ["/public/elsewhere/", "/public/elsewhere/measures/", f"/public/elsewhere/reports/{world.publication.pk}/"]

    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 404)


def test_a_dashboard_with_no_figures_yet_says_so(signed_in):
    response = signed_in("elsewhere").get("/dashboard/")

    assert response.status_code == 200
    assert "No figures are held yet" in response.content.decode()


def test_public_pages_show_the_published_figure_not_a_later_change(world, db):
    with models.within(world.harrow):
        held = models.Return.objects.get(measure__code="build-1", period__label="Q2 2018/19")
        changes.change(held, {"actual": "12"}, expected_version=held.version, by=None)

    page = Client().get("/public/harrow/measures/build-1/").content.decode()

    assert ">76<" in page
    assert ">12<" not in page


def test_a_measure_that_is_not_public_has_no_public_page(world, db):
    with models.within(world.harrow):
        measure = models.Measure.objects.get(code="build-1")
        changes.change(measure, {"public": False}, expected_version=measure.version, by=None)

    assert Client().get("/public/harrow/measures/build-1/").status_code == 404
    assert "/measures/build-1/" not in Client().get("/public/harrow/measures/").content.decode()


@pytest.mark.slow
def test_anyone_reads_a_published_report_s_pdfs_as_they_were_printed_and_nothing_unprinted(world, db):
    printed = publish("harrow", reporting_quarter("harrow", "Q2 2018/19"), by=None, with_pdf=True)
    client, base = Client(), f"/public/harrow/reports/{printed.pk}"

    report, annex = client.get(f"{base}/report.pdf"), client.get(f"{base}/analytics-annex.pdf")

    assert (report["Content-Type"], annex["Content-Type"]) == ("application/pdf", "application/pdf")
    assert (report.content, annex.content) == (bytes(printed.pdf), bytes(printed.annex_pdf))
    assert report["Content-Disposition"] == 'inline; filename="harrow-Q2-2018-19-2-report.pdf"'
    listing = client.get("/public/harrow/").content.decode()
    assert f'href="{base}/analytics-annex.pdf">analytics annex (PDF)' in listing
    assert f"/reports/{world.publication.pk}/report.pdf" not in listing  # published without its PDF
    missing = [
        f"/public/harrow/reports/{world.publication.pk}/report.pdf",
        f"{base}/scorecard.pdf",
        f"/public/elsewhere/reports/{printed.pk}/report.pdf",
    ]
    assert {page: client.get(page).status_code for page in missing} == dict.fromkeys(missing, 404)
