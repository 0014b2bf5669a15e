"""Reading a quarter's report back out of the database as the core's plain records.

A fixed number of queries whatever the number of measures: the organisation, the edition, the
themes, then one per kind of child row (prefetched), and the glossary.

What comes back: every theme of the edition's plan, and every measure of those themes with all
of its targets and returns (the report compares with earlier periods; charts need the history);
the narrative, key challenges, notes and action updates of the quarter asked for; the
organisation's glossary. Order is the printed one: themes, measures, actions, challenges and
notes by their stored position; each measure's periods oldest first.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from scorecard.core import plan as core
from scorecard.core.measures import Aggregation, Frequency, Polarity
from scorecard.core.measures import Measure as Definition
from scorecard.core.periods import FinancialYear, Month, Quarter, parse_quarter, parse_span
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    GlossaryEntry,
    KeyChallenge,
    Measure,
    Note,
    Organisation,
    ReportEdition,
    ReportingPeriod,
    Return,
    ReturnState,
    Target,
    Theme,
    ThemeNarrative,
    within,
)


class ReportNotLoadedError(LookupError):
    """Nothing stored for that organisation and quarter; the message says how to load it."""


def organisation(slug: str) -> Organisation:
    found = Organisation.objects.select_related("default_scheme").filter(slug=slug).first()
    if found is None:
        raise ReportNotLoadedError(f"No organisation called {slug!r}; load its data first, e.g. `scorecard demo`")
    return found


def reporting_quarter(slug: str, label: str) -> Quarter:
    """A quarter's label read in the organisation's own financial year."""
    return parse_quarter(label, organisation(slug).financial_year_start_month)


def quarter_report(period: Quarter, *, slug: str) -> core.QuarterReport:
    """The quarter's report for the organisation `slug`, with every stored value of its measures."""
    owner = organisation(slug)
    start_month = owner.financial_year_start_month
    if period.year.start_month != start_month:
        raise ReportNotLoadedError(f"{slug}'s financial year starts in month {start_month}; read {period} in that year")
    with within(owner):
        stored = (
            ReportEdition.objects.select_related("plan", "plan__first_year", "plan__last_year", "period")
            .filter(period__kind="quarter", period__start=period.span.start)
            .first()
        )
        if stored is None:
            raise ReportNotLoadedError(_nothing_for(period, slug))
        glossary = GlossaryEntry.objects.select_related("theme").order_by("order", "abbreviation")
        default = owner.default_scheme.name if owner.default_scheme else "five-band"
        return core.QuarterReport(
            organisation=owner.name,
            plan=stored.plan.name,
            period=period,
            title=stored.title,
            themes=tuple(_theme(theme, start_month) for theme in _themes(stored)),
            strapline=stored.plan.strapline,
            introduction=tuple(stored.introduction) if stored.state == ReturnState.APPROVED else (),
            achievements_heading=stored.achievements_heading,
            actions_intro=stored.actions_intro,
            trend_key=stored.trend_key,
            annual_note=stored.annual_note,
            glossary=tuple(
                core.GlossaryEntry(entry.abbreviation, entry.meaning, entry.theme.key if entry.theme else "")
                for entry in glossary
            ),
            scheme=default,
            plan_years=(_year(stored.plan.first_year, start_month), _year(stored.plan.last_year, start_month)),
        )


def _year(period: ReportingPeriod | None, start_month: int) -> FinancialYear | None:
    year = period.as_core(start_month) if period else None
    return year if isinstance(year, FinancialYear) else None


def _nothing_for(period: Quarter, slug: str) -> str:
    held = ReportEdition.objects.select_related("period").order_by("period__start")
    labels = [edition.period.label for edition in held]
    has = f" (it has {', '.join(labels)})" if labels else ""
    return f"No report data for {period} in {slug}{has}; load it first, e.g. with `scorecard demo` for Harrow"


_PERIOD = ("period", "period__kind", "period__start", "period__end", "period__label")


