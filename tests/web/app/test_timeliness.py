"""Timeliness in the app: the Harrow demo's Q2 2018/19 (published, so its collection is over)
and Q3 2018/19 opened for collection, which makes returns only for what is due and fills in the
months an in-arrears measure's figure covers."""

from collections import Counter

import pytest
from django.utils.html import strip_tags

from scorecard.web.plans import models
from scorecard.web.plans.timeliness import LATE, STATES, in_quarter, tally
from tests.web.app.dates import due

Q2 = "Q2 2018/19"
Q3 = "Q3 2018/19"


def _text(html):
    return " ".join(strip_tags(html).split())


@pytest.fixture
def opened(signed_in, world):
    assert signed_in("officer").post("/completion/open/", {"quarter": Q3, **due("31/01/2019")}).status_code == 302
    with models.within(world.harrow):
        return {
            held.measure.code: held for held in models.Return.objects.filter(period__label=Q3).select_related("measure")
        }


def test_the_harrow_quarter_as_the_report_left_it(world, db):
    with models.within(world.harrow):
        quarter = models.ReportingPeriod.objects.get(kind="quarter", label=Q2)
        timed = {item.measure.code: item.timing.describe() for item in in_quarter(world.harrow, quarter)}

    assert Counter(timed.values()) == {
        "Due": 64,
        "Not available": 12,  # the report's notes and dashes: no figure, and the quarter is published
        "Not due this quarter": 6,  # annual measures reporting in Q1
        "Awaiting data (in arrears): latest published Jul 16 - Sep 16": 1,
        "Awaiting data (in arrears): latest published Jul 17 - Jun 18": 1,
        "Awaiting data (in arrears): latest published Apr 17 - Mar 18": 1,
    }
    assert (timed["build-21"], timed["build-33"], timed["vulnerable-9"]) == (
        "Not available",
        "Not due this quarter",
        "Awaiting data (in arrears): latest published Jul 17 - Jun 18",
    )


def test_opening_a_quarter_makes_returns_only_for_what_is_due_and_fills_in_the_months_in_arrears(world, opened):
    assert len(opened) == 79  # 85 measures less the six annual ones reporting in Q1
    assert not {"build-33", "build-34", "build-41", "build-42", "build-43", "build-44"} & set(opened)
    covers = {code: held.covers for code, held in opened.items() if held.covers}
    assert covers == {
        "build-20": "Oct 17 - Sep 18",
        "build-21": "Oct 17 - Sep 18",
        "build-45": "Jul 18 - Sep 18",
        "build-50": "Jul 18 - Sep 18",
        "vulnerable-8": "Oct 16 - Dec 16",
        "vulnerable-9": "Oct 17 - Sep 18",
        "vulnerable-10": "Jul 17 - Jun 18",
        "vulnerable-13": "Jul 18 - Sep 18",
    }
    held = opened["vulnerable-9"]
    assert (str(held.covers_start), str(held.covers_end)) == ("2017-10-01", "2018-09-30")


def test_the_completion_page_tags_each_measures_timeliness(signed_in, world, opened):
    officer = signed_in("officer")

    published = _text(officer.get("/completion/", {"period": Q2}).content.decode())
    collecting = _text(officer.get("/completion/", {"period": Q3}).content.decode())

    assert "Knife crime with injury (victims under 25) rolling 12 months Community Not available Approved" in published
    assert (
        "% of Reoffenders after 12 months People Awaiting data (in arrears): latest published "
        "Jul 16 - Sep 16 Approved, covers Jul 16 - Sep 16" in published
    )
    # Q3 is still being collected: an empty draft is due (or awaited), not yet "not available"
    assert (
        "% of Reoffenders after 12 months People Awaiting data (in arrears): latest published "
        "Oct 16 - Dec 16 Draft, covers Oct 16 - Dec 16" in collecting
    )
    assert "Not available" not in collecting.split("Timeliness of each measure")[1]


def test_the_dashboard_counts_timeliness_by_directorate_and_lists_what_is_late(signed_in, world):
    page = _text(signed_in("officer").get("/dashboard/", {"period": Q2}).content.decode())

    assert (
        "Directorate Due Not due this quarter Awaiting data (in arrears) Not available "
        "Community 25 6 0 9 People 19 0 3 3 Resources 20 0 0 0" in page
    )
    assert (
        "First time entrants to Youth Justice System (rate per 100,000 of 10-17 population): Awaiting data "
        "(in arrears): latest published Apr 17 - Mar 18" in page
    )
    assert "Knife crime with injury (victims under 25) rolling 12 months: Not available" in page


def test_my_updates_tags_each_returns_timeliness(signed_in, world, opened):
    page = _text(signed_in("officer").get("/updates/").content.decode())

    assert (
        "% of Reoffenders after 12 months, Q3 2018/19 Q3 2018/19 Draft Awaiting data (in arrears): "
        "latest published Oct 16 - Dec 16" in page
    )
    assert "Number of new council houses built (cumulative), Q3 2018/19 Q3 2018/19 Draft Due" in page


@pytest.mark.parametrize("label", [Q2, Q3])
def test_the_dashboard_s_tally_counts_what_every_measure_s_timeliness_says(opened, world, label):
    with models.within(world.harrow):
        quarter = models.ReportingPeriod.objects.get(kind="quarter", label=label)
        timed = in_quarter(world.harrow, quarter)
        counted = tally(world.harrow, quarter)

    by_directorate: dict[str, Counter] = {}
    for item in timed:
        name = item.measure.directorate.name if item.measure.directorate else "No directorate"
        by_directorate.setdefault(name, Counter())[item.timing.state] += 1
    assert counted.by_directorate == [
        (name, [n[state] for state in STATES]) for name, n in sorted(by_directorate.items())
    ]
    late = [(item.measure.code, item.measure.name, item.timing) for item in timed if item.timing.state in LATE]
    assert [(item.code, item.name, item.timing) for item in counted.late] == late
    assert late  # both quarters have measures awaited or not available
