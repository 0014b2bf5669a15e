"""The theme page's scorecard shows three quarters: a figure held for a quarter between last
year's and the previous one is left out, not an error (found by the load benchmark's council,
whose measures hold every quarter)."""

from scorecard.web.plans import models
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.queries import reporting_quarter
from scorecard.web.plans.statuses import store_statuses


def test_a_figure_between_the_scorecards_columns_is_left_out(signed_in, world):
    with models.within(world.harrow):
        measure = models.Measure.objects.get(code="build-1")
        between = stored_period(world.harrow, reporting_quarter("harrow", "Q4 2017/18"))
        models.Target.objects.create(
            organisation=world.harrow, measure=measure, period=between, printed="6", kind="number"
        )
        models.Return.objects.create(organisation=world.harrow, measure=measure, period=between, actual="987654")
        store_statuses(world.harrow, [measure.pk])

    response = signed_in("officer").get("/themes/build/?period=Q2+2018/19")

    assert response.status_code == 200
    assert b"987654" not in response.content
    assert b"Q2 2017/18" in response.content
