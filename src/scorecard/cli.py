"""The `scorecard` command: a thin layer over the core, interchange, reporting and web packages."""

from __future__ import annotations

import os
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from scorecard import failures
from scorecard.stats_cli import stats_app
from scorecard.web import commands as web_commands

if TYPE_CHECKING:
    from rich.console import Console

    from scorecard.core.periods import Quarter

app = typer.Typer(
    help="Scorecard: judge council performance measures and build the quarterly Strategic Performance Report.",
    no_args_is_help=True,
    add_completion=False,
)

app.add_typer(stats_app, name="stats", help="Statistics: SPC charts, confidence intervals, benchmark comparisons.")


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback behind a failure (or set SCORECARD_DEBUG_TRACEBACK=1).")
    ] = False,
) -> None:
    """Scorecard: judge council performance measures and build the quarterly report."""
    if debug:
        failures.show_tracebacks()


@cache
def console() -> Console:
    """Standard error for the database and report commands: rich loads only when they print
    (evaluate never does, and pays for every import it starts with)."""
    from rich.console import Console

    return Console(stderr=True)


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
    docx = "docx"


def _database(*, migrate_first: bool = False) -> None:
    """Django set up on DATABASE_URL (else var/scorecard.sqlite3); migrated only when asked."""
    from scorecard.web.bootstrap import DatabaseNotReadyError, migrate, require_current_schema, start

    start()
    try:
        if not migrate_first:
            require_current_schema()
            return
        applied = migrate()
    except DatabaseNotReadyError as error:
        _fail(str(error), failures.FAILED)
    console().print(
        f"Migrated the database ({len(applied)} migration(s) applied)."
        if applied
        else "Checked the database: its tables are up to date, nothing to migrate."
    )


@app.command("migrate")
def migrate_command() -> None:
    """Create or update the database's tables (safe to run again; one process at a time).

    Uses DATABASE_URL when set; otherwise the SQLite file var/scorecard.sqlite3 under the
    current directory (SCORECARD_DATA_DIR moves it).
    """
    from scorecard.web.bootstrap import DatabaseNotReadyError, migrate, start

    start()
    try:
        with console().status("Migrating the database…"):
            applied = migrate()
    except DatabaseNotReadyError as error:
        _fail(str(error), failures.FAILED)
    console().print(f"Applied {len(applied)} migration(s)." if applied else "The database is up to date.")


@app.command()
def demo() -> None:
    """Migrate the database, then load the Harrow Q2 2018/19 reference dataset (safe to run again).

    Loading merges by natural keys and never deletes. Uses DATABASE_URL when set; otherwise the
    SQLite file var/scorecard.sqlite3 under the current directory (SCORECARD_DATA_DIR moves it).
    """
    from scorecard.interchange.dataset import DatasetError

    with console().status("Loading the Harrow Q2 2018/19 dataset…"):
        _database(migrate_first=True)
        from scorecard.web.bootstrap import one_at_a_time
        from scorecard.web.plans.loader import ReportDataError, load_demo

        try:
            with one_at_a_time():
                summary = load_demo()
        except (DatasetError, ReportDataError) as error:
            _fail(f"the demo dataset was not loaded, nothing was written:\n{error}", failures.FAILED)
    console().print(f"Loaded the demo: {summary}")


@app.command()
def load(
    dataset: Annotated[
        Path, typer.Argument(metavar="DATASET", help="A folder with report.toml, measures.csv and values.csv.")
    ],
    organisation: Annotated[str, typer.Option(help="The organisation's short name (slug), e.g. harrow.")],
) -> None:
    """Merge a quarter's report dataset into the database (see docs/how-to/load-a-dataset.md).

    Everything is checked first and written in one transaction, or nothing is; rows are merged by
    their natural keys and nothing is ever deleted. Changes are kept in the history.
    """
    from scorecard.interchange.dataset import DatasetError, read_dataset

    if not (dataset / "report.toml").is_file():
        _fail(f"{dataset}: no report.toml here; a dataset folder holds report.toml, measures.csv and values.csv")
    _database()
    from scorecard.web.plans.loader import ReportDataError, load_quarter_report

    try:
        with console().status(f"Loading {dataset}…"):
            summary = load_quarter_report(read_dataset(dataset), slug=organisation, source=f"scorecard load {dataset}")
    except (DatasetError, ReportDataError) as error:
        _fail(f"{dataset} was not loaded, nothing was written:\n{error}")
    console().print(f"Loaded {summary}")


