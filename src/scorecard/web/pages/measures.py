"""A measure's page (every period held, its chart and its history) and the measure search."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from scorecard.core.measures import Polarity
from scorecard.core.rag import ValueState
from scorecard.reporting.analytics import Comparator, Observation
from scorecard.reporting.charts import LineChart, line_chart
from scorecard.web.pages.analytics import MeasureAnalytics, measure_analytics
from scorecard.web.pages.forecasts import YearEnd, year_end
from scorecard.web.pages.history import Event, timeline
from scorecard.web.pages.reading import ShownMeasure, judging, shown, statuses_between, with_measures
from scorecard.web.pages.tags import Tag, TrendTag, trend_tag
from scorecard.web.plans import changes
from scorecard.web.plans.benchmarks import comparators_held
from scorecard.web.plans.models import Measure, Organisation, ReportingPeriod, Return, StoredStatus, Target

LATEST_CHANGES = 20  # the measure page's timeline; every change is on its changes page


@dataclass(frozen=True, slots=True)
class PeriodLine:
    period: ReportingPeriod
    target: Target | None
    held: Return | None
    tag: Tag | None
    reason: str
    trend: TrendTag | None
    compared_with: str


@dataclass(frozen=True, slots=True)
class MeasurePage:
    measure: Measure
    lines: list[PeriodLine]  # oldest first
    chart: LineChart
    history: list[Event]  # the latest changes, one more than the page shows when there are more
    analytics: MeasureAnalytics
    year_end: YearEnd | None  # for a year-to-date measure
    comparator: str  # the comparator group drawn on the chart, "" when none is held
    compared: list[Decimal | None]  # its value in each period of `lines`

    @property
    def latest_changes(self) -> list[Event]:
        return self.history[:LATEST_CHANGES]

    @property
    def more_changes(self) -> bool:
        return len(self.history) > LATEST_CHANGES

    @property
    def rows(self) -> list[tuple[PeriodLine, str]]:
        """Each period with the comparator's value in it as the chart prints it, for the table beside the chart."""
        values = self.compared or [None] * len(self.lines)
        return [
            (line, "" if value is None else f"{value.normalize():f}")
            for line, value in zip(self.lines, values, strict=True)
        ]

    @property
    def chart_summary(self) -> str:
        """The actual-against-target chart in one sentence: its span, and the latest figure against its target."""
        held = [(line, line.held) for line in self.lines if line.held and line.held.actual]
        if not held:
            return "No figures are held yet."
        latest, figure = held[-1]
        against = f" against a target of {latest.target.printed}" if latest.target and latest.target.printed else ""
        status = f" ({latest.tag.label})" if latest.tag else ""
        return (
            f"{len(held)} figure{'s' if len(held) != 1 else ''} held from {held[0][0].period.label} to "
            f"{latest.period.label}; the latest, {figure.actual}{against}{status}."
        )


_PERIOD = ("period__label", "period__start", "period__end", "period__kind")
SHOWN_TARGET = ("measure", "printed", "amount", *_PERIOD)
SHOWN_RETURN = (
    *("measure", "actual", "amount", "covers", "data_note", "commentary", "override_reason"),
    *("override_band__code", "override_band__label", *_PERIOD),
)


def measure_page(organisation: Organisation, measure: Measure) -> MeasurePage:
    judged = judging(organisation)
    # only the columns the page reads: a return's timestamps and workflow cost more to read than the rest
    targets = {
        t.period_id: t for t in Target.objects.filter(measure=measure).select_related("period").only(*SHOWN_TARGET)
    }
    returns = {
        r.period_id: r
        for r in Return.objects.filter(measure=measure).select_related("period", "override_band").only(*SHOWN_RETURN)
    }
    statuses = {  # by return: scheme version, band, state, reason, trend, the period compared with
        found[0]: found[1:]
        for found in StoredStatus.objects.filter(
            measure_return__measure=measure, scheme_version__in=judged.version_ids
        ).values_list("measure_return", "scheme_version", "band", "state", "reason", "trend", "compared_with__label")
    }
    periods = {t.period_id: t.period for t in targets.values()} | {r.period_id: r.period for r in returns.values()}
    lines = []
    for period_id, period in sorted(periods.items(), key=lambda item: (item[1].start, item[1].end)):
        held = returns.get(period_id)
        status = statuses.get(held.pk) if held else None
        if held is None or status is None:
            lines.append(PeriodLine(period, targets.get(period_id), held, None, "", None, ""))
            continue
        version, band, state, reason, trend, compared_with = status
        override = (held.override_band.code, held.override_band.label) if held.override_band else None
        tag = judged.tag_from(version, override, band, held.data_note, state)
        lines.append(
            PeriodLine(period, targets.get(period_id), held, tag, reason, trend_tag(trend), compared_with or "")
        )
    comparators = comparators_held(Measure.objects.filter(pk=measure.pk))
    group, compared = _comparator(measure.code, [line.period.label for line in lines], comparators)
    chart = line_chart(
        f"{measure.name}: actual against target" + (f" and {group}" if group else ""),
        [(line.period.label, _amount(line.held), _amount(line.target)) for line in lines],
        (group, compared),
    )
    observations = [
        Observation(
            line.period.label, line.held.actual if line.held else "", line.target.printed if line.target else ""
        )
        for line in lines
    ]
    analytics = measure_analytics(measure.code, measure.name, observations, Polarity(measure.polarity), comparators)
    history = timeline(_records(measure, returns.values(), targets.values()), latest=LATEST_CHANGES + 1)
    forecast = year_end(measure, lines, organisation.financial_year_start_month, judged)
    return MeasurePage(measure, lines, chart, history, analytics, forecast, group, compared)


