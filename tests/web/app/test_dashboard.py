"""The dashboard lists the measures furthest off target and links to all of them: the measures
list filtered "off target" shows exactly the measures the dashboard counts as off target."""

import re

from scorecard.web.pages import reading
from scorecard.web.pages.measures import OFF_TARGET
from scorecard.web.plans import models

Q2 = "Q2+2018/19"
MEASURE_LINK = re.compile(r'href="/measures/([^/"]+)/"')


def _off_target(world):
    with models.within(world.harrow):
        quarter = models.ReportingPeriod.objects.get(label="Q2 2018/19")
        return reading.dashboard(world.harrow, quarter).off_target


def _section(html, heading, following):
    return html.split(f">{heading}</h2>", 1)[1].split(f">{following}</h2>", 1)[0]


def test_the_filter_off_target_lists_exactly_the_dashboard_s_measures_off_target(signed_in, world):
    expected = _off_target(world)
    html = signed_in("viewer").get(f"/measures/?period={Q2}&status={OFF_TARGET}").content.decode()

    listed = MEASURE_LINK.findall(html.split("<tbody", 1)[1])
    assert sorted(listed) == sorted(expected)
    assert len(expected) == 24  # Harrow's bands with the figure on the wrong side of its target


def test_the_dashboard_lists_the_furthest_off_and_links_to_the_rest(signed_in, world, monkeypatch):
    expected = _off_target(world)
    monkeypatch.setattr(reading, "FURTHEST_OFF", 5)

    html = signed_in("viewer").get(f"/dashboard/?period={Q2}").content.decode()
    section = _section(html, "Measures off target", "Key projects at risk")

    assert MEASURE_LINK.findall(section) == expected[:5]
    assert f"See all {len(expected)} measures off target in Q2 2018/19" in section
    assert f"status={OFF_TARGET}" in section


def test_with_few_off_target_the_dashboard_lists_them_all_without_a_link(signed_in, world, monkeypatch):
    expected = _off_target(world)
    monkeypatch.setattr(reading, "FURTHEST_OFF", len(expected))
    section = _section(
        signed_in("viewer").get(f"/dashboard/?period={Q2}").content.decode(),
        "Measures off target",
        "Key projects at risk",
    )

    assert MEASURE_LINK.findall(section) == expected
    assert "See all" not in section
