"""The analytics a measure page shows beside its statuses, signed in or on the public pages: the
XmR chart of its figures, the interval of its latest rate and whether the change from the period
before is significant, and its position against each comparator held for the latest period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scorecard.core.measures import Polarity
from scorecard.reporting.analytics import (
    CHANGE_METHOD,
    INTERVAL_METHOD,
    SETTINGS,
    ChangeTest,
    Comparator,
    Observation,
    Position,
    ProcessReading,
    Rate,
    change_test,
    positions,
    process_reading,
    rate,
)
from scorecard.reporting.charts import ProcessChart, process_chart


@dataclass(frozen=True, slots=True)
class MeasureAnalytics:
    reading: ProcessReading
    chart: ProcessChart | None
    latest: Rate | None  # the latest figure's interval, when it is numerator/denominator
    change: ChangeTest | None
    compared_in: str  # the period the comparators are for
    positions: tuple[Position, ...]
    run_length: int = SETTINGS.run_length
    interval_method: str = INTERVAL_METHOD
    change_method: str = CHANGE_METHOD


def measure_analytics(
    code: str,
    name: str,
    observations: Sequence[Observation],
    polarity: Polarity,
    comparators: Mapping[tuple[str, str], Sequence[Comparator]],
) -> MeasureAnalytics:
    """`observations` oldest first; `comparators` by (measure code, period label)."""
    reading = process_reading(observations, polarity)
    held = [o for o in observations if o.actual.strip()]
    latest = held[-1] if held else None
    return MeasureAnalytics(
        reading,
        process_chart(f"{name}: variation over time (XmR chart)", reading),
        rate(latest) if latest else None,
        change_test(held[-2], held[-1]) if len(held) >= 2 else None,
        latest.period if latest else "",
        positions(latest, comparators.get((code, latest.period), ()), polarity) if latest else (),
    )
