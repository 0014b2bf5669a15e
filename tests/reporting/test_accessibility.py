"""The HTML report in a real browser: no WCAG 2.2 A/AA failures that axe-core can find."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.slow

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page):
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [
        f"{violation['id']} ({len(violation['nodes'])}x): {violation['nodes'][0]['html'][:120]}"
        for violation in result.response["violations"]
    ]


def test_the_report_has_no_wcag_aa_violations(browser, html, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(html, encoding="utf-8")
    page = browser.new_page()
    page.goto(report.as_uri())
    assert violations(page) == []


def test_axe_does_find_failures(browser):
    """The check above can fail: a page with known faults is caught."""
    page = browser.new_page()
    page.set_content('<html><body><img src="chart.png"><p style="color:#aaa">faint</p></body></html>')
    found = " ".join(violations(page))
    assert "image-alt" in found
    assert "color-contrast" in found


def test_scorecard_tables_can_be_scrolled_from_the_keyboard(browser, html, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(report.as_uri())
    region = page.locator("[role=region][tabindex='0']").first
    region.focus()
    assert region.evaluate("element => element.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # the browser may scroll smoothly, so wait for the move rather than read it at once
    page.wait_for_function("element => element.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