def with_values(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """Measures with what `measure_entry` reads, in a fixed number of queries. Only the columns
    it reads: a large council holds tens of thousands of targets and returns, and building a
    model's every field (timestamps, workflow) for each took most of a report build's time.
    Unordered: `measure_entry` puts each measure's periods in order, and the default order joins
    the measure's theme and plan to sort every row."""
    targets = Target.objects.select_related("period").only("measure", "printed", *_PERIOD).order_by()
    returns = (
        Return.objects.select_related("period", "override_band")
        .order_by()
        .only(
            "measure", "actual", "covers", "data_note", "commentary", "override_reason", "override_band__code", *_PERIOD
        )
    )
    return measures.select_related("scheme", "introduced", "retired").prefetch_related(
        Prefetch("targets", queryset=targets), Prefetch("returns", queryset=returns)
    )


def _themes(stored: ReportEdition) -> list[Theme]:
    measures = with_values(Measure.objects.order_by("order", "code"))
    # Only approved words are printed: a theme whose words are not approved yet shows its tables alone.
    narratives = ThemeNarrative.objects.filter(period=stored.period, state=ReturnState.APPROVED).prefetch_related(
        Prefetch("challenges", queryset=KeyChallenge.objects.select_related("measure").order_by("order")),
        Prefetch("notes", queryset=Note.objects.order_by("order")),
    )
    # Only the actions reported on this quarter, each with just this quarter's update.
    updates = ActionUpdate.objects.filter(period=stored.period)
    actions = (
        Action.objects.filter(updates__period=stored.period)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="quarter_updates"))
    )
    return list(
        Theme.objects.filter(plan=stored.plan)
        .order_by("order", "key")
        .prefetch_related(
            Prefetch("measures", queryset=measures, to_attr="in_order"),
            Prefetch("narratives", queryset=narratives, to_attr="quarter_narratives"),
            Prefetch("actions", queryset=actions, to_attr="reported"),
        )
    )


def _theme(theme: Theme, start_month: int) -> core.ThemeEntry:
    narrative = theme.quarter_narratives[0] if theme.quarter_narratives else None  # type: ignore[attr-defined]
    return core.ThemeEntry(
        key=theme.key,
        order=theme.order,
        name=theme.name,
        heading=theme.heading,
        scorecard_title=theme.scorecard_title,
        achievements=tuple(narrative.achievements) if narrative else (),
        actions=tuple(
            core.ActionUpdate(action.title, tuple(update.progress), core.ActionStatus(update.status), action.code)
            for action in theme.reported  # type: ignore[attr-defined]
            for update in action.quarter_updates
        ),
        challenges=tuple(
            core.Challenge(item.heading, tuple(item.paragraphs), item.measure.code if item.measure else "")
            for item in (narrative.challenges.all() if narrative else ())
        ),
        measures=tuple(measure_entry(measure, start_month) for measure in theme.in_order),  # type: ignore[attr-defined]
        notes=tuple(
            core.Note(note.key, note.text, note.printed_as) for note in (narrative.notes.all() if narrative else ())
        ),
    )


def _quarter(period: ReportingPeriod | None, start_month: int) -> Quarter | None:
    found = period.as_core(start_month) if period else None
    return found if isinstance(found, Quarter) else None


def definition(measure: Measure, start_month: int) -> Definition:
    """What the core needs to judge the measure; its introduced and retired periods selected."""
    return defined(
        *(measure.polarity, measure.frequency, measure.aggregation, measure.reporting_quarter, measure.lag_months),
        _quarter(measure.introduced, start_month),
        _quarter(measure.retired, start_month),
    )


def defined(
    polarity: str,
    frequency: str,
    aggregation: str,
    reporting_quarter: int | None,
    lag_months: int,
    introduced: Quarter | None,
    retired: Quarter | None,
) -> Definition:
    """`definition` from a measure's columns, its introduced and retired quarters already read."""
    return Definition(
        polarity=Polarity(polarity),
        frequency=Frequency(frequency),
        aggregation=Aggregation(aggregation),
        reporting_quarter=reporting_quarter,
        introduced=introduced,
        retired=retired,
        lag_months=lag_months,
    )


def measure_entry(measure: Measure, start_month: int) -> core.MeasureEntry:
    """A measure as the core's record; its targets and returns prefetched with `with_values`."""
    return core.MeasureEntry(
        code=measure.code,
        ref=measure.ref,
        name=measure.name,
        definition=definition(measure, start_month),
        entries=_entries(measure, start_month),
        scheme=measure.scheme.name if measure.scheme else "",
        public=measure.public,
        definition_note=measure.definition_note,
    )


def _entries(measure: Measure, start_month: int) -> tuple[core.PeriodEntry, ...]:
    """A measure's targets and returns paired by period, oldest first."""
    targets = {target.period_id: target for target in measure.targets.all()}
    returns = {held.period_id: held for held in measure.returns.all()}
    periods = {target.period_id: target.period for target in targets.values()}
    periods |= {held.period_id: held.period for held in returns.values()}
    entries = []
    for period_id, period in sorted(periods.items(), key=lambda item: (item[1].start, item[1].end)):
        when = period.as_core(start_month)
        if not isinstance(when, Quarter | Month):
            continue  # a year's figure is shown in the quarter an annual measure reports in
        target, held = targets.get(period_id), returns.get(period_id)
        entries.append(
            core.PeriodEntry(
                period=when,
                target=target.printed if target else "",
                actual=held.actual if held else "",
                covers=parse_span(held.covers) if held and held.covers else None,
                marker=held.data_note if held else "",
                override=held.override_band.code if held and held.override_band else "",
                override_reason=held.override_reason if held else "",
                commentary=held.commentary if held else "",
            )
        )
    return tuple(entries)
