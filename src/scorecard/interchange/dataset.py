"""Reading a quarterly report dataset: `report.toml` (plan, themes, narrative), `measures.csv`
(definitions) and `values.csv` (targets and actuals as printed, for quarters or months).

The files are checked whole before anything is returned; every problem names its file, row
and column. A printed band must be what the scheme computes, unless the row gives a
`departure_reason`: then the printed band is a published departure from the rule, kept as an
officer's override with that reason. A disagreement with no reason is refused, so no reason is
ever made up by the machine.
"""

from __future__ import annotations

import csv
import tomllib
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from scorecard.core.assess import assess, read_actual, scheme_for
from scorecard.core.measures import Aggregation, Frequency, Measure, Polarity
from scorecard.core.periods import (
    APRIL,
    FinancialYear,
    Month,
    PeriodError,
    Quarter,
    parse_financial_year,
    parse_quarter,
    parse_reporting_period,
    parse_span,
)
from scorecard.core.plan import (
    ActionStatus,
    ActionUpdate,
    Challenge,
    GlossaryEntry,
    MeasureEntry,
    Note,
    PeriodEntry,
    QuarterReport,
    ThemeEntry,
)
from scorecard.core.schemes import BUILT_IN, RagScheme
from scorecard.core.targets import parse_target

MEASURE_COLUMNS = ("code", "theme", "ref", "name", "polarity", "frequency", "reporting_quarter", "aggregation")
VALUE_COLUMNS = ("code", "period", "target", "actual", "covers", "printed_rag")
OPTIONAL_VALUE_COLUMNS = ("printed_trend", "departure_reason")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return f"{where}, column {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DatasetError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, file: str, row: int, column: str, reader: Callable[[], T]) -> T | None:
        try:
            return reader()
        except (ValueError, KeyError, TypeError) as error:
            self.problems.append(Problem(file, row, column, str(error)))
            return None


def _csv(path: Path, required: tuple[str, ...], problems: _Collector) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            problems.problems.append(Problem(path.name, 1, ", ".join(missing), "required column(s) missing"))
            return []
        return list(reader)


def _quarter_or_year(text: str, start_month: int) -> Quarter | None:
    if not text.strip():
        return None
    try:
        return parse_quarter(text, start_month)
    except PeriodError:
        return parse_financial_year(text, start_month).quarter(1)


def _measure(row: dict[str, str], line: int, problems: _Collector, start_month: int) -> Measure | None:
    file = "measures.csv"
    polarity = problems.read(file, line, "polarity", lambda: Polarity(row["polarity"].strip().lower()))
    frequency = problems.read(file, line, "frequency", lambda: Frequency(row["frequency"].strip().lower()))
    aggregation = problems.read(file, line, "aggregation", lambda: Aggregation(row["aggregation"].strip().lower()))
    quarter_text = row.get("reporting_quarter", "").strip()
    reporting = problems.read(file, line, "reporting_quarter", lambda: int(quarter_text) if quarter_text else None)
    introduced = problems.read(
        file, line, "introduced", lambda: _quarter_or_year(row.get("introduced", ""), start_month)
    )
    retired = problems.read(file, line, "retired", lambda: _quarter_or_year(row.get("retired", ""), start_month))
    lag_text = (row.get("lag_months") or "").strip()  # short rows leave it out
    lag = problems.read(file, line, "lag_months", lambda: _lag_months(lag_text))
    if polarity is None or frequency is None or aggregation is None:
        return None
    if frequency is Frequency.ANNUAL and reporting not in (1, 2, 3, 4):
        problems.problems.append(
            Problem(file, line, "reporting_quarter", "an annual measure needs its quarter, 1 to 4")
        )
    return Measure(polarity, frequency, aggregation, reporting, introduced, retired, lag or 0)


def _lag_months(text: str) -> int:
    if not text:
        return 0
    if not text.isdigit() or int(text) > 120:
        raise ValueError(f"{text!r} is not a number of months from 0 to 120")
    return int(text)


