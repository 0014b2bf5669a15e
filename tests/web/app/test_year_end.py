"""The year-end forecast on a cumulative measure's page: the run rate and last year's profile
from the core, the status against the year-end target, and why a method gives nothing."""

import html as entities
import re

from scorecard.core.periods import FinancialYear, Quarter
from scorecard.web.plans import changes, models
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.workflow import set_target


def _text(response):
    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_a_count_to_date_is_projected_at_its_run_rate_and_says_what_is_missing(signed_in):
    text = _text(signed_in("viewer").get("/measures/build-1/"))
    assert "2018/19 so far: 76 at Q2 2018/19. Forecast year-end outturn: 152 at the run rate so far." in text
    assert "Not shown: last year's four quarters (2017/18) are not all held." in text
    assert "Not shown: no year-end target (quarter 4 of 2018/19) is held, so the forecast is not judged." in text


def test_a_percentage_is_not_run_rated(signed_in):
    text = _text(signed_in("viewer").get("/measures/business-23/"))
    assert "No year-end forecast for 2018/19: a percentage is not projected at its run rate; last year's" in text


def test_last_years_profile_and_the_year_end_target_give_a_forecast_status(world, signed_in):
    harrow = world.harrow
    with models.within(harrow):
        officer = models.User.objects.get(username="officer")
        measure = models.Measure.objects.get(code="build-1")
        last_year = FinancialYear(2017)
        for number, actual in ((1, "2"), (3, "20"), (4, "40")):  # Q2 2017/18 holds 6
            period = stored_period(harrow, Quarter(last_year, number))
            values = {"organisation": harrow, "measure": measure, "period": period, "actual": actual}
            changes.create(models.Return, values, by=officer, source="test")
        year_end = stored_period(harrow, Quarter(FinancialYear(2018), 4))
        set_target(measure, year_end, "150", expected_version=None, by=officer)

    text = _text(signed_in("viewer").get("/measures/build-1/"))
    # 76 × 40 / 6 on last year's profile; judged against 150 under five-band.
    assert (
        "Forecast year-end outturn: 152 at the run rate so far and 507 on last year's profile, High Green against "
        "the year-end target of 150." in text
    )
    assert "Forecast status HG High Green" in text
