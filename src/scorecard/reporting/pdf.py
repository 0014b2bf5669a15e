"""The report as a tagged PDF (PDF/UA-1), printed by WeasyPrint from the report's HTML.

Page layout (A4, landscape scorecards, running header, "Page X of Y") lives in the HTML's
print CSS; title, language and author come from the HTML's <title>, lang and <meta>.

A large council's report (500 measures, 155 pages) took 14 s to print; four costs that come
from WeasyPrint and pydyf rather than from the report are cut here (docs/benchmarks.md,
"Publishing a large council's quarter"), the first three leaving the PDF byte for byte the same:
- the cyclic garbage collector's rescans of the growing layout (see `collector`);
- WeasyPrint's default stylesheet, whose pseudo-element rules (markers, footnote calls) apply to
  every element: six computed styles an element, nearly all for boxes never made;
- pydyf's list of page references, rebuilt for every tagged element;
- pydyf's compression of the pages at zlib's slowest level, 9: at the default level, 6, the
  same pages (the same text, the same pixels) take a quarter of the time and 5% more bytes.
"""

from __future__ import annotations

import re
import warnings
import zlib
from functools import cache
from importlib.resources import files
from typing import Any

from scorecard.reporting.collector import collector_paused


def render_pdf(html: str) -> bytes:
    report = _report_html_class()
    with collector_paused():
        pdf: bytes = report(string=html).write_pdf(pdf_variant="pdf/ua-1")  # no target given: the bytes
    return pdf


def load_weasyprint() -> None:
    """Load WeasyPrint now (a second or so), before the HTML to print is at hand."""
    _report_html_class()


@cache
def _report_html_class() -> Any:
    with warnings.catch_warnings():
        # Without the system's libharfbuzz-subset, WeasyPrint warns on import and subsets fonts
        # with fontTools instead: the same PDF, a little slower. Imported here, not at the top,
        # so building HTML alone never loads WeasyPrint.
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        import pydyf
        from weasyprint import CSS, HTML
        from weasyprint.css.counters import CounterStyle

    pydyf.PDF.page_references = property(_page_references)
    pydyf.zlib = _ZlibAtDefaultLevel()
    # The report's only list items are <li> and it has no footnotes, so the pseudo-element
    # rules written for every element ("::marker", "::footnote-call", ...) are kept for <li> alone.
    # The sheet's @counter-style rules are already WeasyPrint's own counter styles: read apart.
    default = (files("weasyprint.css") / "html5_ua.css").read_text(encoding="utf-8")
    sheet = CSS(string=re.sub(r"^::", "li::", default, flags=re.MULTILINE), counter_style=CounterStyle())

    class ReportHTML(HTML):  # type: ignore[misc]  # WeasyPrint has no type hints
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet]

    return ReportHTML


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    """pydyf's `PDF.page_references`, kept until a page is added rather than rebuilt on each read
    (WeasyPrint reads it once for every tagged element: 40,000 times for 155 pages)."""
    kids = pdf.pages["Kids"]
    held: tuple[int, tuple[bytes, ...]] | None = getattr(pdf, "_scorecard_page_references", None)
    if held is None or held[0] != len(kids):
        held = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf._scorecard_page_references = held
    return held[1]


class _ZlibAtDefaultLevel:
    """zlib as pydyf sees it, with the level it asks for ignored."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION) -> Any:
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION)
