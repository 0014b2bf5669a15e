"""The report document: everything the quarterly Strategic Performance Report prints, with
every judgement already made by the core. Renderers only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from scorecard.core.assess import Assessment, assess, scheme_for
from scorecard.core.periods import Month, Quarter, period_span
from scorecard.core.plan import ActionUpdate, MeasureEntry, Note, PeriodEntry, QuarterReport, ThemeEntry
from scorecard.core.rag import ValueState
from scorecard.core.schemes import BUILT_IN, RagScheme
from scorecard.reporting.analytics import (
    ChangeTest,
    Comparator,
    Observation,
    Position,
    ProcessReading,
    change_test,
    positions,
    process_reading,
)
from scorecard.reporting.counts import StatusCounts, count_statuses
from scorecard.reporting.key import KeyBand, RagKey, key_band, rag_key

# The most XmR charts (each with its table of figures) the printed report carries. A board reads a
# few charts, the ones that call for a look, and a large council's report stays quick to print; every
# measure's charts are on its page in the app, and its history can be downloaded.
PRINTED_CHARTS = 20


@dataclass(frozen=True, slots=True)
class ShownStatus:
    """What the RAG Status cell prints: a band code, or a marker where there is no band."""

    text: str  # "LG", "Note 1", "BL", "New in 2018/19", or "" for an empty cell
    label: str  # the same in words: "Low Green", "Note 1: Data not currently available"
    band: KeyBand | None = None  # how to draw it, when it is a band
    note: str = ""  # a footnote marker printed beside a band


@dataclass(frozen=True, slots=True)
class PeriodCell:
    """One measure in one quarter: Target, Actual and RAG Status, and why."""

    period: str  # "Q2 2018/19"
    target: str
    actual: str
    covers: str  # the months the actual covers when not the quarter itself: "Jul 16 - Sep 16"
    shown: ShownStatus  # as published: the officer's override where set, else the computed band
    computed: str  # the band code the scheme gives, "" when it gives none
    state: ValueState
    reason: str  # the core's plain-English reason for the computed status
    differs: bool = False  # the published band is an override that differs from the rule
    override_reason: str = ""


@dataclass(frozen=True, slots=True)
class TrendShown:
    arrow: str  # ▲ ▼ –
    word: str  # improved, deteriorated, unchanged
    against: str  # the last comparable period: "Q1 2018/19"


@dataclass(frozen=True, slots=True)
class ScorecardRow:
    code: str
    ref: str
    name: str
    good: str  # "Higher", "Lower", "In range"
    scheme: str  # the RAG scheme that judges it
    periods: tuple[PeriodCell, ...]  # same quarter last year, previous quarter, this quarter
    trend: TrendShown | None  # this quarter against the last comparable period
    change: ChangeTest | None = None  # this quarter's rate against the previous quarter's, where both are x/n

    @property
    def current(self) -> PeriodCell:
        return self.periods[-1]


@dataclass(frozen=True, slots=True)
class KeyProject:
    title: str
    progress: tuple[str, ...]
    status: str  # as printed: "GREEN", "GREEN (Completed)"
    status_label: str  # "Green", "Completed"
    status_kind: str  # green, amber, red, completed, not_started


@dataclass(frozen=True, slots=True)
class KeyChallenge:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NoteLine:
    label: str  # as printed: "Note 2, 4, 6"
    text: str


@dataclass(frozen=True, slots=True)
class Override:
    """A published status that differs from the rule, for the list under a scorecard."""

    row: ScorecardRow
    cell: PeriodCell


@dataclass(frozen=True, slots=True)
class ThemeSection:
    key: str
    name: str
    heading: str  # "Corporate Priority: Build a better Harrow"
    scorecard_title: str
    achievements: tuple[str, ...]
    key_projects: tuple[KeyProject, ...]
    challenges: tuple[KeyChallenge, ...]
    rows: tuple[ScorecardRow, ...]
    counts: StatusCounts  # this quarter's published statuses
    notes: tuple[NoteLine, ...]
    keys: tuple[RagKey, ...]  # the schemes this theme's measures use, the default first

    @property
    def overrides(self) -> tuple[Override, ...]:
        return tuple(Override(row, cell) for row in self.rows for cell in row.periods if cell.differs)


@dataclass(frozen=True, slots=True)
class GlossaryLine:
    abbreviation: str
    meaning: str


@dataclass(frozen=True, slots=True)
class ReportDocument:
    organisation: str
    plan: str
    strapline: str
    title: str
    period: str  # "Q2 2018/19"
    periods: tuple[str, ...]  # the scorecard's three quarters, oldest first
    introduction: tuple[str, ...]
    achievements_heading: str
    actions_intro: str
    trend_key: str
    annual_note: str
    themes: tuple[ThemeSection, ...]
    counts: StatusCounts  # all themes together
    glossary: tuple[GlossaryLine, ...]
    analytics: tuple[AppendixEntry, ...] = ()  # measures with enough history for SPC, or comparators


@dataclass(frozen=True, slots=True)
class AppendixEntry:
    """A measure in the analytics appendix: its XmR reading, and where it stands against comparators."""

    theme: str
    ref: str
    name: str
    reading: ProcessReading
    compared_in: str  # the period of the comparators: the one the report shows
    positions: tuple[Position, ...]
    charted: bool = False  # the report prints its chart and figures (see `PRINTED_CHARTS`)


def scorecard_periods(period: Quarter) -> tuple[Quarter, Quarter, Quarter]:
    """Same quarter last year, previous quarter, this quarter: the scorecard's columns."""
    return period.same_period_last_year(), period.previous(), period


