"""A measure given a longer history in the app's database, for the analytics it reads."""

from decimal import Decimal

from scorecard.web.plans import models
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.queries import reporting_quarter
from scorecard.web.plans.statuses import store_statuses

# build-17 (lower is better) before Q2 2017/18: steady, then a drop, so its XmR chart has limits
STEADY_THEN_LOWER = (200, 210, 190, 205, 195, 200, 210, 190, 205, 195, 200, 120)


def steady_history(world) -> None:
    """build-17 given twelve earlier quarters, each figure stored and judged."""
    with models.within(world.harrow):
        measure = models.Measure.objects.get(code="build-17")
        quarter = reporting_quarter("harrow", "Q2 2017/18")
        for value in STEADY_THEN_LOWER:
            quarter = quarter.previous()
            period = stored_period(world.harrow, quarter)
            models.Return.objects.create(
                organisation=world.harrow, measure=measure, period=period, actual=str(value), amount=Decimal(value)
            )
        store_statuses(world.harrow, [measure.pk])
