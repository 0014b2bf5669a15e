"""`scorecard stats`: SPC charts, confidence intervals and benchmark comparisons over CSV files.

Every command reads one CSV (header row first), writes CSV to standard output or `--output`
(through a temporary file in the same folder, renamed into place), and exits with status 2 and
one line naming the file, row and column when the input is wrong. docs/statistics.md has the contract.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from scorecard.core.measures import Polarity
from scorecard.core.spc.settings import PRESETS, Direction, LimitMethod, SettingsError

# The engines each command needs are imported inside it: every `scorecard` command, evaluate
# among them, loads this module to build its command line and would otherwise pay for them all.
if TYPE_CHECKING:
    from scorecard.core.intervals import Interval
    from scorecard.core.spc.chart import Chart

stats_app = typer.Typer(no_args_is_help=True, add_completion=False)

InputFile = Annotated[Path, typer.Argument(metavar="INPUT.csv", help="The CSV to read (header row first).")]
OutputFile = Annotated[Path | None, typer.Option(metavar="FILE", help="Write the CSV here instead of standard output.")]


class InputError(Exception):
    """Input the command cannot use; the message names the row (header = 1) and column."""


def _fail(message: str) -> NoReturn:
    typer.echo(f"scorecard: {message}", err=True)
    raise typer.Exit(2)


def _note(path: Path, message: str) -> None:
    typer.echo(f"scorecard: {path}: {message}", err=True)


@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    line: int  # the row number in the file, header = 1
    cells: dict[str, str]

    def text(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def problem(self, column: str, message: str) -> InputError:
        return InputError(f"row {self.line}, column {column}: {message}")

    def number(self, column: str) -> float | None:
        """A plain finite number, or None when the cell is blank or the column absent."""
        text = self.text(column)
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise self.problem(column, f"{text!r} is not a number") from None
        if not math.isfinite(number):
            raise self.problem(column, f"{text!r} is not a finite number")
        return number


def _read(path: Path, required: Sequence[str]) -> tuple[list[str], list[Row]]:
    if not path.is_file():
        _fail(f"{path}: no such file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            reader.fieldnames = header
            missing = [column for column in required if column not in header]
            if missing:
                _fail(f"{path}: row 1: the header has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}")
            rows = []
            for cells in reader:
                if None in cells:
                    _fail(f"{path}: row {reader.line_num}: more cells than the header has columns")
                rows.append(Row(reader.line_num, cells))
    except UnicodeDecodeError:
        _fail(f"{path}: not UTF-8 text")
    except OSError as error:
        _fail(f"{path}: cannot be read: {error.strerror}")
    except csv.Error as error:
        _fail(f"{path}: not readable as CSV: {error}")
    if not rows:
        _fail(f"{path}: no rows under the header")
    return header, rows


@contextmanager
def _destination(output: Path | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file beside `output` renamed over it only once complete."""
    if output is None:
        yield sys.stdout
        return
    folder = output.parent
    if not folder.is_dir():
        _fail(f"{output}: no such folder {folder}")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".partial")
    except OSError as error:
        _fail(f"{output}: cannot be written: {error.strerror}")
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; the result is an ordinary file
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as target:
            yield target
        os.replace(temporary, output)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _write(output: Path | None, header: list[str], rows: Iterator[list[str]] | list[list[str]]) -> None:
    with _destination(output) as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _format(number: float | None) -> str:
    """The shortest text that reads back as the same double; blank for no value."""
    return "" if number is None else repr(float(number))


def _run(path: Path, work: Callable[[], None]) -> None:
    try:
        work()
    except InputError as error:
        _fail(f"{path}: {error}")


def _lines(rows: Sequence[Row]) -> str:
    """ "row 4" or "rows 4, 9, …": the first ten, then how many more."""
    shown = ", ".join(str(row.line) for row in rows[:10])
    more = f" and {len(rows) - 10} more" if len(rows) > 10 else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"


# ---- spc ----------------------------------------------------------------------------------------


class Preset(StrEnum):
    mdc = "mdc"
    plotthedots = "plotthedots"