def _note_labels(notes: tuple[Note, ...]) -> dict[str, str]:
    return {note.key: f"{note.key}: {note.text}" for note in notes}


def _shown(assessment: Assessment, style: Mapping[str, KeyBand], notes: Mapping[str, str]) -> ShownStatus:
    marker = assessment.entry.marker if assessment.entry else ""
    band = assessment.shown
    if band is None:
        return ShownStatus(marker, notes.get(marker, marker) if marker else assessment.status.state.label)
    return ShownStatus(band.code, band.label, style.get(band.code) or key_band(band), marker)


def _covers(entry: PeriodEntry | None) -> str:
    """The months the actual covers when not the quarter itself; for a monthly measure, its month."""
    if entry is None:
        return ""
    if entry.covers:
        return entry.covers.label()
    return entry.period.label() if isinstance(entry.period, Month) else ""


def _cell(assessment: Assessment, style: Mapping[str, KeyBand], notes: Mapping[str, str]) -> PeriodCell:
    entry = assessment.entry
    status = assessment.status
    return PeriodCell(
        period=assessment.period.label(),
        target=entry.target if entry else "",
        actual=entry.actual if entry else "",
        covers=_covers(entry),
        shown=_shown(assessment, style, notes),
        computed=status.code,
        state=status.state,
        reason=status.reason,
        differs=assessment.differs,
        override_reason=entry.override_reason if entry and assessment.differs else "",
    )


def _row(
    measure: MeasureEntry, periods: tuple[Quarter, ...], scheme: RagScheme, key: RagKey, notes: Mapping[str, str]
) -> ScorecardRow:
    style = {band.code: band for band in key.bands}
    assessments = [assess(measure, period, scheme) for period in periods]
    cells = tuple(_cell(assessment, style, notes) for assessment in assessments)
    now = assessments[-1]
    trend = TrendShown(now.trend.arrow, now.trend.value, now.compared_with.label()) if now.trend else None
    previous, latest = (Observation(cell.period, cell.actual) for cell in cells[-2:])
    return ScorecardRow(
        measure.code,
        measure.ref,
        measure.name,
        measure.definition.polarity.label,
        scheme.name,
        cells,
        trend,
        change_test(previous, latest),
    )


def _appendix_entry(
    theme: ThemeEntry,
    measure: MeasureEntry,
    period: Quarter,
    comparators: Mapping[tuple[str, str], Sequence[Comparator]],
) -> AppendixEntry | None:
    """The measure's figures up to the report's quarter read as an XmR chart, and the figure the report
    shows against the comparators held for its period; None when there is neither to say."""
    end = period.span.last
    history = [
        Observation(entry.period.label(), entry.actual, entry.target)
        for entry in measure.entries
        if period_span(entry.period).last <= end
    ]
    polarity = measure.definition.polarity
    reading = process_reading(history, polarity)
    shown = measure.entry(period)
    latest = Observation(shown.period.label(), shown.actual) if shown else None
    found = positions(latest, comparators.get((measure.code, latest.period), ()), polarity) if latest else ()
    if not reading.has_limits and not found:
        return None
    return AppendixEntry(theme.name, measure.ref, measure.name, reading, latest.period if latest else "", found)


def _note_lines(notes: tuple[Note, ...]) -> tuple[NoteLine, ...]:
    """One line per printed label: Notes 2, 4 and 6 share "Note 2, 4, 6: …"."""
    lines: dict[str, str] = {}
    for note in notes:
        lines.setdefault(note.printed_as or note.key, note.text)
    return tuple(NoteLine(label, text) for label, text in lines.items())


