"""A theme's scorecard as the report lays it out (same quarter last year, previous quarter, this
quarter), filled from stored values and stored statuses."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Q

from scorecard.core.periods import Quarter
from scorecard.reporting.document import scorecard_periods
from scorecard.reporting.key import KeyBand
from scorecard.web.pages.quarters import as_quarter
from scorecard.web.pages.reading import Judging, judging, statuses_between
from scorecard.web.pages.tags import Tag, TrendTag, trend_tag
from scorecard.web.plans.models import (
    ActionUpdate,
    Measure,
    Organisation,
    PeriodKind,
    ReportingPeriod,
    ReturnState,
    Target,
    Theme,
    ThemeNarrative,
)


@dataclass(frozen=True, slots=True)
class Cell:
    target: str
    actual: str = ""  # the figure shown in this quarter, as printed
    covers: str = ""  # the months it covers, where not the quarter's own
    tag: Tag | None = None  # its stored status; None where no figure is shown


@dataclass(frozen=True, slots=True)
class _Held:
    period: int  # the id of the period the figure is for
    cell: Cell
    trend: str


@dataclass(frozen=True, slots=True)
class Line:
    measure: Measure
    cells: tuple[Cell, ...]
    trend: TrendTag | None


@dataclass(frozen=True, slots=True)
class Key:
    scheme: str
    bands: tuple[KeyBand, ...]


@dataclass(frozen=True, slots=True)
class ThemeScorecard:
    theme: Theme
    periods: tuple[str, ...]
    lines: tuple[Line, ...]
    keys: tuple[Key, ...]
    key_projects: list[ActionUpdate]
    narrative: ThemeNarrative | None


def theme_scorecard(organisation: Organisation, theme: Theme, quarter: ReportingPeriod) -> ThemeScorecard:
    judged = judging(organisation)
    columns = scorecard_periods(as_quarter(quarter, organisation))
    first, last = columns[0].span.start, columns[-1].span.end
    measures = list(
        Measure.objects.filter(theme=theme)
        .filter(Q(retired__isnull=True) | Q(retired__end__gte=first))
        .only("ref", "code", "name", "polarity")
        .order_by("order", "code")
    )
    # as columns, not models: a status, its return, period and measure built for every cell
    # cost more than the rest of the page
    statuses = (
        statuses_between(first, last, judged)
        .filter(_in_columns("measure_return__", columns), measure_return__measure__theme=theme)
        .order_by()  # placed by measure and column below; the default order joins five tables to sort
        .values_list(*_SHOWN)
    )
    spans = [column.span for column in columns]
    held: dict[tuple[int, int], _Held] = {}
    schemes_used: set[str] = set()
    for measure, period, start, actual, covers, version, band, state, trend, note, override, label in statuses:
        scheme = judged.schemes[version]
        schemes_used.add(scheme)
        tag = judged.tag_from(version, (override, label) if override is not None else None, band, note, state)
        place = next(i for i, span in enumerate(spans) if span.start <= start <= span.end)
        held[(measure, place)] = _Held(period, Cell("", actual, covers, tag), trend)
    targets = _targets(theme, columns)
    lines = []
    for measure in measures:
        cells = []
        for index, column in enumerate(columns):
            here = held.get((measure.pk, index))
            target = targets.get((measure.pk, here.period if here else None)) or targets.get(
                (measure.pk, column.label()), ""
            )
            cells.append(replace(here.cell, target=target) if here else Cell(target))
        current = held.get((measure.pk, len(columns) - 1))
        lines.append(Line(measure, tuple(cells), trend_tag(current.trend) if current else None))
    return ThemeScorecard(
        theme,
        tuple(column.label() for column in columns),
        tuple(lines),
        _keys(judged, schemes_used),
        list(
            ActionUpdate.objects.filter(period=quarter, action__theme=theme)
            .select_related("action")
            .order_by("action__order")
        ),
        ThemeNarrative.objects.filter(theme=theme, period=quarter, state=ReturnState.APPROVED)
        .prefetch_related("challenges")
        .first(),
    )


_SHOWN = (  # what a cell shows of a status and its return
    *("measure_return__measure", "measure_return__period", "measure_return__period__start"),
    *("measure_return__actual", "measure_return__covers", "scheme_version", "band", "state", "trend"),
    *("measure_return__data_note", "measure_return__override_band__code", "measure_return__override_band__label"),
)


def _in_columns(prefix: str, columns: tuple[Quarter, ...]) -> Q:
    """Periods inside one of the columns' quarters; not the quarters between last year's and the previous."""
    inside = Q()
    for column in columns:
        inside |= Q(**{f"{prefix}period__start__gte": column.span.start, f"{prefix}period__end__lte": column.span.end})
    return inside


def _targets(theme: Theme, columns: tuple[Quarter, ...]) -> dict[tuple[int, int | str | None], str]:
    """Targets by (measure, period id) and by (measure, quarter label)."""
    found: dict[tuple[int, int | str | None], str] = {}
    rows = Target.objects.filter(
        _in_columns("", columns),
        measure__theme=theme,
        period__kind__in=[PeriodKind.QUARTER, PeriodKind.MONTH],
    ).order_by()
    columns_read = ("measure_id", "period_id", "period__label", "printed")
    for measure_id, period_id, label, printed in rows.values_list(*columns_read):
        found[(measure_id, period_id)] = printed
        found[(measure_id, label)] = printed
    return found


def _keys(judged: Judging, used: set[str]) -> tuple[Key, ...]:
    names = [judged.default, *sorted(used - {judged.default})]
    return tuple(Key(name, tuple(judged.style[name].values())) for name in names if name in judged.style)