def _records(measure: Measure, returns: Iterable[Return], targets: Iterable[Target]) -> dict[tuple[str, int], str]:
    """The measure, its returns and its targets, as a timeline names them."""
    records = {(changes.record_type(Measure), measure.pk): "The measure"}
    records |= {(changes.record_type(Return), r.pk): f"Return for {r.period.label}" for r in returns}
    records |= {(changes.record_type(Target), t.pk): f"Target for {t.period.label}" for t in targets}
    return records


def measure_history(measure: Measure) -> list[Event]:
    """Every change to the measure, its returns and its targets, newest first."""
    returns = Return.objects.filter(measure=measure).select_related("period").only("period__label")
    targets = Target.objects.filter(measure=measure).select_related("period").only("period__label")
    return timeline(_records(measure, returns, targets))


def _comparator(
    code: str, periods: list[str], held: dict[tuple[str, str], list[Comparator]]
) -> tuple[str, list[Decimal | None]]:
    """The comparator group drawn beside the measure (the first with a value in any period, in
    the order comparators are listed: England, region, neighbours, peers) and its value in each
    period."""
    group = next((c.group for period in periods for c in held.get((code, period), []) if c.value is not None), "")
    if not group:
        return "", []
    values = [next((c.value for c in held.get((code, period), []) if c.group == group), None) for period in periods]
    return group, [Decimal(repr(value)) if value is not None else None for value in values]


def _amount(record: Return | Target | None) -> Decimal | None:
    return record.amount if record is not None else None


@dataclass(frozen=True, slots=True)
class Search:
    text: str = ""
    status: str = ""  # a band code, or a state such as "not available"
    theme: str = ""  # a theme's key
    directorate: int | None = None


OFF_TARGET = "off-target"  # any band, with the figure on the wrong side of its target


def _shows(status: str) -> Q:
    """Stored statuses showing `status`: an override's band, else the computed band, else the state."""
    if status == OFF_TARGET:
        banded = Q(measure_return__override_band__isnull=False) | ~Q(band="")
        return banded & Q(deviation__lt=0)
    if status in {state.value for state in ValueState}:
        return Q(measure_return__override_band__isnull=True, band="", state=status)
    return Q(measure_return__override_band__code=status) | Q(measure_return__override_band__isnull=True, band=status)


@dataclass(frozen=True, slots=True)
class Found:
    measure: Measure
    row: ShownMeasure | None  # its return and stored status in the quarter, when it has one


def search(organisation: Organisation, quarter: ReportingPeriod, asked: Search) -> list[Found]:
    """Measures matching the search, with their stored status in the quarter where they have one;
    with a status asked for, only the measures showing it."""
    judged = judging(organisation)
    measures: QuerySet[Measure] = Measure.objects.all()
    if asked.text:
        measures = measures.filter(Q(name__icontains=asked.text) | Q(code__icontains=asked.text))
    if asked.theme:
        measures = measures.filter(theme__key=asked.theme)
    if asked.directorate is not None:
        measures = measures.filter(directorate_id=asked.directorate)
    statuses = statuses_between(quarter.start, quarter.end, judged).filter(measure_return__measure__in=measures)
    if asked.status:
        statuses = statuses.filter(_shows(asked.status))
        measures = measures.filter(returns__statuses__in=statuses).distinct()
    found = {status.measure_return.measure_id: shown(status, judged) for status in with_measures(statuses)}
    ordered = measures.select_related("theme", "directorate").order_by("theme__plan", "theme__order", "order", "code")
    return [Found(measure, found.get(measure.pk)) for measure in ordered]


def status_choices(organisation: Organisation) -> list[tuple[str, str]]:
    """What the status filter offers: every band of the organisation's schemes, then each reason for none."""
    judged = judging(organisation)
    bands = [(band.code, f"{band.code}: {band.label}") for band in judged.bands(judged.schemes.values())]
    bands.append((OFF_TARGET, "Off target (any band)"))
    return bands + [(state.value, state.label) for state in ValueState if state is not ValueState.JUDGED]