def _count_columns(keys: Iterable[RagKey], rows: Iterable[ScorecardRow]) -> tuple[KeyBand, ...]:
    """Every band a count may fall in, once per code: the schemes' bands, then any override
    to a code no scheme has."""
    columns: dict[str, KeyBand] = {}
    for band in (band for key in keys for band in key.bands):
        columns.setdefault(band.code, band)
    for shown in (row.current.shown for row in rows):
        if shown.band:
            columns.setdefault(shown.band.code, shown.band)
    return tuple(columns.values())


@dataclass(frozen=True, slots=True)
class _Judged:
    """A theme's rows, judged, before the report-wide count columns are known."""

    theme: ThemeEntry
    rows: tuple[ScorecardRow, ...]
    keys: tuple[RagKey, ...]


def _judge_theme(
    theme: ThemeEntry,
    periods: tuple[Quarter, ...],
    default: RagScheme,
    schemes: Mapping[str, RagScheme],
    keys: Mapping[str, RagKey],
) -> _Judged:
    notes = _note_labels(theme.notes)
    rows = []
    used = [default.name]
    for measure in theme.measures:
        scheme = scheme_for(measure, default, schemes)
        rows.append(_row(measure, periods, scheme, keys[scheme.name], notes))
        if scheme.name not in used:
            used.append(scheme.name)
    return _Judged(theme, tuple(rows), tuple(keys[name] for name in used))


def _key_project(action: ActionUpdate) -> KeyProject:
    status = action.status
    return KeyProject(action.title, action.progress, status.value, status.label, status.name.lower())


def _section(judged: _Judged, columns: tuple[KeyBand, ...]) -> ThemeSection:
    theme = judged.theme
    return ThemeSection(
        key=theme.key,
        name=theme.name,
        heading=theme.heading,
        scorecard_title=theme.scorecard_title,
        achievements=theme.achievements,
        key_projects=tuple(_key_project(action) for action in theme.actions),
        challenges=tuple(KeyChallenge(challenge.heading, challenge.paragraphs) for challenge in theme.challenges),
        rows=judged.rows,
        counts=count_statuses(((row.current.shown.band, row.current.state) for row in judged.rows), columns),
        notes=_note_lines(theme.notes),
        keys=judged.keys,
    )


def build_document(
    report: QuarterReport,
    schemes: Mapping[str, RagScheme] = BUILT_IN,
    comparators: Mapping[tuple[str, str], Sequence[Comparator]] | None = None,
) -> ReportDocument:
    """Judge every measure in its three quarters and gather the report's text around them; the
    appendix reads each measure's history and the `comparators` held, by (measure code, period label)."""
    try:
        default = schemes[report.scheme]
    except KeyError:
        raise ValueError(f"the report uses the {report.scheme!r} RAG scheme; there are {sorted(schemes)}") from None
    periods = scorecard_periods(report.period)
    in_use = {default.name: default} | {
        scheme.name: scheme
        for theme in report.themes
        for scheme in (scheme_for(measure, default, schemes) for measure in theme.measures)
    }
    keys = {name: rag_key(scheme) for name, scheme in in_use.items()}
    judged = [_judge_theme(theme, periods, default, schemes, keys) for theme in report.themes]
    columns = _count_columns(keys.values(), (row for theme in judged for row in theme.rows))
    themes = tuple(_section(theme, columns) for theme in judged)
    return ReportDocument(
        organisation=report.organisation,
        plan=report.plan,
        strapline=report.strapline,
        title=report.title,
        period=report.period.label(),
        periods=tuple(period.label() for period in periods),
        introduction=report.introduction,
        achievements_heading=report.achievements_heading,
        actions_intro=report.actions_intro,
        trend_key=report.trend_key,
        annual_note=report.annual_note,
        themes=themes,
        counts=sum((theme.counts for theme in themes), count_statuses((), columns)),
        glossary=tuple(GlossaryLine(entry.abbreviation, entry.meaning) for entry in report.glossary),
        analytics=_charted(
            entry
            for theme in report.themes
            for measure in theme.measures
            if (entry := _appendix_entry(theme, measure, report.period, comparators or {})) is not None
        ),
    )


def _charted(entries: Iterable[AppendixEntry]) -> tuple[AppendixEntry, ...]:
    """The appendix in the report's order, with a chart for the `PRINTED_CHARTS` measures that most
    call for a look (the most pressing first, then in the report's order)."""
    listed = tuple(entries)
    looks = sorted(
        (urgency, place) for place, entry in enumerate(listed) if (urgency := entry.reading.urgency) is not None
    )
    chosen = {place for _, place in looks[:PRINTED_CHARTS]}
    return tuple(replace(entry, charted=True) if place in chosen else entry for place, entry in enumerate(listed))
