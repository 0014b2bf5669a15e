"""Writing a quarter's report into the database: checked whole first, then one transaction,
safe to repeat.

Rows are matched on their natural keys (organisation slug, plan name, theme key, measure code,
action title, quarter) and only written when their content differs, so loading the same report
twice changes nothing. Within the report's own quarter the report is the whole truth: values,
action updates, key challenges and notes it no longer has are removed. Earlier quarters are only
added to or corrected, never pruned, since the report carries just the periods it compares with.
Fields the report does not carry (owners, directorates) are left as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction

import scorecard.demo
from scorecard.core.periods import Quarter
from scorecard.core.plan import MeasureEntry, PeriodEntry, QuarterReport, ThemeEntry
from scorecard.interchange.dataset import read_dataset
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    GlossaryEntry,
    InQuarter,
    KeyChallenge,
    Measure,
    Note,
    Organisation,
    PeriodValue,
    Plan,
    Report,
    Theme,
    ThemeNarrative,
    printed_value_problems,
)

DEMO_SLUG = "harrow"
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
    period_values: int
    action_updates: int
    challenges: int
    notes: int
    glossary_entries: int
    created: int  # rows added
    updated: int  # rows whose content changed
    removed: int  # rows of the report's quarter that the report no longer has

    def __str__(self) -> str:
        return (
            f"{self.organisation}, {self.period}: {self.themes} themes, {self.measures} measures, "
            f"{self.period_values} period values, {self.action_updates} action updates, "
            f"{self.challenges} key challenges, {self.notes} notes, {self.glossary_entries} glossary entries "
            f"({self.created} rows added, {self.updated} changed, {self.removed} removed)"
        )


def _repeated(what: str, names: Iterable[str]) -> list[str]:
    return [f"{what} {name!r} appears {count} times" for name, count in Counter(names).items() if count > 1]


def report_problems(report: QuarterReport) -> list[str]:
    """Everything that would stop the report being stored and read back exactly."""
    start_month = report.period.year.start_month
    if start_month == 1:
        return ["Financial years starting in January cannot be stored yet: their quarters print as 'Q1 2018'"]
    codes = [measure.code for theme in report.themes for measure in theme.measures]
    theme_keys = [theme.key for theme in report.themes]
    problems = _repeated("Theme", theme_keys) + _repeated("Measure", codes)
    problems += _repeated("Glossary abbreviation", (entry.abbreviation for entry in report.glossary))
    problems += [
        f"Glossary abbreviation {entry.abbreviation}: theme {entry.theme!r} is not in the report"
        for entry in report.glossary
        if entry.theme and entry.theme not in theme_keys
    ]
    for theme in report.themes:
        problems += [f"Theme {theme.key}: {p}" for p in _repeated("action", (a.title for a in theme.actions))]
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
    periods = (str(entry.period) for entry in measure.entries)
    problems = [f"Measure {measure.code}: {p}" for p in _repeated("period", periods)]
    for entry in measure.entries:
        where = f"Measure {measure.code}, {entry.period}"
        covers = entry.covers.label() if entry.covers else ""
        problems += [
            f"{where}, {field}: {message}"
            for field, message in printed_value_problems(entry.target, entry.actual, covers).items()
        ]
        if entry.override and not entry.override_reason.strip():
            problems.append(f"{where}, override_reason: an override of the band needs its reason")
        if entry.period.year.start_month != start_month:
            problems.append(f"{where}, period: its financial year starts in another month than the report's")
    return problems


class _Writer:
    """Puts rows by natural key, writing only what differs, and counts what it did."""

    def __init__(self) -> None:
        self.created = 0
        self.updated = 0

    def put(self, model: type[Row], keys: dict[str, Any], values: dict[str, Any]) -> Row:
        row = model._default_manager.filter(**keys).first()
        if row is None:
            self.created += 1
            return model._default_manager.create(**keys, **values)
        changed = [field for field, value in values.items() if getattr(row, field) != value]
        if changed:
            for field in changed:
                setattr(row, field, values[field])
            row.save(update_fields=[*changed, "updated_at"])
            self.updated += 1
        return row


def load_quarter_report(report: QuarterReport, *, slug: str) -> LoadSummary:
    """Store a whole quarter's report for the organisation `slug`; raises ReportDataError, writing nothing."""
    problems = report_problems(report)
    if problems:
        raise ReportDataError(problems)
    with transaction.atomic():
        return _Load(report, slug).run()


