"""Pages run a fixed number of queries: more measures or more periods cost rows, not queries."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scorecard.interchange.dataset import read_dataset
from scorecard.web.plans import models
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.loader import DEMO_DATASET, load_quarter_report
from scorecard.web.plans.queries import reporting_quarter
from scorecard.web.plans.statuses import store_statuses
from tests.web.edits import edit_themes

PAGES = ["/dashboard/", "/themes/build/", "/measures/", "/measures/?status=HR", "/updates/", "/approvals/"]
MOST = 30  # generous, but fixed: the point is that it does not grow


def _queries(client, page):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page).status_code == 200
    return len(captured)


def _with_copies(theme):
    if theme.key != "build":
        return theme
    copies = tuple(replace(measure, code=f"{measure.code}-copy", ref=f"{measure.ref}c") for measure in theme.measures)
    return replace(theme, measures=theme.measures + copies)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_the_same_queries_with_twice_the_measures(signed_in, world, page, django_assert_max_num_queries):
    client = signed_in("officer")
    before = _queries(client, page)

    load_quarter_report(edit_themes(read_dataset(DEMO_DATASET), _with_copies), slug="harrow")
    with models.within(world.harrow):
        assert models.Measure.objects.filter(code__endswith="-copy").count() > 20

    with django_assert_max_num_queries(MOST):
        after = _queries(client, page)
    assert after == before


def test_the_measure_page_runs_the_same_queries_with_more_periods(signed_in, world, django_assert_max_num_queries):
    client = signed_in("officer")
    before = _queries(client, "/measures/build-1/")

    with models.within(world.harrow):
        measure = models.Measure.objects.get(code="build-1")
        quarter = reporting_quarter("harrow", "Q2 2017/18")
        for _ in range(6):
            quarter = quarter.previous()
            period = stored_period(world.harrow, quarter)
            models.Target.objects.create(
                organisation=world.harrow, measure=measure, period=period, printed="6", kind="number"
            )
            models.Return.objects.create(organisation=world.harrow, measure=measure, period=period, actual="5")
        store_statuses(world.harrow, [measure.pk])
        assert measure.returns.count() == 9

    with django_assert_max_num_queries(MOST):
        after = _queries(client, "/measures/build-1/")
    assert after == before


@pytest.mark.parametrize("page", ["/measures/vulnerable-8/", "/public/harrow/measures/vulnerable-8/"])
def test_the_measure_page_runs_the_same_queries_with_more_comparators(signed_in, world, page):
    client = signed_in("officer")
    before = _queries(client, page)

    with models.within(world.harrow):
        measure = models.Measure.objects.get(code="vulnerable-8")
        for label in ("Q2 2017/18", "Q1 2018/19", "Q2 2018/19"):
            period = stored_period(world.harrow, reporting_quarter("harrow", label))
            for peer in range(10):
                models.Benchmark.objects.create(
                    organisation=world.harrow,
                    measure=measure,
                    period=period,
                    group="More peers",
                    kind="peers",
                    peer=f"Peer {peer}",
                    value=30 + peer,
                )

    after = _queries(client, page)
    assert after == before
    assert "among the 10 members of More peers" in client.get(page).content.decode()
