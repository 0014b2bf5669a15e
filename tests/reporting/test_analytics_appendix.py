"""The report's analytics appendix and its marks for changes that are not significant, in the
document, the HTML and the PDF's text, with values worked out by the core."""

import math
import shutil
import subprocess
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.periods import Quarter
from scorecard.core.plan import PeriodEntry, QuarterReport
from scorecard.reporting.analytics import Comparator, Observation, change_test
from scorecard.reporting.document import build_document
from scorecard.reporting.html import render_html
from scorecard.reporting.pdf import render_pdf
from tests.reporting.test_pdf import normalised

# Illustrative comparators, as the demo's benchmarks.csv holds them.
COMPARATORS = {
    ("vulnerable-8", "Q2 2018/19"): [
        Comparator("England", "England", 38.2, 37.9, 38.5),
        Comparator("Neighbours", "Statistical neighbours", peers=(31.2, 33.9, 35.4, 36.1, 37.5, 39.8, 41.0, 42.3)),
    ],
    ("build-12", "Q2 2018/19"): [Comparator("England", "England", 2.6)],
}
# build-17 (lower is better) given twelve earlier quarters, so it has the 13 points SPC needs.
EARLIER = (120, 200, 195, 205, 190, 210, 200, 195, 205, 190, 210, 200)


def _with_history(report: QuarterReport, earlier_figures: tuple[int, ...] = EARLIER) -> QuarterReport:
    def lengthen(measure):
        if measure.code != "build-17":
            return measure
        first = measure.entries[0].period
        quarters = [first]
        for _ in earlier_figures:
            quarters.insert(0, quarters[0].previous())
        earlier = tuple(PeriodEntry(q, "320", str(v)) for q, v in zip(quarters, earlier_figures, strict=False))
        return replace(measure, entries=earlier + measure.entries)

    themes = tuple(replace(theme, measures=tuple(lengthen(m) for m in theme.measures)) for theme in report.themes)
    return replace(report, themes=themes)


@pytest.fixture(scope="module")
def document(harrow):
    return build_document(_with_history(harrow), comparators=COMPARATORS)


def test_the_appendix_lists_measures_with_enough_history_or_comparators(document):
    assert [entry.ref for entry in document.analytics] == ["12", "17", "8"]
    homeless = document.analytics[1]
    assert homeless.reading.summary == (
        "15 points from Q2 2014/15 to Q2 2018/19: mean 198.87, process limits 120.4 to 277.34; 2 points special "
        "cause; latest: common cause variation: no sign of change beyond the usual ups and downs; consistently "
        "passing against the target."
    )
    assert homeless.reading.variation == "common_cause"
    assert homeless.reading.assurance == "consistent_pass"
    assert [position.summary for position in document.analytics[2].positions] == [
        "Similar to England (38.2; by the 95% interval).",
        "In quartile 4 of 4 among the 8 members of Neighbours (1 = lowest; lower is better).",
    ]


def test_a_status_whose_change_is_not_significant_is_marked(document):
    rows = {row.code: row for theme in document.themes for row in theme.rows}
    change = rows["vulnerable-8"].change
    assert (change.previous.printed, change.latest.printed) == ("32.1% (9/28)", "40.4% (19/47)")
    # Newcombe (1998) method 10 from the Wilson limits 17.93–50.66% and 27.64–54.66%, checked by hand.
    assert round(change.difference.lower, 4) == -14.2206
    assert round(change.difference.upper, 4) == 28.3942
    assert not change.significant
    assert rows["build-17"].change is None  # no numerator and denominator
    marked = [code for code, row in rows.items() if row.change and not row.change.significant]
    assert marked == ["vulnerable-8"]


def test_the_html_and_the_pdf_text_print_the_appendix(document):
    html = render_html(document)
    assert '<h2 id="analytics">Appendix: analytics</h2>' in html
    assert "The change from Q1 2018/19 is not statistically significant." in html
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=render_pdf(html), capture_output=True, check=True).stdout
    printed = normalised(text.decode())
    for expected in (
        "Appendix: analytics",
        "Variation: Common cause variation: no sign of change beyond the usual ups and downs.",
        "Assurance: Consistently passing: the target lies outside the process limits, on the good side.",
        "Similar to England (38.2; by the 95% interval).",
        "Better than England (2.6; by the values alone, as no interval is held).",
        "† The change from Q1 2018/19 is not statistically significant.",
    ):
        assert normalised(expected) in printed, expected


def test_without_history_or_comparators_there_is_no_appendix(harrow):
    assert build_document(harrow).analytics == ()
    assert "Appendix: analytics" not in render_html(build_document(harrow))


def test_the_appendix_reads_no_figure_after_the_reports_quarter(harrow):
    later = _with_history(harrow)
    assert (
        build_document(replace(later, period=Quarter(later.period.year, 1))).analytics[0].reading.points[-1].period
        == "Q1 2018/19"
    )


@st.composite
def _rates(draw):
    denominator = draw(st.integers(1, 5000))
    return f"{draw(st.integers(0, denominator))}/{denominator}"


@given(_rates(), _rates())
def test_the_change_interval_holds_the_change_and_reverses_with_the_order(before, after):
    one, two = Observation("Q1 2018/19", f"1 ({before})"), Observation("Q2 2018/19", f"1 ({after})")
    forward, backward = change_test(one, two), change_test(two, one)
    assert forward.difference.lower <= forward.difference.value <= forward.difference.upper
    assert forward.significant == (forward.difference.lower > 0 or forward.difference.upper < 0)
    assert forward.significant == backward.significant
    assert math.isclose(forward.difference.lower, -backward.difference.upper, abs_tol=1e-12)
