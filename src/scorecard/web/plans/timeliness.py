"""Each measure's timeliness in a stored quarter; the rules are the core's (`core.timeliness`).

A quarter's collection is over once it is published or a later quarter holds figures: a due
figure still missing then is not available; before that it is only still to come.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

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
    return held is not None and is_figure(held.actual)


def is_figure(actual: str) -> bool:
    """`has_figure` of a return's printed actual."""
    if not actual.strip():
        return False
    try:
        return not isinstance(read_actual(actual), Missing)
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
# what timeliness reads of a measure, in the order of `queries.defined`
_JUDGED_BY = ("polarity", "frequency", "aggregation", "reporting_quarter", "lag_months", "introduced_id", "retired_id")
IN_ORDER = ("theme__order", "order", "code")  # the scorecard's


class _Judge:
    """Timeliness in one quarter, measures alike in what it reads judged once. The quarter's own
    periods, and those measures start and stop in, are read once (a few dozen rows) instead of
    joined to each measure and return: a large council's dashboard judges every measure."""

    def __init__(self, organisation: Organisation, quarter: ReportingPeriod) -> None:
        start_month = organisation.financial_year_start_month
        core_quarter = _quarter_of(quarter, start_month)
        assert core_quarter is not None, "a quarter row"
        self.quarter, self.core_quarter = quarter, core_quarter
        self.over = closing(organisation).over(core_quarter)
        measures = Measure.objects.order_by()
        self.periods = {
            period.pk: period
            for period in ReportingPeriod.objects.filter(
                Q(start__gte=quarter.start, end__lte=quarter.end)
                | Q(pk__in=measures.values("introduced"))
                | Q(pk__in=measures.values("retired"))
            )
        }
        self.inside = [pk for pk, p in self.periods.items() if p.start >= quarter.start and p.end <= quarter.end]
        self.begun = {
            pk: core for pk, period in self.periods.items() if isinstance(core := period.as_core(start_month), Quarter)
        }
        self.judged: dict[tuple[object, ...], Timing] = {}

    def place(self, period_id: int) -> tuple[bool, date]:
        """How a return for the period ranks: the quarter's own first, then a monthly measure's latest month."""
        return period_id == self.quarter.pk, self.periods[period_id].start

    def __call__(self, alike: tuple[Any, ...], held: bool) -> Timing:
        """The timeliness of a measure with the columns `_JUDGED_BY`, a figure `held` or not."""
        found = self.judged.get((*alike, held))
        if found is None:
            polarity, frequency, aggregation, reporting_quarter, lag_months, introduced, retired = alike
            quarters = self.begun.get(introduced or 0), self.begun.get(retired or 0)
            measure = defined(polarity, frequency, aggregation, reporting_quarter, lag_months, *quarters)
            found = self.judged[(*alike, held)] = timing(measure, self.core_quarter, held=held, past_due=self.over)
        return found


def in_quarter(organisation: Organisation, quarter: ReportingPeriod) -> list[Timed]:
    """Every measure's timeliness in the quarter, in scorecard order, in a fixed number of queries."""
    judge = _Judge(organisation, quarter)
    in_it: dict[int, list[Return]] = defaultdict(list)
    returns = Return.objects.filter(period__in=judge.inside).only("measure", "period", "actual", "state", "covers")
    for held_in_quarter in returns:  # every measure's at once: no list of 500 ids to send
        in_it[held_in_quarter.measure_id].append(held_in_quarter)
    # only what timeliness and the pages listing it read, and the few directorates once
    directorates = {directorate.pk: directorate for directorate in Directorate.objects.only("name")}
    found = []
    for measure in Measure.objects.only(*_TIMED_FIELDS).order_by(*IN_ORDER):
        measure.directorate = directorates.get(measure.directorate_id or 0)
        held = max(in_it[measure.pk], key=lambda r: judge.place(r.period_id), default=None)
        alike = tuple(getattr(measure, field) for field in _JUDGED_BY)
        found.append(Timed(measure, judge(alike, has_figure(held)), held))
    return found


LATE = (Timeliness.AWAITING, Timeliness.NOT_AVAILABLE)


@dataclass(frozen=True, slots=True)
class Late:
    """A measure whose figure for the quarter is still to come or not available."""

    code: str
    name: str
    timing: Timing


@dataclass(frozen=True, slots=True)
class Tally:
    by_directorate: list[tuple[str, list[int]]]  # per directorate, how many measures in each of `STATES`
    late: list[Late]  # in scorecard order


def tally(organisation: Organisation, quarter: ReportingPeriod) -> Tally:
    """`in_quarter` counted, from columns rather than models: the dashboard shows only this."""
    judge = _Judge(organisation, quarter)
    shown: dict[int, tuple[tuple[bool, date], str]] = {}  # measure → its shown return's place and actual
    for measure_id, period_id, actual in Return.objects.filter(period__in=judge.inside).values_list(
        "measure", "period", "actual"
    ):
        place = judge.place(period_id)
        if measure_id not in shown or place > shown[measure_id][0]:
            shown[measure_id] = (place, actual)
    counts: dict[str, Counter[Timeliness]] = defaultdict(Counter)
    late = []
    listed = Measure.objects.order_by(*IN_ORDER).values_list("pk", "code", "name", "directorate__name", *_JUDGED_BY)
    for measure_id, code, name, directorate, *alike in listed:
        held = shown.get(measure_id)
        timed = judge(tuple(alike), held is not None and is_figure(held[1]))
        counts["No directorate" if directorate is None else directorate][timed.state] += 1
        if timed.state in LATE:
            late.append(Late(code, name, timed))
    return Tally([(name, [tallied[state] for state in STATES]) for name, tallied in sorted(counts.items())], late)
