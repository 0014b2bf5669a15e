"""Each measure's timeliness in a stored quarter; the rules are the core's (`core.timeliness`).

A quarter's collection is over once it is published or a later quarter holds figures: a due
figure still missing then is not available; before that it is only still to come.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from scorecard.core.assess import read_actual
from scorecard.core.periods import Month, Quarter, quarter_containing
from scorecard.core.timeliness import Timeliness, Timing, timing
from scorecard.core.values import Missing, ValueParseError
from scorecard.web.plans.models import Directorate, Measure, Organisation, Publication, ReportingPeriod, Return
from scorecard.web.plans.queries import defined, definition

STATES = tuple(Timeliness)


@dataclass(frozen=True, slots=True)
class Closing:
    """Which quarters' collection is over."""

    latest_start: date | None  # the first day of the latest quarter holding a return
    published: frozenset[date]  # the first days of the quarters published

    def over(self, quarter: Quarter) -> bool:
        start = quarter.span.start
        return start in self.published or (self.latest_start is not None and start < self.latest_start)


def closing(organisation: Organisation) -> Closing:
    # asked of the periods, each found by the returns' period index, not of every return
    held = Return.objects.filter(period=OuterRef("pk")).order_by()
    latest = ReportingPeriod.objects.filter(Exists(held)).order_by("-start").values_list("start", flat=True).first()
    if latest is not None:
        first = Month(latest.year, latest.month)
        latest = quarter_containing(first, organisation.financial_year_start_month).span.start
    published = frozenset(Publication.objects.values_list("period__start", flat=True))
    return Closing(latest, published)


def has_figure(held: Return | None) -> bool:
    """A figure was entered: not blank, a dash or a note."""
    if held is None or not held.actual.strip():
        return False
    try:
        return not isinstance(read_actual(held.actual), Missing)
    except ValueParseError:
        return True  # text the owner must still correct is a figure, only a wrong one


@dataclass(frozen=True, slots=True)
class Timed:
    """A measure's timeliness in a quarter, with the return the quarter shows."""

    measure: Measure
    timing: Timing
    held: Return | None


def _quarter_of(period: ReportingPeriod, start_month: int) -> Quarter | None:
    found = period.as_core(start_month)
    if isinstance(found, Month):
        return quarter_containing(found, start_month)
    return found if isinstance(found, Quarter) else None


def of_return(held: Return, organisation: Organisation, closed: Closing) -> Timing | None:
    """The timeliness of the quarter a return is for (None for a year's return); its measure's
    introduced and retired periods selected."""
    start_month = organisation.financial_year_start_month
    quarter = _quarter_of(held.period, start_month)
    if quarter is None:
        return None
    return timing(definition(held.measure, start_month), quarter, held=has_figure(held), past_due=closed.over(quarter))


_TIMED_FIELDS = (
    *("code", "name", "polarity", "frequency", "aggregation", "reporting_quarter", "lag_months"),
    *("introduced", "retired", "directorate"),
)
_JUDGED_BY = ("polarity", "frequency", "aggregation", "reporting_quarter", "lag_months", "introduced_id", "retired_id")


def in_quarter(organisation: Organisation, quarter: ReportingPeriod) -> list[Timed]:
    """Every measure's timeliness in the quarter, in scorecard order, in a fixed number of queries."""
    start_month = organisation.financial_year_start_month
    core_quarter = _quarter_of(quarter, start_month)
    assert core_quarter is not None, "a quarter row"
    over = closing(organisation).over(core_quarter)
    # the quarter's own periods, and those measures start and stop in: a few dozen rows, read
    # once instead of joined to each measure and return
    measures = Measure.objects.order_by()
    periods = {
        period.pk: period
        for period in ReportingPeriod.objects.filter(
            Q(start__gte=quarter.start, end__lte=quarter.end)
            | Q(pk__in=measures.values("introduced"))
            | Q(pk__in=measures.values("retired"))
        )
    }
    in_it: dict[int, list[Return]] = defaultdict(list)
    inside = [pk for pk, period in periods.items() if period.start >= quarter.start and period.end <= quarter.end]
    returns = Return.objects.filter(period__in=inside).only("measure", "period", "actual", "state", "covers")
    for held_in_quarter in returns:  # every measure's at once: no list of 500 ids to send
        in_it[held_in_quarter.measure_id].append(held_in_quarter)
    begun = {pk: core for pk, period in periods.items() if isinstance(core := period.as_core(start_month), Quarter)}
    # only what timeliness and the pages listing it read: a large council's dashboard builds
    # every measure and its return here, and whole rows cost more than the judging
    # and the few directorates once, not one joined to each measure
    directorates = {directorate.pk: directorate for directorate in Directorate.objects.only("name")}
    listed = Measure.objects.only(*_TIMED_FIELDS).order_by("theme__order", "order", "code")
    judged: dict[tuple[object, ...], Timing] = {}  # measures alike in what timeliness reads are judged once
    found = []
    for measure in listed:
        measure.directorate = directorates.get(measure.directorate_id or 0)
        # the quarter's own return, or a monthly measure's latest month in it
        held = max(
            in_it[measure.pk], key=lambda r: (r.period_id == quarter.pk, periods[r.period_id].start), default=None
        )
        alike = (*(getattr(measure, field) for field in _JUDGED_BY), has_figure(held))
        shown = judged.get(alike)
        if shown is None:
            introduced, retired = (begun.get(pk or 0) for pk in (measure.introduced_id, measure.retired_id))
            shown = judged[alike] = timing(
                defined(measure, introduced, retired), core_quarter, held=alike[-1], past_due=over
            )
        found.append(Timed(measure, shown, held))
    return found


def by_directorate(timed: list[Timed]) -> list[tuple[str, list[int]]]:
    """Per directorate, how many measures are in each state (in the order of `STATES`)."""
    tally: dict[str, Counter[Timeliness]] = defaultdict(Counter)
    for item in timed:
        directorate = item.measure.directorate.name if item.measure.directorate else "No directorate"
        tally[directorate][item.timing.state] += 1
    return [(name, [counts[state] for state in STATES]) for name, counts in sorted(tally.items())]
