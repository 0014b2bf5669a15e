"""Comparator figures from a CSV file (`scorecard load-benchmarks`), and reading them back for the
measure pages and the report.

The file is checked whole first; every problem names its file, row and column and how to put it
right, and nothing is written unless there are none. Rows are then merged in one transaction by
their natural keys (measure code, period, group, peer), writing only what differs, each change in
the history; a figure the file lacks is never deleted.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from scorecard.core.periods import PeriodError, parse_reporting_period
from scorecard.interchange.dataset import Problem
from scorecard.reporting.analytics import Comparator
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.loader import ReportDataError, _Writer
from scorecard.web.plans.models import Benchmark, ComparatorKind, Measure, Organisation, within

REQUIRED = ("measure", "period", "group", "kind", "value")
OPTIONAL = ("peer", "lower", "upper", "source")
KINDS = [kind.value for kind in ComparatorKind]


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    measure: Measure
    period: str
    group: str
    kind: str
    peer: str
    value: Decimal
    lower: Decimal | None
    upper: Decimal | None
    source: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.measure.code, self.period, self.group, self.peer


@dataclass(frozen=True, slots=True)
class BenchmarkSummary:
    organisation: str
    rows: int
    created: int
    updated: int

    def __str__(self) -> str:
        return (
            f"{self.organisation}: {self.rows} comparator figures ({self.created} added, {self.updated} changed, "
            "none removed)"
        )


def _number(text: str, *, required: bool) -> Decimal | None:
    if not text.strip():
        if required:
            raise ValueError("is blank; give the figure as a plain number such as 38.2")
        return None
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number; write it plainly, such as 38.2 (no %, commas or units)") from None
    if not number.is_finite():
        raise ValueError(f"{text!r} is not a finite number; give the figure, such as 38.2")
    return number


class _Checker:
    """Reads every row, keeping each problem rather than stopping at the first."""

    def __init__(self, name: str, organisation: Organisation) -> None:
        self.name = name
        self.organisation = organisation
        self.problems: list[Problem] = []
        self.measures = {measure.code: measure for measure in Measure.objects.all()}

    def problem(self, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, column, message))

    def row(self, line: int, cells: Mapping[str, str]) -> _Row | None:
        before = len(self.problems)
        code = cells["measure"].strip()
        measure = self.measures.get(code)
        if measure is None:
            self.problem(
                line,
                "measure",
                f"{code!r} is not a measure code of {self.organisation.slug}; use its code, "
                "such as build-12, as `scorecard load` stored it",
            )
        period = cells["period"].strip()
        try:
            period = parse_reporting_period(period, self.organisation.financial_year_start_month).label()
        except PeriodError as error:
            self.problem(line, "period", str(error))
        group = cells["group"].strip()
        if not group:
            self.problem(line, "group", "is blank; name the comparator group, such as England or London")
        kind = cells["kind"].strip().lower()
        if kind not in KINDS:
            self.problem(line, "kind", f"{cells['kind']!r} is not a kind of comparator; use one of {', '.join(KINDS)}")
        numbers: dict[str, Decimal | None] = {}
        for column in ("value", "lower", "upper"):
            try:
                numbers[column] = _number(cells.get(column) or "", required=column == "value")
            except ValueError as error:
                self.problem(line, column, str(error))
        value, lower, upper = numbers.get("value"), numbers.get("lower"), numbers.get("upper")
        peer = (cells.get("peer") or "").strip()
        if (lower is None) != (upper is None) and "lower" in numbers and "upper" in numbers:
            blank = "upper" if upper is None else "lower"
            self.problem(
                line, blank, "is blank but the other limit is given; give both limits of the interval or neither"
            )
        elif lower is not None and upper is not None and value is not None and not lower <= value <= upper:
            self.problem(
                line,
                "lower",
                f"the interval {lower} to {upper} does not hold the value {value}; check the "
                "three columns are the value and its lower and upper limits",
            )
        if peer and lower is not None:
            self.problem(line, "lower", "a peer's row has no interval; give limits only on the group's own row")
        if len(self.problems) > before or measure is None or value is None:
            return None
        source = (cells.get("source") or "").strip()
        return _Row(line, measure, period, group, kind, peer, value, lower, upper, source)


def _read(path: Path, organisation: Organisation) -> list[_Row]:
    checker = _Checker(path.name, organisation)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = [name.strip() for name in reader.fieldnames or []]
            reader.fieldnames = columns
            missing = [name for name in REQUIRED if name not in columns]
            if missing:
                raise ReportDataError(
                    [
                        str(
                            Problem(
                                path.name,
                                1,
                                ", ".join(missing),
                                f"required column(s) missing; the header needs {', '.join(REQUIRED)} (and optionally "
                                f"{', '.join(OPTIONAL)})",
                            )
                        )
                    ]
                )
            rows = [checker.row(line, cells) for line, cells in enumerate(reader, start=2)]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ReportDataError([f"{path}: cannot be read as a UTF-8 CSV file ({error})"]) from None
    kept = [row for row in rows if row is not None]
    first: dict[tuple[str, str, str, str], int] = {}
    kinds: dict[str, tuple[str, int]] = {}
    for row in kept:
        if row.key in first:
            checker.problem(
                row.line,
                "peer" if row.peer else "group",
                f"repeats row {first[row.key]} (same measure, period, group and peer); keep one of them",
            )
        first.setdefault(row.key, row.line)
        kind, line = kinds.setdefault(row.group, (row.kind, row.line))
        if kind != row.kind:
            checker.problem(row.line, "kind", f"{row.group} is {kind!r} on row {line}; give a group one kind")
    if checker.problems:
        raise ReportDataError([str(problem) for problem in checker.problems])
    return kept


def load_benchmarks(path: Path, *, slug: str, source: str = "") -> BenchmarkSummary:
    """Merge the comparator figures in `path` into organisation `slug`; raises ReportDataError with
    every problem found, having written nothing."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise ReportDataError([f"No organisation called {slug!r}; load its report first (`scorecard load` or `demo`)"])
    writer = _Writer((source or f"scorecard load-benchmarks {path.name}")[:100])  # the history's source column
    with within(organisation):
        rows = _read(path, organisation)
        with transaction.atomic():
            periods: dict[str, int] = {}
            for row in rows:
                if row.period not in periods:
                    core = parse_reporting_period(row.period, organisation.financial_year_start_month)
                    periods[row.period] = stored_period(organisation, core).pk
                keys: dict[str, Any] = {
                    "organisation_id": organisation.pk,
                    "measure_id": row.measure.pk,
                    "period_id": periods[row.period],
                    "group": row.group,
                    "peer": row.peer,
                }
                writer.put(
                    Benchmark,
                    keys,
                    {
                        "kind": row.kind,
                        "value": row.value,
                        "lower": row.lower,
                        "upper": row.upper,
                        "source": row.source,
                    },
                )
    return BenchmarkSummary(slug, len(rows), writer.created, writer.updated)


