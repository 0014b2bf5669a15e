"""The plan and a quarter's returns as plain records: what the database, the dataset files
and the report builder pass between them. No behaviour beyond lookups lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.measures import Frequency, Measure
from scorecard.core.periods import FinancialYear, Month, Quarter, Span


class ActionStatus(StrEnum):
    """A key project's quarterly status, as reports print it."""

    GREEN = "GREEN"
    AMBER = "AMBER"
    RED = "RED"
    COMPLETED = "GREEN (Completed)"
    NOT_STARTED = "NOT STARTED"

    @property
    def label(self) -> str:
        return {
            "GREEN": "Green",
            "AMBER": "Amber",
            "RED": "Red",
            "GREEN (Completed)": "Completed",
            "NOT STARTED": "Not started",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote a value or table refers to ("Note 1: Data not currently available")."""

    key: str
    text: str
    printed_as: str = ""  # the label as printed when several notes share one text ("Note 2, 4, 6")


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    abbreviation: str
    meaning: str
    theme: str = ""  # the theme whose text first uses it


@dataclass(frozen=True, slots=True)
class ActionUpdate:
    """A key project and its update for the quarter."""

    title: str
    progress: tuple[str, ...]
    status: ActionStatus
    code: str = ""  # the project's key within the organisation: "build-a1"


@dataclass(frozen=True, slots=True)
class Challenge:
    """A key challenge: commentary on a measure off target."""

    heading: str
    paragraphs: tuple[str, ...]
    measure: str = ""  # the measure's code, when it is about one


@dataclass(frozen=True, slots=True)
class PeriodEntry:
    """One measure's target and actual for one period, as entered or printed: a quarter, or a
    month for a monthly measure."""

    period: Quarter | Month
    target: str = ""
    actual: str = ""
    covers: Span | None = None  # the months the actual covers, when not the quarter itself
    marker: str = ""  # printed in place of a status: "Note 1", "New in 2018/19", "BL"
    override: str = ""  # a band code an officer set in place of the computed one
    override_reason: str = ""
    commentary: str = ""


@dataclass(frozen=True, slots=True)
class MeasureEntry:
    code: str
    ref: str
    name: str
    definition: Measure
    entries: tuple[PeriodEntry, ...] = ()
    scheme: str = ""  # a scheme overriding the report's default, by name
    public: bool = True
    definition_note: str = ""  # how it is defined or counted, where the name does not say

    def entry(self, period: Quarter) -> PeriodEntry | None:
        """The entry a quarter's report shows: the quarter's own, or for a monthly measure the
        latest month of the quarter that has one (its position at the quarter's end)."""
        exact = next((entry for entry in self.entries if entry.period == period), None)
        if exact is not None or self.definition.frequency is not Frequency.MONTHLY:
            return exact
        span = period.span
        months = [e for e in self.entries if isinstance(e.period, Month) and span.first <= e.period <= span.last]
        return max(months, key=lambda e: e.period, default=None)


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    key: str
    order: int
    name: str
    heading: str
    scorecard_title: str
    achievements: tuple[str, ...] = ()
    actions: tuple[ActionUpdate, ...] = ()
    challenges: tuple[Challenge, ...] = ()
    measures: tuple[MeasureEntry, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class QuarterReport:
    """Everything a quarterly Strategic Performance Report is built from."""

    organisation: str
    plan: str
    period: Quarter
    title: str
    themes: tuple[ThemeEntry, ...]
    strapline: str = ""
    introduction: tuple[str, ...] = ()
    achievements_heading: str = ""
    actions_intro: str = ""
    trend_key: str = ""
    annual_note: str = ""
    glossary: tuple[GlossaryEntry, ...] = ()
    scheme: str = "five-band"  # the organisation's default scheme
    plan_years: tuple[FinancialYear | None, FinancialYear | None] = (None, None)  # the plan's first and last