def load_demo() -> LoadSummary:
    """Load the Harrow Q2 2018/19 dataset shipped with Scorecard."""
    report = read_dataset(Path(scorecard.demo.__file__).parent / "harrow_q2_2018_19")
    return load_quarter_report(report, slug=DEMO_SLUG)


class _Load:
    """One report being written; keeps the counts the summary gives."""

    def __init__(self, report: QuarterReport, slug: str) -> None:
        self.report = report
        self.slug = slug
        self.writer = _Writer()
        self.removed = 0
        self.in_quarter = InQuarter.lookup(report.period)  # finds the report's quarter's rows
        self.period = {"period": report.period.label()}  # and labels new ones

    def run(self) -> LoadSummary:
        report = self.report
        organisation = self._organisation()
        plan = self.writer.put(
            Plan, {"organisation_id": organisation.pk, "name": report.plan}, {"strapline": report.strapline}
        )
        self.writer.put(
            Report,
            {"organisation_id": organisation.pk, **self.in_quarter},
            {
                **self.period,
                "plan_id": plan.pk,
                "title": report.title,
                "introduction": list(report.introduction),
                "achievements_heading": report.achievements_heading,
                "actions_intro": report.actions_intro,
                "trend_key": report.trend_key,
                "annual_note": report.annual_note,
            },
        )
        themes = {theme.key: self._theme(plan, theme) for theme in report.themes}
        measures = {
            measure.code: self._measure(organisation, themes[theme.key], position, measure)
            for theme in report.themes
            for position, measure in enumerate(theme.measures)
        }
        values = [
            self._period_value(measures[measure.code], entry).pk
            for theme in report.themes
            for measure in theme.measures
            for entry in measure.entries
        ]
        narratives = [self._narrative(themes[theme.key], theme, measures).pk for theme in report.themes]
        updates = [pk for theme in report.themes for pk in self._action_updates(themes[theme.key], theme)]
        for position, entry in enumerate(report.glossary):
            self.writer.put(
                GlossaryEntry,
                {"organisation_id": organisation.pk, "abbreviation": entry.abbreviation},
                {
                    "meaning": entry.meaning,
                    "theme_id": themes[entry.theme].pk if entry.theme else None,
                    "order": position,
                },
            )
        self._remove_the_rest(plan, values, updates, narratives)
        return LoadSummary(
            organisation=self.slug,
            period=report.period,
            themes=len(themes),
            measures=len(measures),
            period_values=len(values),
            action_updates=len(updates),
            challenges=sum(len(theme.challenges) for theme in report.themes),
            notes=sum(len(theme.notes) for theme in report.themes),
            glossary_entries=len(report.glossary),
            created=self.writer.created,
            updated=self.writer.updated,
            removed=self.removed,
        )

    def _organisation(self) -> Organisation:
        start_month = self.report.period.year.start_month
        existing = Organisation.objects.filter(slug=self.slug).first()
        if existing is not None and existing.financial_year_start_month != start_month:
            # Changing it would move every stored quarter: refuse rather than guess.
            raise ReportDataError(
                [
                    f"Organisation {self.slug}: its financial year starts in month "
                    f"{existing.financial_year_start_month}, the report's in month {start_month}"
                ]
            )
        return self.writer.put(
            Organisation,
            {"slug": self.slug},
            {
                "name": self.report.organisation,
                "default_scheme": self.report.scheme,
                "financial_year_start_month": start_month,
            },
        )

    def _theme(self, plan: Plan, theme: ThemeEntry) -> Theme:
        return self.writer.put(
            Theme,
            {"plan_id": plan.pk, "key": theme.key},
            {
                "order": theme.order,
                "name": theme.name,
                "heading": theme.heading,
                "scorecard_title": theme.scorecard_title,
            },
        )

    def _measure(self, organisation: Organisation, theme: Theme, position: int, measure: MeasureEntry) -> Measure:
        definition = measure.definition
        return self.writer.put(
            Measure,
            {"organisation_id": organisation.pk, "code": measure.code},
            {
                "theme_id": theme.pk,
                "order": position,
                "ref": measure.ref,
                "name": measure.name,
                "polarity": definition.polarity.value,
                "frequency": definition.frequency.value,
                "aggregation": definition.aggregation.value,
                "reporting_quarter": definition.reporting_quarter,
                "introduced": definition.introduced.label() if definition.introduced else "",
                "retired": definition.retired.label() if definition.retired else "",
                "scheme": measure.scheme,
                "public": measure.public,
                "definition_note": measure.definition_note,
            },
        )

    def _period_value(self, measure: Measure, entry: PeriodEntry) -> PeriodValue:
        return self.writer.put(
            PeriodValue,
            {"measure_id": measure.pk, **InQuarter.lookup(entry.period)},
            {
                "period": entry.period.label(),
                "target": entry.target,
                "actual": entry.actual,
                "covers": entry.covers.label() if entry.covers else "",
                "marker": entry.marker,
                "override": entry.override,
                "override_reason": entry.override_reason,
                "commentary": entry.commentary,
            },
        )

    def _narrative(self, row: Theme, theme: ThemeEntry, measures: dict[str, Measure]) -> ThemeNarrative:
        narrative = self.writer.put(
            ThemeNarrative,
            {"theme_id": row.pk, **self.in_quarter},
            {**self.period, "achievements": list(theme.achievements)},
        )
        challenges = [
            self.writer.put(
                KeyChallenge,
                {"narrative_id": narrative.pk, "order": position},
                {
                    "heading": challenge.heading,
                    "paragraphs": list(challenge.paragraphs),
                    "measure_id": measures[challenge.measure].pk if challenge.measure else None,
                },
            ).pk
            for position, challenge in enumerate(theme.challenges)
        ]
        notes = [
            self.writer.put(
                Note,
                {"narrative_id": narrative.pk, "key": note.key},
                {"text": note.text, "printed_as": note.printed_as, "order": position},
            ).pk
            for position, note in enumerate(theme.notes)
        ]
        self._remove(KeyChallenge.objects.filter(narrative=narrative).exclude(pk__in=challenges))
        self._remove(Note.objects.filter(narrative=narrative).exclude(pk__in=notes))
        return narrative

    def _action_updates(self, row: Theme, theme: ThemeEntry) -> list[int]:
        kept = []
        for position, update in enumerate(theme.actions):
            action = self.writer.put(Action, {"theme_id": row.pk, "title": update.title}, {"order": position})
            stored = self.writer.put(
                ActionUpdate,
                {"action_id": action.pk, **self.in_quarter},
                {**self.period, "progress": list(update.progress), "status": update.status.value},
            )
            kept.append(stored.pk)
        return kept

    def _remove_the_rest(self, plan: Plan, values: list[int], updates: list[int], narratives: list[int]) -> None:
        """Within the report's quarter, remove what the report no longer has."""
        self._remove(PeriodValue.objects.filter(measure__theme__plan=plan, **self.in_quarter).exclude(pk__in=values))
        self._remove(ActionUpdate.objects.filter(action__theme__plan=plan, **self.in_quarter).exclude(pk__in=updates))
        self._remove(ThemeNarrative.objects.filter(theme__plan=plan, **self.in_quarter).exclude(pk__in=narratives))

    def _remove(self, rows: models.QuerySet[Any]) -> None:
        self.removed += rows.delete()[0]  # counts the rows removed with them too