def comparators(benchmarks: Iterable[Benchmark]) -> list[Comparator]:
    """Figures of one measure and period as comparators: each group's value and its peers' values."""
    order = list(ComparatorKind)
    grouped: dict[str, list[Benchmark]] = defaultdict(list)
    for benchmark in benchmarks:
        grouped[benchmark.group].append(benchmark)
    found = []
    for group, rows in grouped.items():
        own = next((row for row in rows if not row.peer), None)
        peers = tuple(sorted(float(row.value) for row in rows if row.peer))
        found.append(
            Comparator(
                group=group,
                kind=ComparatorKind(rows[0].kind).label,
                value=float(own.value) if own else None,
                lower=float(own.lower) if own and own.lower is not None else None,
                upper=float(own.upper) if own and own.upper is not None else None,
                peers=peers,
            )
        )
    rank = {kind.label: index for index, kind in enumerate(order)}
    return sorted(found, key=lambda comparator: (rank[comparator.kind], comparator.group))


def comparators_held(measures: QuerySet[Measure] | None = None) -> dict[tuple[str, str], list[Comparator]]:
    """Every comparator held (for the measures given, else for all), by (measure code, period label):
    one query."""
    found = Benchmark.objects.select_related("period", "measure")
    if measures is not None:
        found = found.filter(measure__in=measures)
    rows: dict[tuple[str, str], list[Benchmark]] = defaultdict(list)
    for benchmark in found:
        rows[(benchmark.measure.code, benchmark.period.label)].append(benchmark)
    return {key: comparators(found) for key, found in rows.items()}
