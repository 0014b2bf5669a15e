"""The web app in Debian's Chromium: no WCAG 2.2 A/AA failure axe-core can find on any page
type, signed in or out; no sideways scrolling at 320 CSS pixels; an owner's journey by
keyboard alone; and the whole quarter: submit, return, fix, approve, publish, read."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.web.app.browser import serving

pytestmark = pytest.mark.slow

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIGNED_OUT = [
    "/public/harrow/",
    "/public/harrow/measures/",
    "/public/harrow/measures/build-1/",
    "/public/harrow/measures/vulnerable-8/",  # analytics: XmR chart, interval, change test, comparators
    "/accounts/login/",
]
SIGNED_IN = [
    "/dashboard/",
    "/themes/build/",
    "/measures/?status=HR",
    "/measures/build-1/",  # a year-end forecast
    "/measures/vulnerable-8/",
    "/measures/build-1/changes/",
    "/actions/build-a1/",
    "/updates/",
    "/approvals/",
    "/completion/",
    "/themes/build/words/",
    "/report/introduction/",
    "/actions/build-a1/progress/",
    "/plan/",
    "/plan/measures/build-57/",
    "/plan/measures/build-57/targets/",
    "/plan/schemes/",
    "/plan/schemes/five-band/",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("serve")) as running:
        yield running


def _violations(page):
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [
        f"{page.url} {v['id']} ({len(v['nodes'])}x): {v['nodes'][0]['html'][:160]}"
        for v in result.response["violations"]
    ]


def _sign_in(page, server, username):
    page.goto(f"{server.url}/accounts/login/")
    page.fill("#username", username)
    page.fill("#password", server.passwords[username])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/dashboard/")


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_serve_prints_a_demo_user_for_every_role(server):
    assert set(server.passwords) == {"administrator", "officer", "approver", "owner", "viewer"}
    assert "Migrating the database" in server.log.read_text()


def _check_before_publishing(page, server):
    """The page an officer meets on publishing Q2 2018/19: the commentary checks' findings."""
    page.goto(server.url + "/completion/?period=Q2 2018/19")
    page.get_by_role("button", name="Publish the Q2 2018/19 report").click()
    page.get_by_role("heading", name="Check before publishing Q2 2018/19").wait_for()


def test_no_page_has_an_accessibility_failure_signed_out_or_in(browser, server):
    page = browser.new_page()
    found = []
    for path in SIGNED_OUT:
        page.goto(server.url + path)
        found += _violations(page)
    page.goto(server.url + "/accounts/login/")
    page.get_by_role("button", name="Sign in").click()  # the form with its errors
    found += _violations(page)
    _sign_in(page, server, "officer")
    for path in SIGNED_IN:
        page.goto(server.url + path)
        found += _violations(page)
    _check_before_publishing(page, server)
    found += _violations(page)
    page.close()
    assert found == []


def test_no_page_scrolls_sideways_at_320_pixels(browser, server):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    wide = []
    for path in SIGNED_OUT:
        page.goto(server.url + path)
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(path)
    _sign_in(page, server, "officer")
    for path in SIGNED_IN:
        page.goto(server.url + path)
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(path)
    _check_before_publishing(page, server)
    if page.evaluate("document.documentElement.scrollWidth") > 320:
        wide.append("the commentary checks before publishing")
    page.close()
    assert wide == []