SPC_COLUMNS = ["value", "mean", "lpl", "upl", "near_lpl", "near_upl", "rule", "point_type"]


def _rebase(row: Row) -> bool:
    text = row.text("rebase")
    if text not in ("", "0", "1"):
        raise row.problem("rebase", f"{text!r} should be 1 (first point of a new section), 0 or blank")
    return text == "1"


@stats_app.command()
def spc(
    input_csv: InputFile,
    direction: Annotated[Direction, typer.Option(help="Which way is improvement.")] = Direction.NEUTRAL,
    target: Annotated[float | None, typer.Option(help="The target, for the assurance icon.")] = None,
    run_length: Annotated[
        int | None, typer.Option(metavar="6|7", help="Points in a shift or trend (preset mdc 6, plotthedots 7).")
    ] = None,
    screen_outliers: Annotated[
        bool | None,
        typer.Option(
            "--screen-outliers/--no-screen-outliers",
            help="Leave out moving ranges ≥ 3.267·MRbar (preset mdc no, plotthedots yes).",
        ),
    ] = None,
    two_in_three_counts_outside: Annotated[
        bool,
        typer.Option(
            "--two-in-three-counts-outside",
            help="Points beyond the process limits count for two-in-three (MDC 2023 revision).",
        ),
    ] = False,
    min_points: Annotated[
        int | None,
        typer.Option(metavar="N", help="Fewest points a section needs for limits (preset mdc 13, plotthedots 2)."),
    ] = None,
    baseline: Annotated[
        int | None, typer.Option(metavar="N", help="Limits from each section's first N points (N ≥ 12).")
    ] = None,
    limit_method: Annotated[
        LimitMethod, typer.Option(help="2.66·MRbar, or 3σ with σ = MRbar/1.128.")
    ] = LimitMethod.CONSTANT,
    preset: Annotated[
        Preset, typer.Option(help="mdc: the Making Data Count tool; plotthedots: NHSRplotthedots.")
    ] = Preset.mdc,
    summary: Annotated[
        bool, typer.Option("--summary", help="Then print the icons as JSON, last line on standard error.")
    ] = False,
    output: OutputFile = None,
) -> None:
    """An XmR chart: one row per input row with the mean, limits, rule and point type.

    Reads `value` (time order, no gaps) and optional `period` (echoed) and `rebase` (1 on the first
    point of a new section). Rows with a blank value are left out of the chart, written blank, and
    named on standard error.
    """
    if run_length is not None and run_length not in (6, 7):
        _fail(f"--run-length must be 6 or 7, not {run_length}")
    chosen = PRESETS[preset.value]
    try:
        settings = dataclasses.replace(
            chosen,
            run_length=chosen.run_length if run_length is None else run_length,
            screen_outliers=chosen.screen_outliers if screen_outliers is None else screen_outliers,
            two_in_three_counts_outside=two_in_three_counts_outside,
            minimum_points=chosen.minimum_points if min_points is None else min_points,
            baseline=baseline,
            limit_method=limit_method,
        )
    except SettingsError as error:
        _fail(str(error))
    header, rows = _read(input_csv, ["value"])

    from scorecard.core.spc.chart import xmr_chart

    def work() -> None:
        values: list[float] = []
        rebase_at: list[int] = []
        blank: list[Row] = []
        pending_rebase = False
        for row in rows:
            value = row.number("value")
            pending_rebase = _rebase(row) or pending_rebase  # a rebase on a blank row moves to the next value
            if value is None:
                blank.append(row)
                continue
            if pending_rebase:
                rebase_at.append(len(values))
                pending_rebase = False
            values.append(value)
        if not values:
            raise InputError("no values: every row's value is blank")
        chart = xmr_chart(values, settings, direction=direction, target=target, rebase_at=rebase_at)
        echo_period = "period" in header
        _write(
            output,
            (["period"] if echo_period else []) + SPC_COLUMNS,
            _spc_rows(rows, chart, echo_period),
        )
        if blank:
            _note(input_csv, f"{_lines(blank)}: no value; left out of the chart and written blank")
        if summary:
            icons = {
                "variation_icon": chart.variation_icon and chart.variation_icon.value,
                "assurance_icon": chart.assurance_icon and chart.assurance_icon.value,
            }
            typer.echo(json.dumps(icons), err=True)

    _run(input_csv, work)


