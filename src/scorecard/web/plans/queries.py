"""Reading a quarter's report back out of the database as the core's plain records.

A fixed number of queries whatever the number of measures: one for the report, one for the
themes, one per kind of child row (prefetched), one for the glossary.

What comes back: every theme of the report's plan, and every measure of those themes with all of
its stored values (the report compares with earlier quarters; charts need the history); the
narrative, key challenges, notes and action updates of the quarter asked for; the organisation's
glossary. Order is the printed one: themes, measures, actions, challenges and notes by their
stored position; each measure's values oldest first (financial year, then quarter), which is
also how the dataset files list them.
"""

from __future__ import annotations

from django.db.models import Prefetch

from scorecard.core import plan as core
from scorecard.core.measures import Aggregation, Frequency, Polarity
from scorecard.core.measures import Measure as Definition
from scorecard.core.periods import Quarter, parse_quarter, parse_span
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    GlossaryEntry,
    InQuarter,
    KeyChallenge,
    Measure,
    Note,
    PeriodValue,
    Report,
    Theme,
    ThemeNarrative,
)


class ReportNotLoadedError(LookupError):
    """Nothing stored for that organisation and quarter; the message says how to load it."""


def quarter_report(period: Quarter, *, slug: str) -> core.QuarterReport:
    """The quarter's report for the organisation `slug`, with every stored value of its measures."""
    stored = (
        Report.objects.select_related("organisation", "plan")
        .filter(
            organisation__slug=slug,
            organisation__financial_year_start_month=period.year.start_month,
            **InQuarter.lookup(period),
        )
        .first()
    )
    if stored is None:
        raise ReportNotLoadedError(_nothing_for(period, slug))
    organisation = stored.organisation
    start_month = organisation.financial_year_start_month
    glossary = GlossaryEntry.objects.filter(organisation=organisation).select_related("theme")
    return core.QuarterReport(
        organisation=organisation.name,
        plan=stored.plan.name,
        period=period,
        title=stored.title,
        themes=tuple(_theme(theme, start_month) for theme in _themes(stored, period)),
        strapline=stored.plan.strapline,
        introduction=tuple(stored.introduction),
        achievements_heading=stored.achievements_heading,
        actions_intro=stored.actions_intro,
        trend_key=stored.trend_key,
        annual_note=stored.annual_note,
        glossary=tuple(
            core.GlossaryEntry(entry.abbreviation, entry.meaning, entry.theme.key if entry.theme else "")
            for entry in glossary.order_by("order", "abbreviation")
        ),
        scheme=organisation.default_scheme,
    )


def _nothing_for(period: Quarter, slug: str) -> str:
    held = Report.objects.filter(organisation__slug=slug).order_by("financial_year", "quarter")
    labels = list(held.values_list("period", flat=True))
    has = f" (it has {', '.join(labels)})" if labels else ""
    return f"No report data for {period} in {slug}{has}; load it first, e.g. with `scorecard demo` for Harrow"


def _themes(stored: Report, period: Quarter) -> list[Theme]:
    in_quarter = InQuarter.lookup(period)
    measures = Measure.objects.order_by("order", "code").prefetch_related(
        Prefetch("period_values", queryset=PeriodValue.objects.order_by("financial_year", "quarter"))
    )
    narratives = ThemeNarrative.objects.filter(**in_quarter).prefetch_related(
        Prefetch("challenges", queryset=KeyChallenge.objects.select_related("measure").order_by("order")),
        Prefetch("notes", queryset=Note.objects.order_by("order")),
    )
    # Only the actions reported on this quarter, each with just this quarter's update.
    updates = ActionUpdate.objects.filter(**in_quarter)
    actions = (
        Action.objects.filter(updates__financial_year=period.year.start_year, updates__quarter=period.number)
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
    narrative = theme.quarter_narratives[0] if theme.quarter_narratives else None
    return core.ThemeEntry(
        key=theme.key,
        order=theme.order,
        name=theme.name,
        heading=theme.heading,
        scorecard_title=theme.scorecard_title,
        achievements=tuple(narrative.achievements) if narrative else (),
        actions=tuple(
            core.ActionUpdate(action.title, tuple(update.progress), core.ActionStatus(update.status))
            for action in theme.reported
            for update in action.quarter_updates
        ),
        challenges=tuple(
            core.Challenge(item.heading, tuple(item.paragraphs), item.measure.code if item.measure else "")
            for item in (narrative.challenges.all() if narrative else ())
        ),
        measures=tuple(_measure(measure, start_month) for measure in theme.in_order),
        notes=tuple(
            core.Note(note.key, note.text, note.printed_as) for note in (narrative.notes.all() if narrative else ())
        ),
    )


def _measure(measure: Measure, start_month: int) -> core.MeasureEntry:
    return core.MeasureEntry(
        code=measure.code,
        ref=measure.ref,
        name=measure.name,
        definition=Definition(
            polarity=Polarity(measure.polarity),
            frequency=Frequency(measure.frequency),
            aggregation=Aggregation(measure.aggregation),
            reporting_quarter=measure.reporting_quarter,
            introduced=parse_quarter(measure.introduced, start_month) if measure.introduced else None,
            retired=parse_quarter(measure.retired, start_month) if measure.retired else None,
        ),
        entries=tuple(_entry(value, start_month) for value in measure.period_values.all()),
        scheme=measure.scheme,
        public=measure.public,
        definition_note=measure.definition_note,
    )


def _entry(value: PeriodValue, start_month: int) -> core.PeriodEntry:
    return core.PeriodEntry(
        period=value.as_quarter(start_month),
        target=value.target,
        actual=value.actual,
        covers=parse_span(value.covers) if value.covers else None,
        marker=value.marker,
        override=value.override,
        override_reason=value.override_reason,
        commentary=value.commentary,
    )