def _period(text: str, start_month: int) -> Quarter | Month:
    period = parse_reporting_period(text, start_month)
    if isinstance(period, FinancialYear):
        raise PeriodError(f"{text!r}: give an annual measure's value for the quarter it reports in, e.g. Q4 {text}")
    return period


def _entry(row: dict[str, str], line: int, problems: _Collector, start_month: int) -> PeriodEntry | None:
    file = "values.csv"
    period = problems.read(file, line, "period", lambda: _period(row["period"], start_month))
    problems.read(file, line, "target", lambda: parse_target(row["target"]))
    problems.read(file, line, "actual", lambda: read_actual(row["actual"]))
    covers_text = row.get("covers", "").strip()
    covers = problems.read(file, line, "covers", lambda: parse_span(covers_text) if covers_text else None)
    if period is None:
        return None
    return PeriodEntry(
        period=period,
        target=row["target"].strip(),
        actual=row["actual"].strip(),
        covers=covers,
        marker=row.get("printed_rag", "").strip(),
        override_reason=row.get("departure_reason", "").strip(),
    )


def _with_printed_bands(
    measure: MeasureEntry, scheme: RagScheme, lines: Mapping[tuple[str, str], int], problems: _Collector
) -> MeasureEntry:
    """Each printed band either agrees with the rule (nothing is stored) or is a published
    departure with the reason the row gives; anything else is a problem to correct."""
    codes = {band.code for band in scheme.bands}
    entries = []
    for entry in measure.entries:
        line = lines[measure.code, entry.period.label()]
        departure = entry.override_reason
        if entry.marker not in codes:
            if departure:
                problems.problems.append(
                    Problem("values.csv", line, "departure_reason", f"{entry.marker!r} is not a band of {scheme.name}")
                )
            entries.append(entry)
            continue
        if not isinstance(entry.period, Quarter):
            entries.append(replace(entry, marker="", override=entry.marker if departure else ""))
            continue
        computed = assess(measure, entry.period, scheme).status
        if departure:
            entries.append(replace(entry, marker="", override=entry.marker))
        elif computed.code == entry.marker:
            entries.append(replace(entry, marker=""))
        else:
            gives = f"gives {computed.code}" if computed.code else f"gives no band ({computed.reason})"
            problems.problems.append(
                Problem(
                    "values.csv",
                    line,
                    "printed_rag",
                    f"printed {entry.marker} but the {scheme.name} scheme {gives}: correct it, or give the "
                    "published reason for the departure in departure_reason",
                )
            )
    return replace(measure, entries=tuple(entries))


def _theme(raw: Mapping[str, Any], measures: tuple[MeasureEntry, ...]) -> ThemeEntry:
    return ThemeEntry(
        key=raw["key"],
        order=int(raw["order"]),
        name=raw["name"],
        heading=raw.get("priority_heading", raw["name"]),
        scorecard_title=raw.get("scorecard_title", raw["name"]),
        achievements=tuple(raw.get("achievements", ())),
        actions=tuple(
            ActionUpdate(action["title"], tuple(action["progress"]), ActionStatus(action["status"]), action["code"])
            for action in raw.get("actions", ())
        ),
        challenges=tuple(
            Challenge(challenge["heading"], tuple(challenge["paragraphs"]), challenge.get("measure", ""))
            for challenge in raw.get("challenges", ())
        ),
        measures=measures,
        notes=tuple(Note(note["key"], note["text"], note.get("printed_as", "")) for note in raw.get("notes", ())),
    )


