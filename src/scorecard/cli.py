"""The `scorecard` command: a thin layer over the core, interchange, reporting and web packages."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from scorecard import failures

console = Console(stderr=True)
app = typer.Typer(
    help="Scorecard: judge council performance measures and build the quarterly Strategic Performance Report.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback behind a failure (or set SCORECARD_DEBUG_TRACEBACK=1).")
    ] = False,
) -> None:
    """Scorecard: judge council performance measures and build the quarterly report."""
    if debug:
        failures.show_tracebacks()


def _fail(message: str, code: int = failures.BAD_INPUT) -> NoReturn:
    typer.echo(f"scorecard: {message}", err=True)
    raise typer.Exit(code)


def _cores() -> int:
    return len(os.sched_getaffinity(0))


@app.command()
def evaluate(
    input_csv: Annotated[
        Path, typer.Argument(metavar="INPUT.csv", help="CSV with polarity, target and actual columns.")
    ],
    scheme: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME|FILE",
            help="The default scheme: built-in five-band (the default) or three-band, a scheme given "
            "below, or a scheme TOML file. NAME=FILE (repeatable) gives a scheme that rows may name.",
        ),
    ] = None,
    scheme_dir: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Give every *.toml scheme in DIR, each named by its name setting."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option(metavar="OUT.csv", help="Write here instead of standard output.")
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit with status 2 and write nothing if any cell is malformed.")
    ] = False,
    neutralise_formulas: Annotated[
        bool,
        typer.Option(help="Also put ' before input cells that Excel would run as formulas (=, +, -, @, tab, CR)."),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(min=0, help="Processes to score with (at most one per core); 0 = one per core over 5 MB."),
    ] = 0,
) -> None:
    """Judge every row of a CSV: adds rag, rag_reason, deviation and trend columns.

    Optional columns: id, previous_actual (for the trend), last_year_actual (for year-on-year
    targets and trend-based bands) and scheme (per row: a built-in scheme or one given with
    --scheme NAME=FILE or --scheme-dir; never a file path). Values are read as reports print
    them: 71.40%, 35,000, 01:36, 7-15%, 38.7% (53/137), 72 (307), -, Note 1, BL.
    Malformed cells are reported with their row and column on standard error and in rag_reason.

    Every input rule and exit status (0 done, 1 failed, 2 bad input, 130/143 stopped) is in
    docs/evaluate.md.
    """
    from scorecard.core.schemes import SchemeError
    from scorecard.interchange.evaluate import InputError, Problem, evaluate_file
    from scorecard.interchange.output import OutputError, check_output, text_output
    from scorecard.interchange.schemes import operator_schemes, with_default

    defaults = [value for value in scheme or [] if "=" not in value]
    named = [(name, Path(file)) for name, _, file in (value.partition("=") for value in scheme or [] if "=" in value)]
    if len(defaults) > 1:
        _fail(f"--scheme names the default scheme once, not {len(defaults)} times; give others as --scheme NAME=FILE")
    try:
        schemes, default = with_default(operator_schemes(scheme_dir, named), defaults[0] if defaults else "five-band")
    except SchemeError as error:
        _fail(str(error))
    if not input_csv.is_file():
        _fail(f"{input_csv}: no such file")
    if output is not None:
        try:
            check_output(output)
        except OutputError as error:
            _fail(str(error))
    if workers == 0:
        workers = _cores() if input_csv.stat().st_size > 5_000_000 else 1
    problems: list[Problem] = []
    try:
        with text_output(output) as target:
            evaluate_file(
                input_csv,
                target,
                problems,
                scheme=default,
                schemes=schemes,
                neutralise_input=neutralise_formulas,
                workers=min(workers, _cores()),
            )
            for problem in problems:
                typer.echo(f"{input_csv}: {problem}", err=True)
            if strict and problems:
                _fail(f"{len(problems)} malformed cell(s); nothing written (--strict)")
    except InputError as error:
        _fail(f"{input_csv}: {error}")


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


def _database() -> None:
    """Django set up and migrated: the database is DATABASE_URL, else var/scorecard.sqlite3."""
    from scorecard.web.bootstrap import migrate, start

    start()
    migrate()


@app.command()
def demo() -> None:
    """Load the Harrow Q2 2018/19 reference dataset into the database (safe to run again).

    Uses DATABASE_URL when set; otherwise the SQLite file var/scorecard.sqlite3 under the
    current directory (SCORECARD_DATA_DIR moves it).
    """
    from scorecard.interchange.dataset import DatasetError

    with console.status("Loading the Harrow Q2 2018/19 dataset…"):
        _database()
        from scorecard.web.plans.services import ReportDataError, load_demo

        try:
            summary = load_demo()
        except (DatasetError, ReportDataError) as error:
            _fail(f"the demo dataset was not loaded, nothing was written:\n{error}", 1)
    console.print(f"Loaded the demo: {summary}")


@app.command()
def report(
    period: Annotated[str, typer.Option(help='The reporting quarter, e.g. "Q2 2018/19".')],
    format: Annotated[ReportFormat, typer.Option("--format", help="html or pdf.")] = ReportFormat.html,
    output: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Where to write; default strategic-performance-report-<period>.<format>."),
    ] = None,
    organisation: Annotated[str, typer.Option(help="The organisation's short name (slug).")] = "harrow",
) -> None:
    """Build the quarterly Strategic Performance Report from the database, as HTML or tagged PDF."""
    from scorecard.core.periods import PeriodError, parse_quarter

    try:
        quarter = parse_quarter(period)
    except PeriodError as error:
        _fail(str(error))
    target = output or Path(
        f"strategic-performance-report-{quarter.label().replace(' ', '-').replace('/', '-')}.{format.value}"
    )
    with console.status(f"Building the {quarter.label()} report…") as status:
        _database()
        from scorecard.reporting.document import build_document
        from scorecard.reporting.html import render_html
        from scorecard.web.plans.queries import ReportNotLoadedError, quarter_report

        try:
            stored = quarter_report(quarter, slug=organisation)
        except ReportNotLoadedError as error:
            _fail(str(error), 1)
        html = render_html(build_document(stored))
        if format is ReportFormat.pdf:
            from scorecard.reporting.pdf import render_pdf

            status.update("Laying out the PDF…")
            content = render_pdf(html)
        else:
            content = html.encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(content)
    partial.replace(target)
    console.print(f"Wrote {target} ({len(content) / 1024:,.0f} KB)")


def run() -> None:
    """The `scorecard` program: the commands, with every failure turned into one line."""
    failures.run(lambda: app(prog_name="scorecard"))


if __name__ == "__main__":
    run()