def _spc_rows(rows: Sequence[Row], chart: Chart, echo_period: bool) -> Iterator[list[str]]:
    points = iter(chart.points)
    for row in rows:
        lead = [row.text("period")] if echo_period else []
        if not row.text("value"):
            yield lead + [""] * len(SPC_COLUMNS)
            continue
        point = next(points)
        limits = point.section.limits
        bounds = (
            [limits.lower, limits.upper, limits.near_lower, limits.near_upper] if limits else [None, None, None, None]
        )
        yield [
            *lead,
            row.text("value"),
            _format(point.section.mean),
            *(_format(bound) for bound in bounds),
            point.rule.value if point.rule else "",
            point.point_type.value,
        ]


# ---- ci -----------------------------------------------------------------------------------------


class Method(StrEnum):
    wilson = "wilson"
    byars = "byars"
    rate = "rate"
    dsr = "dsr"


_DEFAULT_MULTIPLIER = {Method.wilson: 1.0, Method.byars: 1.0, Method.rate: 100_000.0, Method.dsr: 100_000.0}


def _confidence(row: Row) -> float:
    """95, 99.8, 95%, 0.95…: a percentage above 1, a fraction below; blank is 95%."""
    text = row.text("confidence").removesuffix("%").strip()
    if not text:
        return 0.95
    try:
        level = float(text)
    except ValueError:
        raise row.problem("confidence", f"{row.text('confidence')!r} is not a confidence level such as 95") from None
    level = level / 100 if level > 1 else level
    if not 0 < level < 1:
        raise row.problem("confidence", f"{row.text('confidence')!r} is not a level between 0 and 100%")
    return level


def _method(row: Row) -> Method:
    try:
        return Method(row.text("method").lower())
    except ValueError:
        raise row.problem("method", f"{row.text('method')!r} is not wilson, byars, rate or dsr") from None


def _interval(row: Row, method: Method, confidence: float, multiplier: float) -> Interval | None:
    from scorecard.core.intervals import byars, crude_rate, wilson

    numerator = row.number("numerator")
    denominator = row.number("denominator")
    if method is Method.byars:
        if denominator is not None:
            raise row.problem("denominator", "byars is for a count alone; leave it blank, or use method rate")
        return None if numerator is None else byars(numerator, confidence)
    if numerator is None or denominator is None:
        return None
    if method is Method.wilson:
        return wilson(numerator, denominator, confidence, multiplier)
    return crude_rate(numerator, denominator, confidence, multiplier)


def _dsr_groups(rows: Sequence[Row]) -> dict[str, Interval | None]:
    """One Dobson DSR per `group`: its rows are the age bands (numerator = events, blank = 0;
    denominator = population; standard_population = the band's weight)."""
    from scorecard.core.intervals import IntervalError, directly_standardised_rate

    bands: dict[str, list[Row]] = {}
    for row in rows:
        if not row.text("group"):
            raise row.problem("group", "dsr rows need a group naming the area they standardise")
        bands.setdefault(row.text("group"), []).append(row)
    found = {}
    for group, members in bands.items():
        first = members[0]
        for row in members[1:]:
            for column in ("confidence", "multiplier"):
                if row.text(column) != first.text(column):
                    raise row.problem(column, f"differs from row {first.line} in the same group {group!r}")
        counts, populations, weights = [], [], []
        for row in members:
            population, weight = row.number("denominator"), row.number("standard_population")
            if population is None:
                raise row.problem("denominator", "dsr needs each age band's population")
            if weight is None:
                raise row.problem("standard_population", "dsr needs each age band's standard population")
            counts.append(row.number("numerator") or 0.0)
            populations.append(population)
            weights.append(weight)
        multiplier = first.number("multiplier") or _DEFAULT_MULTIPLIER[Method.dsr]
        try:
            found[group] = directly_standardised_rate(counts, populations, weights, _confidence(first), multiplier)
        except IntervalError as error:
            raise first.problem(error.field, f"group {group!r}: {error}") from None
    return found


