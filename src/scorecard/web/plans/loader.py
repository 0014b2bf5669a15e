"""Storing a quarter's report from its dataset: checked whole first, then one transaction.

Rows are merged on their natural keys (organisation slug, plan name, theme key, measure code,
action code, period) and only written where their content differs, so loading the same report
twice changes nothing. Nothing is ever deleted: a row the file no longer has stays as it was
(an officer may have typed it), and records with history (measures, actions, targets, returns,
action updates) are changed through `changes`, so every change the loader makes is in the
history with its source. Fields the file does not carry (owners, directorates, workflow) are left
as they are. The statuses of the report's measures are judged and stored afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

import scorecard.demo
from scorecard.core.periods import Period, Quarter
from scorecard.core.plan import MeasureEntry, PeriodEntry, QuarterReport, ThemeEntry
from scorecard.interchange.dataset import read_dataset
from scorecard.web.plans import changes
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    GlossaryEntry,
    KeyChallenge,
    Measure,
    Note,
    Organisation,
    Plan,
    ReportEdition,
    ReportingPeriod,
    Return,
    ReturnState,
    Scheme,
    SchemeBand,
    Target,
    Theme,
    ThemeNarrative,
    Versioned,
    within,
)
from scorecard.web.plans.schemes import current_versions, seed_built_ins
from scorecard.web.plans.statuses import store_statuses
from scorecard.web.plans.values import actual_columns, printed_value_problems, target_columns
from scorecard.web.plans.workflow import QuarterLockedError, ensure_open

DEMO_SLUG = "harrow"
DEMO_BRAND_COLOUR = "#005a70"  # a dark teal chosen for the demo; white on it has a contrast of 7.8:1
# A report's words arrive as printed: approved, like its figures.
_PUBLISHED_WORDS = {"state": ReturnState.APPROVED}
DEMO_DATASET = Path(scorecard.demo.__file__).parent / "harrow_q2_2018_19"
Row = TypeVar("Row", bound=models.Model)


class ReportDataError(ValueError):
    """A report that cannot be stored, with every problem found; nothing has been written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class LoadSummary:
    organisation: str  # the slug
    period: Quarter
    themes: int
    measures: int
    values: int  # periods with a target and return, of the report's measures
    action_updates: int
    challenges: int
    notes: int
    glossary_entries: int
    created: int  # rows added
    updated: int  # rows whose content changed

    def __str__(self) -> str:
        return (
            f"{self.organisation}, {self.period}: {self.themes} themes, {self.measures} measures, "
            f"{self.values} period values, {self.action_updates} action updates, "
            f"{self.challenges} key challenges, {self.notes} notes, {self.glossary_entries} glossary entries "
            f"({self.created} rows added, {self.updated} changed, none removed)"
        )


def _repeated(what: str, names: Iterable[str]) -> list[str]:
    return [f"{what} {name!r} appears {count} times" for name, count in Counter(names).items() if count > 1]


def report_problems(report: QuarterReport) -> list[str]:
    """Everything that would stop the report being stored and read back exactly."""
    start_month = report.period.year.start_month
    codes = [measure.code for theme in report.themes for measure in theme.measures]
    theme_keys = [theme.key for theme in report.themes]
    problems = _repeated("Theme", theme_keys) + _repeated("Measure", codes)
    problems += _repeated("Action", (action.code for theme in report.themes for action in theme.actions))
    problems += [
        f"Theme {theme.key}: action {action.title[:40]!r} has no code"
        for theme in report.themes
        for action in theme.actions
        if not action.code
    ]
    problems += _repeated("Glossary abbreviation", (entry.abbreviation for entry in report.glossary))
    problems += [
        f"Glossary abbreviation {entry.abbreviation}: theme {entry.theme!r} is not in the report"
        for entry in report.glossary
        if entry.theme and entry.theme not in theme_keys
    ]
    for theme in report.themes:
        problems += [f"Theme {theme.key}: {p}" for p in _repeated("note", (note.key for note in theme.notes))]
        problems += [
            f"Theme {theme.key}, key challenge {c.heading!r}: measure {c.measure!r} is not in the report"
            for c in theme.challenges
            if c.measure and c.measure not in codes
        ]
        for measure in theme.measures:
            problems += _measure_problems(measure, start_month)
    return problems


def _measure_problems(measure: MeasureEntry, start_month: int) -> list[str]:
    periods = (entry.period.label() for entry in measure.entries)
    problems = [f"Measure {measure.code}: {p}" for p in _repeated("period", periods)]
    for entry in measure.entries:
        where = f"Measure {measure.code}, {entry.period.label()}"
        covers = entry.covers.label() if entry.covers else ""
        problems += [
            f"{where}, {field}: {message}"
            for field, message in printed_value_problems(entry.target, entry.actual, covers).items()
        ]
        if entry.override and not entry.override_reason.strip():
            problems.append(f"{where}, override_reason: an override of the band needs its reason")
        if isinstance(entry.period, Quarter) and entry.period.year.start_month != start_month:
            problems.append(f"{where}, period: its financial year starts in another month than the report's")
    return problems