@app.command("load-benchmarks")
def load_benchmarks(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A CSV of comparator figures.")],
    organisation: Annotated[str, typer.Option(help="The organisation's short name (slug).")] = "harrow",
) -> None:
    """Merge comparator figures (England, region, neighbours, peers) into the database
    (columns: docs/how-to/load-benchmarks.md).

    The whole file is checked first and every problem reported; then everything is written in one
    transaction, or nothing is. Rows merge by measure, period, group and peer; none is deleted.
    """
    if not file.is_file():
        _fail(f"{file}: no such file; give the path of a CSV of comparator figures")
    _database()
    from scorecard.web.plans.benchmarks import load_benchmarks as load_figures
    from scorecard.web.plans.loader import ReportDataError

    try:
        summary = load_figures(file, slug=organisation)
    except ReportDataError as error:
        _fail(f"{file} was not loaded, nothing was written:\n{error}")
    console().print(f"Loaded {summary}")


def _quarter(organisation: str, period: str) -> Quarter:
    """The quarter named by `period` in the organisation's own financial year."""
    from scorecard.core.periods import PeriodError
    from scorecard.web.plans.queries import ReportNotLoadedError, reporting_quarter

    try:
        return reporting_quarter(organisation, period)
    except PeriodError as error:
        _fail(str(error))
    except ReportNotLoadedError as error:
        _fail(str(error), failures.FAILED)


def _write(target: Path, content: bytes) -> None:
    from scorecard.interchange.output import replaced_file

    if target.is_dir():
        _fail(f"{target} is a folder; give a file name for the report")
    target.parent.mkdir(parents=True, exist_ok=True)
    with replaced_file(target) as handle:
        handle.write(content)
    console().print(f"Wrote {target} ({len(content) / 1024:,.0f} KB)")


@app.command()
def report(
    period: Annotated[str, typer.Option(help='The reporting quarter, e.g. "Q2 2018/19".')],
    format: Annotated[
        ReportFormat, typer.Option("--format", help="html, pdf (tagged) or docx (Word).")
    ] = ReportFormat.html,
    output: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Where to write; default strategic-performance-report-<period>.<format>."),
    ] = None,
    organisation: Annotated[str, typer.Option(help="The organisation's short name (slug).")] = "harrow",
    published: Annotated[
        bool, typer.Option("--published", help="The report as published (frozen), not a fresh build.")
    ] = False,
) -> None:
    """Build the quarterly Strategic Performance Report from the database, as HTML, tagged PDF or Word.

    A fresh build judges the current data with the current schemes; --published gives the
    report exactly as it was published, never judged again: its HTML and PDFs as kept, or Word
    laid out from its document as kept.
    As PDF, the analytics appendix is printed as a document of its own, the annex, written beside
    the report as FILE-analytics-annex.pdf.
    """
    _database()
    quarter = _quarter(organisation, period)
    target = output or Path(
        f"strategic-performance-report-{quarter.label().replace(' ', '-').replace('/', '-')}.{format.value}"
    )
    annex = target.with_name(f"{target.stem}-analytics-annex.pdf")
    with console().status(f"Building the {quarter.label()} report…") as status:
        from scorecard.web.plans import publishing

        if published:
            try:
                publication = publishing.published(organisation, quarter)
            except publishing.NotPublishedError as error:
                _fail(str(error), failures.FAILED)
            if format is ReportFormat.html:
                written = [(target, publication.html.encode("utf-8"))]
            elif format is ReportFormat.docx:
                from scorecard.reporting.document_data import document_from_data
                from scorecard.reporting.word import render_word

                status.update("Writing the Word document…")
                written = [(target, render_word(document_from_data(publication.document["document"])))]
            elif publication.pdf is None:  # published without its PDF: the frozen HTML printed whole
                from scorecard.reporting.pdf import render_pdf

                status.update("Laying out the PDF…")
                written = [(target, render_pdf(publication.html))]
            else:
                written = [(target, bytes(publication.pdf))]
                written += [(annex, bytes(publication.annex_pdf))] if publication.annex_pdf is not None else []
        else:
            from scorecard.web.plans.queries import ReportNotLoadedError

            try:
                document = publishing.fresh_build(organisation, quarter)[0]
            except ReportNotLoadedError as error:
                _fail(str(error), failures.FAILED)
            if format is ReportFormat.docx:
                from scorecard.reporting.word import render_word

                status.update("Writing the Word document…")
                written = [(target, render_word(document))]
            elif format is ReportFormat.pdf:
                from scorecard.reporting.printing import print_report

                status.update("Laying out the PDFs…")
                printed = print_report(document)
                written = [(target, printed.report)] + ([(annex, printed.annex)] if printed.annex else [])
            else:
                from scorecard.reporting.html import render_html

                written = [(target, render_html(document).encode("utf-8"))]
    for path, content in written:
        _write(path, content)