@stats_app.command()
def ci(input_csv: InputFile, output: OutputFile = None) -> None:
    """Confidence intervals: one row of value, lower, upper per input row.

    Reads `method` (wilson | byars | rate | dsr), `numerator`, `denominator`, optional `multiplier`
    and `confidence` (95 or 99.8; default 95) and, for dsr, `group` and `standard_population`
    (one row per age band; every row of a group gets the group's rate). An `id` column is echoed.
    """
    from scorecard.core.intervals import IntervalError

    header, rows = _read(input_csv, ["method", "numerator"])

    def work() -> None:
        methods = [_method(row) for row in rows]
        dsr_rows = [row for row, method in zip(rows, methods, strict=True) if method is Method.dsr]
        for column in ("group", "standard_population", "denominator"):
            if dsr_rows and column not in header:
                raise dsr_rows[0].problem(column, "dsr rows need this column")
        groups = _dsr_groups(dsr_rows)
        results: list[Interval | None] = []
        for row, method in zip(rows, methods, strict=True):
            if method is Method.dsr:
                results.append(groups[row.text("group")])
                continue
            try:
                multiplier = row.number("multiplier") or _DEFAULT_MULTIPLIER[method]
                results.append(_interval(row, method, _confidence(row), multiplier))
            except IntervalError as error:
                raise row.problem(error.field, str(error)) from None
        echo_id = "id" in header
        _write(
            output,
            (["id"] if echo_id else []) + ["value", "lower", "upper"],
            [
                ([row.text("id")] if echo_id else [])
                + ([_format(found.value), _format(found.lower), _format(found.upper)] if found else ["", "", ""])
                for row, found in zip(rows, results, strict=True)
            ],
        )
        blank = [row for row, found in zip(rows, results, strict=True) if found is None]
        if blank:
            _note(input_csv, f"{_lines(blank)}: no interval (a blank input, or a DSR under 10 events)")

    _run(input_csv, work)


# ---- compare ------------------------------------------------------------------------------------


def _polarity(row: Row) -> Polarity:
    text = row.text("polarity").lower() or Polarity.NONE.value
    try:
        return Polarity(text)
    except ValueError:
        raise row.problem("polarity", f"{row.text('polarity')!r} is not higher, lower, range or none") from None


@stats_app.command("compare")
def compare_command(input_csv: InputFile, output: OutputFile = None) -> None:
    """An area's interval against a benchmark value: better, similar, worse, higher, lower or not_compared.

    Reads `value`, `lower`, `upper`, `benchmark` and `polarity` (higher | lower | none | range; blank is
    none). Higher and lower when no direction is good; not_compared when a number is blank. An `id`
    column is echoed.
    """
    from scorecard.core.comparisons import Bounds, compare

    header, rows = _read(input_csv, ["value", "lower", "upper", "benchmark", "polarity"])

    def work() -> None:
        found = []
        for row in rows:
            value, lower, upper = row.number("value"), row.number("lower"), row.number("upper")
            polarity = _polarity(row)
            if lower is not None and upper is not None and lower > upper:
                raise row.problem("lower", f"{lower:g} is above the upper end {upper:g}")
            if value is not None and lower is not None and upper is not None and not lower <= value <= upper:
                raise row.problem("value", f"{value:g} is outside its interval {lower:g} to {upper:g}")
            interval = Bounds(lower, upper) if lower is not None and upper is not None else None
            found.append(compare(value, interval, row.number("benchmark"), polarity))
        echo_id = "id" in header
        _write(
            output,
            (["id"] if echo_id else []) + ["comparison"],
            [
                ([row.text("id")] if echo_id else []) + [comparison.value]
                for row, comparison in zip(rows, found, strict=True)
            ],
        )

    _run(input_csv, work)
