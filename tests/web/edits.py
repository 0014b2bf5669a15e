"""Changing a QuarterReport the way a later load would: its records are frozen, so these copy."""

from collections.abc import Callable
from dataclasses import replace

from scorecard.core.plan import MeasureEntry, PeriodEntry, QuarterReport, ThemeEntry


def edit_themes(report: QuarterReport, edit: Callable[[ThemeEntry], ThemeEntry]) -> QuarterReport:
    return replace(report, themes=tuple(edit(theme) for theme in report.themes))


def edit_measures(report: QuarterReport, edit: Callable[[MeasureEntry], MeasureEntry]) -> QuarterReport:
    return edit_themes(report, lambda theme: replace(theme, measures=tuple(edit(m) for m in theme.measures)))


def edit_entry(
    report: QuarterReport, code: str, period: str, edit: Callable[[PeriodEntry], PeriodEntry | None]
) -> QuarterReport:
    """The report with one measure's entry for `period` edited, or dropped when `edit` gives None."""

    def measure(m: MeasureEntry) -> MeasureEntry:
        if m.code != code:
            return m
        entries = (edit(e) if str(e.period) == period else e for e in m.entries)
        return replace(m, entries=tuple(e for e in entries if e is not None))

    return edit_measures(report, measure)