@app.command()
def publish(
    period: Annotated[str, typer.Option(help='The reporting quarter, e.g. "Q2 2018/19".')],
    organisation: Annotated[str, typer.Option(help="The organisation's short name (slug).")] = "harrow",
    pdf: Annotated[bool, typer.Option(help="Build and keep the PDF too (takes a few seconds).")] = True,
) -> None:
    """Publish a quarter's report: judge it now and freeze the document, HTML and PDF.

    Later changes to measures, targets or schemes never change a publication; publishing again
    makes a new one (a correction), numbered after the last. The commentary checks' findings
    (red without commentary, words contradicting the status or trend, over-long text) are
    printed as warnings first; they do not stop the publication.
    """
    _database()
    quarter = _quarter(organisation, period)
    from scorecard.web.collection.checks import findings_before_publishing
    from scorecard.web.plans.publishing import publish as publish_report
    from scorecard.web.plans.queries import ReportNotLoadedError

    with console().status(f"Publishing the {quarter.label()} report…"):
        try:
            for finding in findings_before_publishing(organisation, quarter):
                console().print(f"Warning: {finding}", highlight=False, markup=False, soft_wrap=True)
            publication = publish_report(organisation, quarter, by=None, with_pdf=pdf)
        except ReportNotLoadedError as error:
            _fail(str(error), failures.FAILED)
    console().print(
        f"Published {quarter.label()} for {organisation} as publication {publication.number} "
        f"(sha256 {publication.content_hash[:12]}…)"
    )


app.command()(web_commands.serve)
app.command()(web_commands.worker)
app.add_typer(web_commands.user, name="user")


def _command_line() -> None:
    """The commands, with a usage mistake (unknown option, a value of the wrong kind) told in
    one line like every other failure, rather than click's boxed panel."""
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    try:
        status = app(prog_name="scorecard", standalone_mode=False)
    except NoArgsIsHelpError:  # the help is already shown
        raise SystemExit(failures.BAD_INPUT) from None
    except UsageError as error:
        command = error.ctx.command_path if error.ctx else "scorecard"
        typer.echo(f"scorecard: {error.format_message().rstrip('.')}; see `{command} --help`", err=True)
        raise SystemExit(failures.BAD_INPUT) from None
    if isinstance(status, int) and status:
        raise SystemExit(status)


def run() -> None:
    """The `scorecard` program: the commands, with every failure turned into one line."""
    failures.run(_command_line)


if __name__ == "__main__":
    run()
