"""The HTML report: well formed, self-contained, semantic, and never status by colour alone."""

from dataclasses import replace
from itertools import pairwise
from xml.etree.ElementTree import Element

import pytest

from scorecard.reporting.document import ReportDocument
from scorecard.reporting.html import render_html
from scorecard.reporting.templating import unbroken_months
from tests.reporting.htmltree import classes, parse, text


@pytest.fixture(scope="module")
def tree(html: str) -> Element:
    return parse(html)


def scorecards(tree: Element) -> list[Element]:
    return [table for table in tree.iter("table") if "scorecard-table" in classes(table)]


def body_rows(table: Element) -> list[Element]:
    return [row for body in table.iter("tbody") for row in body.iter("tr")]


def test_the_page_is_british_english_with_one_h1_and_no_skipped_heading_levels(tree: Element) -> None:
    assert tree.get("lang") == "en-GB"
    headings = [int(element.tag[1]) for element in tree.iter() if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    assert headings.count(1) == 1
    assert headings[0] == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(headings))


def test_sections_follow_the_reference_report(tree: Element, document: ReportDocument) -> None:
    h2 = [text(element) for element in tree.iter("h2")]
    themes = [theme.heading for theme in document.themes]
    assert h2 == [
        "Introduction",
        "Summary of achievements at Quarter 2",
        "Corporate Scorecard at a glance, Q2 2018/19",
        *themes,
        "Abbreviations",
    ]
    h3 = [text(element) for element in tree.iter("h3")]
    for theme in document.themes:
        start = h3.index(theme.scorecard_title) - 2
        assert h3[start : start + 3] == [
            "Key Projects and Initiatives",
            "Summary of key challenges",
            theme.scorecard_title,
        ]


def test_the_introduction_lists_the_three_themes(tree: Element) -> None:
    themes = next(element for element in tree.iter("ul") if "theme-list" in classes(element))
    assert [text(item) for item in themes] == [
        "Build a Better Harrow",
        "Be More Business-like and Business Friendly",
        "Protect the Most Vulnerable and Support Families",
    ]


def test_the_file_is_self_contained(tree: Element) -> None:
    assert not [element for element in tree.iter() if element.get("src") or element.get("href")]
    assert tree.find("head/style") is not None


def test_every_table_has_a_caption_and_scoped_headers(tree: Element) -> None:
    tables = list(tree.iter("table"))
    assert len(scorecards(tree)) == 3
    for table in tables:
        caption = table.find("caption")
        assert caption is not None
        assert text(caption)
        headers = list(table.iter("th"))
        assert headers
        assert all(th.get("scope") in {"col", "row", "colgroup", "rowgroup"} for th in headers)
        assert table.find("thead") is not None  # repeats on every printed page


def test_scorecard_header_names_the_three_quarters_and_the_reference_columns(tree: Element) -> None:
    head = scorecards(tree)[0].find("thead")
    assert head is not None
    first, second = head.findall("tr")
    assert [text(th) for th in first if th.get("scope") == "colgroup"] == ["Q2 2017/18", "Q1 2018/19", "Q2 2018/19"]
    assert [text(th) for th in second] == ["Target", "Actual", "RAG Status"] * 3
    assert text(first).startswith("Ref Measure (Annual measures are shown only in the quarter in which they report)")
    assert text(first).endswith("Trend Why this status (Q2 2018/19)")


def test_every_status_cell_carries_its_code_in_text(tree: Element, document: ReportDocument) -> None:
    for table, theme in zip(scorecards(tree), document.themes, strict=True):
        rows = body_rows(table)
        assert len(rows) == len(theme.rows)
        for html_row, row in zip(rows, theme.rows, strict=True):
            cells = [td for td in html_row.findall("td") if "rag" in classes(td)]
            assert len(cells) == 3
            for cell, period in zip(cells, row.periods, strict=True):
                expected = period.shown.text + ("*" if period.differs else "")
                if period.shown.note:
                    expected += f" {period.shown.note}"
                if period is row.current and row.change and not row.change.significant:
                    expected += "†"  # the change from the previous quarter is not significant
                assert text(cell) == expected, (row.code, period.period)


def test_badges_pair_colour_with_a_shape_and_text(tree: Element) -> None:
    badges = [element for element in tree.iter("span") if "badge" in classes(element)]
    assert len(badges) > 200
    for badge in badges:
        shape, code = badge[0], badge.find("abbr")
        assert "shape" in classes(shape)
        assert shape.get("aria-hidden") == "true"
        assert code is not None
        assert text(code)
        assert code.get("title")
        assert not badge.get("style")  # coloured by class, from validated hex colours


def test_every_current_status_has_its_reason(tree: Element, document: ReportDocument) -> None:
    for table, theme in zip(scorecards(tree), document.themes, strict=True):
        for html_row, row in zip(body_rows(table), theme.rows, strict=True):
            why = next(td for td in html_row.findall("td") if "why" in classes(td))
            assert row.current.reason in text(why), row.code


def test_a_published_status_that_differs_from_the_rule_is_flagged(tree: Element) -> None:
    vulnerable = scorecards(tree)[2]
    referrals = body_rows(vulnerable)[0]
    assert "Repeat referrals to Children's Social Care" in text(referrals)
    why = next(td for td in referrals.findall("td") if "why" in classes(td))
    assert text(why).startswith("Published LG* by officer override. The rule gives: High Green: 16.9% below")
    overrides = next(table for table in tree.iter("table") if "overrides" in classes(table))
    assert len(body_rows(overrides)) == 9
    assert "Q1 2018/19 LG* HG High Green: 18.1% below the target of 16%" in text(body_rows(overrides)[0])


def test_trend_is_an_arrow_and_a_word(tree: Element) -> None:
    council_tax = next(row for row in body_rows(scorecards(tree)[1]) if "Council Tax" in text(row))
    trend = next(td for td in council_tax.findall("td") if "trend" in classes(td))
    assert text(trend) == "▼ deteriorated vs Q2 2017/18"
    assert trend.find(".//span[@aria-hidden='true']") is not None


def test_status_counts_per_theme_are_shown(tree: Element) -> None:
    counts = next(table for table in tree.iter("table") if "counts" in classes(table))
    totals = counts.find("tfoot/tr")
    assert totals is not None
    assert text(totals) == "Measures 40 20 25 85"
    high_green = next(row for row in body_rows(counts) if "High Green" in text(row))
    assert text(high_green) == "HG High Green 10 7 10 27"


def test_text_is_escaped(document: ReportDocument) -> None:
    theme = document.themes[0]
    hostile = replace(theme, name="<script>alert(1)</script>")
    html = render_html(replace(document, themes=(hostile, *document.themes[1:])))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_covered_months_never_break_inside_a_month() -> None:
    assert unbroken_months("Jul 17- Jun 18") == "Jul\u00a017- Jun\u00a018"
    assert unbroken_months("Apr 17 to Mar 18") == "Apr\u00a017 to Mar\u00a018"


def test_key_projects_show_their_status_in_words(tree: Element, document: ReportDocument) -> None:
    tables = [table for table in tree.iter("table") if "projects" in classes(table)]
    assert len(tables) == len(document.themes)
    for table, theme in zip(tables, document.themes, strict=True):
        statuses = [text(row.findall("td")[-1]) for row in body_rows(table)]
        assert statuses == [project.status for project in theme.key_projects]
    assert "GREEN (Completed)" in {project.status for theme in document.themes for project in theme.key_projects}
