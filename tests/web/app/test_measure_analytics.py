"""The measure page's analytics, signed in and public: the XmR chart with its table and summary,
the interval and the significance of the latest change, and the comparators' positions."""

import html as entities
import re

from scorecard.reporting.html import render_html
from scorecard.web.plans import changes, models
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.publishing import fresh_build
from scorecard.web.plans.publishing import published as published_report
from scorecard.web.plans.queries import reporting_quarter
from tests.web.app.histories import steady_history


def _text(response):
    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_a_rate_shows_its_chart_table_summary_interval_change_and_comparators(signed_in):
    response = signed_in("viewer").get("/measures/vulnerable-8/")
    html = response.content.decode()
    text = _text(response)

    assert (
        "3 figures held from Q2 2017/18 to Q2 2018/19; the latest, 40.4% (19/47) against a target of Year on year "
        "reduction (High Green)." in text
    )
    assert 'aria-labelledby="process-chart-title"' in html
    assert "Figures of the XmR chart" in text
    assert (
        "3 points from Q2 2017/18 to Q2 2018/19: too few for process limits, which need 13, so the chart shows "
        "the mean (37.07) only and no point is judged special cause." in text
    )
    assert "Dashed lines: the process limits" not in text  # none drawn
    # 9/28 against 19/47, as issue 7 asks.
    assert (
        "40.4% (19/47) in Q2 2018/19 against 32.1% (9/28) in Q1 2018/19: a rise of 8.28 percentage points, not "
        "statistically significant (the 95% interval of the difference, -14.22 to 28.39, includes no change; "
        "Newcombe's hybrid score interval for a difference of proportions, 95%)." in text
    )
    assert "Q2 2018/19 40.4% (19/47) 27.64 54.66 Difference 8.28 -14.22 28.39" in text
    assert "Similar to England (38.2; by the 95% interval)." in text
    assert "In quartile 4 of 4 among the 8 members of Illustrative neighbours (1 = lowest; lower is better)." in text


def test_a_figure_without_an_interval_is_compared_by_value_and_said_so(signed_in):
    text = _text(signed_in("viewer").get("/measures/build-12/"))
    assert "Better than England (2.6; by the values alone, as no interval is held)." in text
    assert "Is this change significant?" not in text  # no numerator and denominator


def test_with_enough_points_the_chart_draws_limits_and_marks_special_causes(signed_in, world):
    steady_history(world)
    response = signed_in("viewer").get("/measures/build-17/")
    html, text = response.content.decode(), _text(response)
    assert 'class="sc-limit"' in html
    assert "<title>Q2 2014/15: 120, special cause improvement (outside)</title>" in html  # lower is better
    assert "<title>Q1 2018/19: 285, special cause concern (outside)</title>" in html
    assert (
        "15 points from Q2 2014/15 to Q2 2018/19: mean 198.87, process limits 120.4 to 277.34; 2 points special "
        "cause; latest: common cause variation: no sign of change beyond the usual ups and downs; consistently "
        "passing against the target." in text
    )
    assert "Variation Common cause variation: no sign of change beyond the usual ups and downs" in text
    assert "Assurance Consistently passing: the target lies outside the process limits, on the good side" in text


def test_the_public_measure_page_shows_the_analytics_of_published_figures(client, world, db):
    text = _text(client.get("/public/harrow/measures/vulnerable-8/"))
    assert "Figures of the XmR chart" in text
    assert "not statistically significant" in text
    assert "Similar to England (38.2; by the 95% interval)." in text


def test_the_published_report_keeps_its_appendix_when_comparators_change(world, db):
    published = world.publication
    assert "Appendix: analytics" in published.html
    assert "Similar to England (38.2; by the 95% interval)." in published.html
    with models.within(world.harrow):
        england = models.Benchmark.objects.get(
            measure__code="vulnerable-8", group="England", period__label="Q2 2018/19"
        )
        changes.change(england, {"value": 20, "lower": 19, "upper": 21}, expected_version=england.version, by=None)
    quarter = reporting_quarter("harrow", "Q2 2018/19")
    assert "Worse than England (20; by the 95% interval)." in render_html(fresh_build("harrow", quarter)[0])
    again = published_report("harrow", quarter)
    assert (again.html, again.content_hash) == (published.html, published.content_hash)


def test_a_long_history_labels_at_most_six_periods_under_a_chart(signed_in, world, db):
    with models.within(world.harrow):
        measure = models.Measure.objects.get(code="build-17")
        quarter = reporting_quarter("harrow", "Q2 2017/18")
        for value in range(12):
            quarter = quarter.previous()
            period = stored_period(world.harrow, quarter)
            models.Return.objects.create(organisation=world.harrow, measure=measure, period=period, actual=str(value))
    html = signed_in("viewer").get("/measures/build-17/").content.decode()
    chart = html[html.index('aria-labelledby="process-chart-title"') :]
    chart = chart[: chart.index("</svg>")]
    assert re.findall(r'text-anchor="middle">([^<]+)</text>', chart) == [
        "Q2 2014/15",
        "Q1 2015/16",
        "Q4 2015/16",
        "Q3 2016/17",
        "Q2 2017/18",
    ]


def test_the_chart_draws_the_comparator_held_and_the_table_beside_it_gives_its_values(signed_in):
    html = signed_in("viewer").get("/measures/vulnerable-8/").content.decode()
    chart = html.split('aria-labelledby="line-chart-title"', 1)[1].split("</svg>", 1)[0]
    table = html.split("Every period held</caption>", 1)[1].split("</table>", 1)[0]

    assert "% of Reoffenders after 12 months: actual against target and England" in chart
    assert chart.count('class="sc-comparator"') == 1
    assert "<title>England: 38.2</title>" in chart
    assert "Dotted green line with diamonds: England." in html
    assert '<th scope="col" class="govuk-table__header">England</th>' in table
    q2 = table.split("Q2 2018/19</th>", 1)[1].split("</tr>", 1)[0]
    assert '<td class="govuk-table__cell">38.2</td>' in q2


def test_without_comparators_the_chart_and_table_have_none(signed_in):
    html = signed_in("viewer").get("/measures/build-17/").content.decode()
    assert 'class="sc-comparator"' not in html
    assert "Dotted green line" not in html