def _tab_to(page, test, limit=80):
    """Press Tab until the focused element passes `test` (JavaScript, given the element)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def _open_quarter(page, server):
    _sign_in(page, server, "officer")
    page.goto(server.url + "/completion/")
    page.get_by_label("Quarter to open").select_option("Q3 2018/19")
    due = page.get_by_role("group", name="Due date")
    for part, typed in (("Day", "31"), ("Month", "1"), ("Year", "2019")):
        due.get_by_label(part).fill(typed)
    page.get_by_role("button", name="Open for collection").click()
    page.get_by_text("Opened Q3 2018/19 for collection, due 31 January 2019").wait_for()
    _sign_out(page)


def test_the_whole_quarter_in_the_browser(browser, server):
    """An owner submits with the keyboard alone; an approver returns it; the owner fixes it; the
    approver approves; the officer writes a theme's summary and a key challenge and publishes;
    a signed-out resident reads the published report."""
    page = browser.new_page()
    _open_quarter(page, server)

    # The owner, keyboard only
    page.goto(f"{server.url}/accounts/login/")
    _tab_to(page, "element.id === 'username'")
    page.keyboard.type("owner")
    page.keyboard.press("Tab")
    page.keyboard.type(server.passwords["owner"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/dashboard/")
    _tab_to(page, "element.textContent.trim() === 'My updates'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/updates/")
    _tab_to(page, "element.closest('tbody') !== null && element.tagName === 'A'")
    measure = page.evaluate("document.activeElement.textContent").split(",")[0].strip()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    form = page.url
    page.get_by_label("Actual").fill("lots")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_text("There is a problem").wait_for()
    found = _violations(page)  # the return form, showing its errors
    page.goto(form)
    _tab_to(page, "element.id === 'id_actual'")
    page.keyboard.type("42")
    _tab_to(page, "element.id === 'id_commentary'")
    page.keyboard.type("Ahead of plan this quarter.")
    _tab_to(page, "element.textContent.trim() === 'Submit for approval'")
    page.keyboard.press("Enter")
    page.get_by_text("was submitted for approval").wait_for()
    _sign_out(page)

    # The approver returns it with a comment
    _sign_in(page, server, "approver")
    page.goto(server.url + "/approvals/")
    found += _violations(page)  # the approvals queue with a return in it
    section = page.locator("section", has_text=measure)
    section.get_by_label("Comment").fill("Please give the months the figure covers.")
    section.get_by_role("button", name="Return to owner").click()
    page.get_by_text("to its owner").wait_for()
    _sign_out(page)

    # The owner fixes it
    _sign_in(page, server, "owner")
    page.goto(server.url + "/updates/")
    page.get_by_role("link", name=measure).first.click()
    page.get_by_text("Please give the months the figure covers.").wait_for()
    page.get_by_label("Months covered").fill("Oct 18 - Dec 18")
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("was submitted for approval").wait_for()
    _sign_out(page)

    # The approver approves
    _sign_in(page, server, "approver")
    page.goto(server.url + "/approvals/")
    page.locator("section", has_text=measure).get_by_role("button", name="Approve").click()
    page.get_by_text("Approved the return").wait_for()
    _sign_out(page)

    # The officer writes the theme's summary and a key challenge, then publishes
    _sign_in(page, server, "officer")
    page.goto(server.url + "/themes/build/words/?period=Q3 2018/19")
    page.get_by_label("Summary of achievements").fill("Two hundred new homes were let this quarter.")
    page.get_by_role("button", name="Save the summary of achievements").click()
    page.get_by_text("Saved the summary of achievements").wait_for()
    page.get_by_label("Heading").fill("Temporary accommodation")
    page.get_by_label("What is being done").fill("A new lettings scheme starts in January.")
    page.get_by_role("button", name="Add the key challenge").click()
    page.get_by_text("Added the key challenge").wait_for()
    found += _violations(page)  # the report's words
    page.get_by_role("button", name="Submit the theme's words for approval").click()
    page.get_by_text("Submitted the words for").wait_for()
    page.get_by_role("button", name="Approve the theme's words").click()
    page.get_by_text("the report and public pages now use them").wait_for()
    page.goto(server.url + "/completion/?period=Q3 2018/19")
    found += _violations(page)  # the round: due date, what is outstanding, reminders, sign-off
    page.get_by_role("button", name="Publish the Q3 2018/19 report").click()
    anyway = page.get_by_role("button", name="Publish Q3 2018/19 anyway")
    refresh, done = page.get_by_text("Refresh this page"), page.get_by_text("Published Q3 2018/19")
    anyway.or_(refresh).or_(done).first.wait_for()
    if anyway.count():  # the commentary checks found something in the draft quarter
        found += _violations(page)
        anyway.click()
        refresh.or_(done).first.wait_for()
    found += _violations(page)  # the publishing progress page
    page.get_by_text("Published Q3 2018/19").wait_for(timeout=90_000)  # the queue builds the HTML and PDF
    _sign_out(page)

    # A resident, signed out
    page.goto(server.url + "/")
    page.get_by_role("link", name="Read the full report for Q3 2018/19").click()
    body = page.locator("body").inner_text()
    found += _violations(page)  # the published report as frozen
    page.close()
    assert found == []
    assert "Q3 2018/19" in body
    assert measure in body
    assert "Two hundred new homes were let this quarter." in body
    assert "Temporary accommodation" in body


def test_the_officer_previews_rule_changes_and_overrides_a_status_in_the_browser(browser, server):
    """The what-if previews, a form showing its errors, and the override page: no WCAG failure."""
    page = browser.new_page()
    _sign_in(page, server, "officer")
    page.goto(server.url + "/plan/schemes/five-band/")
    rules = page.get_by_label("Rules (TOML)")
    rules.fill(rules.input_value().replace("min = 0.05", "min = 0.10").replace("above = -0.05", "above = -0.10"))
    page.get_by_role("button", name="Preview what would change").click()
    page.get_by_text("statuses would change").wait_for()
    found = _violations(page)  # the scheme's what-if
    page.get_by_label("Why the rules change").fill("A ten percent tolerance")
    page.get_by_role("button", name="Adopt as version 2").click()
    page.get_by_text("Adopted five-band v2").wait_for()
    found += _violations(page)  # the schemes with two versions

    page.goto(server.url + "/plan/measures/build-57/")
    page.get_by_label("Good is").select_option("none")
    page.get_by_role("button", name="Preview what would change").click()
    page.get_by_text("would change").first.wait_for()
    found += _violations(page)  # the polarity's what-if
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("There is a problem").wait_for()
    found += _violations(page)  # the measure form showing its errors

    page.goto(server.url + "/plan/measures/build-57/targets/?period=Q2 2018/19")
    page.get_by_label("Target", exact=True).fill("99%")
    page.get_by_role("button", name="Preview what would change").click()
    page.get_by_text("would change").first.wait_for()
    found += _violations(page)  # the target's what-if
    page.get_by_role("link", name="status for Q2 2018/19").click()
    page.get_by_role("heading", name="Override the status").wait_for()
    page.get_by_role("button", name="Publish this band").click()
    page.get_by_text("There is a problem").wait_for()
    found += _violations(page)  # the override form showing its errors
    page.close()
    assert found == []