class _Writer:
    """Puts rows by natural key, writing only what differs, and counts what it did."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.created = 0
        self.updated = 0

    def put(
        self, model: type[Row], keys: dict[str, Any], values: dict[str, Any], on_create: dict[str, Any] | None = None
    ) -> Row:
        """The row with `keys`, given `values`; `on_create` only when the row is new."""
        row = model._default_manager.filter(**keys).order_by("pk").first()  # by key: no ordering joins
        if row is None:
            self.created += 1
            new = {**keys, **values, **(on_create or {})}
            if issubclass(model, Versioned):
                return changes.create(model, new, by=None, source=self.source)
            return model._default_manager.create(**new)
        differing = {field: value for field, value in values.items() if getattr(row, field) != value}
        if not differing:
            return row
        self.updated += 1
        if isinstance(row, Versioned):
            return changes.change(row, differing, expected_version=row.version, by=None, source=self.source)
        for field, value in differing.items():
            setattr(row, field, value)
        row.save(update_fields=[*differing, "updated_at"])
        return row


def load_quarter_report(report: QuarterReport, *, slug: str, source: str = "") -> LoadSummary:
    """Merge a whole quarter's report into the organisation `slug`; raises ReportDataError, writing nothing."""
    problems = report_problems(report)
    if problems:
        raise ReportDataError(problems)
    with transaction.atomic():
        return _Load(report, slug, source or f"load of the {report.period} report").run()


def load_demo() -> LoadSummary:
    """Load the Harrow Q2 2018/19 dataset shipped with Scorecard, and its illustrative comparators."""
    from scorecard.web.plans.benchmarks import load_benchmarks  # it builds on this module's writer

    summary = load_quarter_report(read_dataset(DEMO_DATASET), slug=DEMO_SLUG, source="scorecard demo")
    load_benchmarks(DEMO_DATASET / "benchmarks.csv", slug=DEMO_SLUG, source="scorecard demo")
    return summary


