"""The printed report: the report and its analytics annex as two tagged PDFs, laid out at once.

WeasyPrint lays a document out on one core. A large council's report (500 measures, about 70
pages of scorecards) and its annex take seconds each, so the report is printed by a second Python
process while this one prints the annex. Open the printer before building the document: the
second process loads WeasyPrint while the document is built.

Run as `python -m scorecard.reporting.printing`, this module is that second process: HTML in
on standard input, the PDF out on standard output.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass
from types import TracebackType

from scorecard.reporting.document import ReportDocument
from scorecard.reporting.html import Part, render_html


class PrintingError(RuntimeError):
    """The second process could not print the report."""


@dataclass(frozen=True, slots=True)
class PrintedReport:
    report: bytes
    annex: bytes | None  # None when the report has no analytics appendix


class Printer:
    """Prints a report document; use it as a context manager, one document per printer."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Printer:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "scorecard.reporting.printing"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()

    def print(self, document: ReportDocument) -> PrintedReport:
        from scorecard.reporting.pdf import render_pdf

        process = self._process
        assert process is not None, "open the printer with `with Printer() as printer:`"
        received: list[tuple[bytes, bytes]] = []
        html = render_html(document, Part.REPORT).encode("utf-8")
        # The pipe is fed and drained by a thread, so this process prints the annex meanwhile.
        beside = threading.Thread(target=lambda: received.append(process.communicate(html)))
        beside.start()
        annex = render_pdf(render_html(document, Part.ANNEX)) if document.analytics else None
        beside.join()
        report, problem = received[0]
        if process.returncode != 0 or not report.startswith(b"%PDF"):
            last = problem.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise PrintingError(f"the report's PDF could not be printed: {last[0]}")
        return PrintedReport(report, annex)


def print_report(document: ReportDocument) -> PrintedReport:
    """The report and its annex as PDFs."""
    with Printer() as printer:
        return printer.print(document)


def _print_standard_input() -> None:
    from scorecard.reporting.pdf import load_weasyprint, render_pdf

    load_weasyprint()
    sys.stdout.buffer.write(render_pdf(sys.stdin.buffer.read().decode("utf-8")))


if __name__ == "__main__":
    _print_standard_input()