def read_dataset(folder: Path, schemes: Mapping[str, RagScheme] = BUILT_IN) -> QuarterReport:
    """Read and check a dataset folder; raises DatasetError listing every problem."""
    problems = _Collector()
    try:
        raw = tomllib.loads((folder / "report.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DatasetError([Problem("report.toml", 0, "", str(error))]) from None
    default = schemes.get(raw.get("report", {}).get("scheme", "five-band"))
    if default is None:
        raise DatasetError([Problem("report.toml", 0, "report.scheme", "no such scheme")])
    start_month = raw.get("organisation", {}).get("financial_year_start_month", APRIL)
    if not isinstance(start_month, int) or not 1 <= start_month <= 12:
        raise DatasetError(
            [Problem("report.toml", 0, "organisation.financial_year_start_month", "give a month number, 1 to 12")]
        )
    entries: dict[str, list[PeriodEntry]] = defaultdict(list)
    lines: dict[tuple[str, str], int] = {}
    for line, row in enumerate(_csv(folder / "values.csv", VALUE_COLUMNS, problems), start=2):
        entry = _entry(row, line, problems, start_month)
        if entry is not None:
            entries[row["code"].strip()].append(entry)
            lines[row["code"].strip(), entry.period.label()] = line
    by_theme: dict[str, list[MeasureEntry]] = defaultdict(list)
    seen: set[str] = set()
    for line, row in enumerate(_csv(folder / "measures.csv", MEASURE_COLUMNS, problems), start=2):
        code = row["code"].strip()
        if code in seen:
            problems.problems.append(Problem("measures.csv", line, "code", f"{code!r} appears twice"))
        seen.add(code)
        definition = _measure(row, line, problems, start_month)
        scheme_name = row.get("scheme", "").strip()
        if scheme_name and scheme_name not in schemes:
            problems.problems.append(Problem("measures.csv", line, "scheme", f"no scheme called {scheme_name!r}"))
        if definition is None:
            continue
        measure = MeasureEntry(
            code=code,
            ref=row["ref"].strip(),
            name=row["name"].strip(),
            definition=definition,
            entries=tuple(entries.pop(code, ())),
            scheme=scheme_name,
            public=row.get("public", "yes").strip().lower() != "no",
            definition_note=row.get("definition_note", "").strip(),
        )
        by_theme[row["theme"].strip()].append(measure)
    for code in entries:
        problems.problems.append(Problem("values.csv", 0, "code", f"{code!r} is not in measures.csv"))
    theme_keys = {theme["key"] for theme in raw.get("themes", ())}
    for key in set(by_theme) - theme_keys:
        problems.problems.append(Problem("measures.csv", 0, "theme", f"{key!r} is not a theme in report.toml"))
    if problems.problems:
        raise DatasetError(problems.problems)
    report = raw["report"]
    themes = tuple(
        _theme(
            theme,
            tuple(
                _with_printed_bands(m, scheme_for(m, default, schemes), lines, problems) for m in by_theme[theme["key"]]
            ),
        )
        for theme in sorted(raw["themes"], key=lambda theme: int(theme["order"]))
    )
    if problems.problems:
        raise DatasetError(problems.problems)
    plan_years = [_plan_year(raw["plan"], key, start_month, problems) for key in ("start_year", "end_year")]
    try:
        period = parse_quarter(report["period"], start_month)
    except (PeriodError, KeyError) as error:
        problems.problems.append(Problem("report.toml", 0, "report.period", str(error)))
    if problems.problems:
        raise DatasetError(problems.problems)
    return QuarterReport(
        organisation=raw["organisation"]["name"],
        plan=raw["plan"]["name"],
        period=period,
        title=report["title"],
        themes=themes,
        strapline=raw["plan"].get("strapline", ""),
        introduction=tuple(report.get("introduction", ())),
        achievements_heading=report.get("achievements_heading", ""),
        actions_intro=report.get("actions_intro", ""),
        trend_key=report.get("trend_key", ""),
        annual_note=report.get("annual_note", ""),
        glossary=tuple(
            GlossaryEntry(item["abbreviation"], item["meaning"], item.get("theme", ""))
            for item in raw.get("glossary", ())
        ),
        scheme=default.name,
        plan_years=(plan_years[0], plan_years[1]),
    )


def _plan_year(plan: Mapping[str, Any], key: str, start_month: int, problems: _Collector) -> FinancialYear | None:
    text = str(plan.get(key, "")).strip()
    return problems.read(
        "report.toml", 0, f"plan.{key}", lambda: parse_financial_year(text, start_month) if text else None
    )