class _Load:
    """One report being merged in; keeps the counts the summary gives."""

    def __init__(self, report: QuarterReport, slug: str, source: str) -> None:
        self.report = report
        self.slug = slug
        self.writer = _Writer(source)
        self.periods: dict[str, ReportingPeriod] = {}

    def run(self) -> LoadSummary:
        self.organisation = self._organisation()
        with within(self.organisation):
            return self._contents()

    def _contents(self) -> LoadSummary:
        report = self.report
        first, last = report.plan_years
        plan = self.writer.put(
            Plan,
            self._own(name=report.plan),
            {
                "strapline": report.strapline,
                "first_year_id": self._period(first).pk if first else None,
                "last_year_id": self._period(last).pk if last else None,
            },
        )
        quarter = self._period(report.period)
        try:
            ensure_open(quarter, "its figures and words")
        except QuarterLockedError as locked:
            raise ReportDataError([str(locked)]) from None
        self.writer.put(
            ReportEdition,
            self._own(period_id=quarter.pk),
            {
                "plan_id": plan.pk,
                "title": report.title,
                "introduction": list(report.introduction),
                "achievements_heading": report.achievements_heading,
                "actions_intro": report.actions_intro,
                "trend_key": report.trend_key,
                "annual_note": report.annual_note,
            },
            on_create=_PUBLISHED_WORDS,
        )
        themes = {theme.key: self._theme(plan, theme) for theme in report.themes}
        self.schemes = {scheme.name: scheme for scheme in Scheme.objects.all()}
        self.bands = {
            (name, band.code): band
            for name, version in current_versions(self.organisation).items()
            for band in SchemeBand.objects.filter(scheme_version=version)
        }
        measures = {
            measure.code: self._measure(themes[theme.key], position, measure)
            for theme in report.themes
            for position, measure in enumerate(theme.measures)
        }
        values = sum(
            self._values(measures[measure.code], measure, entry)
            for theme in report.themes
            for measure in theme.measures
            for entry in measure.entries
        )
        for theme in report.themes:
            self._narrative(themes[theme.key], theme, measures, quarter)
        updates = sum(self._action_updates(themes[theme.key], theme, quarter) for theme in report.themes)
        store_statuses(self.organisation, [measure.pk for measure in measures.values()])
        for position, entry in enumerate(report.glossary):
            self.writer.put(
                GlossaryEntry,
                self._own(abbreviation=entry.abbreviation),
                {
                    "meaning": entry.meaning,
                    "theme_id": themes[entry.theme].pk if entry.theme else None,
                    "order": position,
                },
            )
        return LoadSummary(
            organisation=self.slug,
            period=report.period,
            themes=len(themes),
            measures=len(measures),
            values=values,
            action_updates=updates,
            challenges=sum(len(theme.challenges) for theme in report.themes),
            notes=sum(len(theme.notes) for theme in report.themes),
            glossary_entries=len(report.glossary),
            created=self.writer.created,
            updated=self.writer.updated,
        )

    def _own(self, **keys: Any) -> dict[str, Any]:
        return {"organisation_id": self.organisation.pk, **keys}

    def _period(self, period: Period) -> ReportingPeriod:
        label = period.label()
        if label not in self.periods:
            self.periods[label] = stored_period(self.organisation, period)
        return self.periods[label]

    def _organisation(self) -> Organisation:
        start_month = self.report.period.year.start_month
        existing = Organisation.objects.filter(slug=self.slug).first()
        if existing is not None and existing.financial_year_start_month != start_month:
            # Changing it would move every stored period: refuse rather than guess.
            raise ReportDataError(
                [
                    f"Organisation {self.slug}: its financial year starts in month "
                    f"{existing.financial_year_start_month}, the report's in month {start_month}"
                ]
            )
        organisation = self.writer.put(
            Organisation,
            {"slug": self.slug},
            {"name": self.report.organisation, "financial_year_start_month": start_month},
            on_create={"brand_colour": DEMO_BRAND_COLOUR} if self.slug == DEMO_SLUG else None,
        )
        seed_built_ins(organisation, self.report.scheme)
        return organisation

    def _theme(self, plan: Plan, theme: ThemeEntry) -> Theme:
        return self.writer.put(
            Theme,
            self._own(plan_id=plan.pk, key=theme.key),
            {
                "order": theme.order,
                "name": theme.name,
                "heading": theme.heading,
                "scorecard_title": theme.scorecard_title,
            },
        )

    def _measure(self, theme: Theme, position: int, measure: MeasureEntry) -> Measure:
        definition = measure.definition
        return self.writer.put(
            Measure,
            self._own(code=measure.code),
            {
                "theme_id": theme.pk,
                "order": position,
                "ref": measure.ref,
                "name": measure.name,
                "polarity": definition.polarity.value,
                "frequency": definition.frequency.value,
                "aggregation": definition.aggregation.value,
                "reporting_quarter": definition.reporting_quarter,
                "introduced_id": self._period(definition.introduced).pk if definition.introduced else None,
                "retired_id": self._period(definition.retired).pk if definition.retired else None,
                "lag_months": definition.lag_months,
                "scheme_id": self.schemes[measure.scheme].pk if measure.scheme else None,
                "public": measure.public,
                "definition_note": measure.definition_note,
            },
        )

    def _values(self, measure: Measure, entry: MeasureEntry, value: PeriodEntry) -> int:
        """The entry's target and return; how many were held."""
        period = self._period(value.period)
        keys = self._own(measure_id=measure.pk, period_id=period.pk)
        self.writer.put(Target, keys, target_columns(value.target))
        scheme = entry.scheme or self.report.scheme
        band = self.bands[scheme, value.override] if value.override else None
        imported = timezone.now()  # a published figure arrives approved; a held one keeps its workflow
        self.writer.put(
            Return,
            keys,
            {
                **actual_columns(value.actual, value.covers.label() if value.covers else ""),
                "data_note": value.marker,
                "commentary": value.commentary,
                "override_band_id": band.pk if band else None,
                "override_reason": value.override_reason if band else "",
            },
            on_create={"state": ReturnState.APPROVED, "submitted_at": imported, "decided_at": imported},
        )
        return 1

    def _narrative(
        self, row: Theme, theme: ThemeEntry, measures: dict[str, Measure], quarter: ReportingPeriod
    ) -> ThemeNarrative:
        narrative = self.writer.put(
            ThemeNarrative,
            self._own(theme_id=row.pk, period_id=quarter.pk),
            {"achievements": list(theme.achievements)},
            on_create=_PUBLISHED_WORDS,
        )
        for position, challenge in enumerate(theme.challenges):
            self.writer.put(
                KeyChallenge,
                self._own(narrative_id=narrative.pk, order=position),
                {
                    "heading": challenge.heading,
                    "paragraphs": list(challenge.paragraphs),
                    "measure_id": measures[challenge.measure].pk if challenge.measure else None,
                },
            )
        for position, note in enumerate(theme.notes):
            self.writer.put(
                Note,
                self._own(narrative_id=narrative.pk, key=note.key),
                {"text": note.text, "printed_as": note.printed_as, "order": position},
            )
        return narrative

    def _action_updates(self, row: Theme, theme: ThemeEntry, quarter: ReportingPeriod) -> int:
        for position, update in enumerate(theme.actions):
            action = self.writer.put(
                Action, self._own(code=update.code), {"theme_id": row.pk, "title": update.title, "order": position}
            )
            self.writer.put(
                ActionUpdate,
                self._own(action_id=action.pk, period_id=quarter.pk),
                {"progress": list(update.progress), "status": update.status.value},
            )
        return len(theme.actions)
