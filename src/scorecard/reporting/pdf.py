"""The report as a tagged PDF (PDF/UA-1), printed by WeasyPrint from the report's HTML.

Page layout (A4, landscape scorecards, running header, "Page X of Y") lives in the HTML's
print CSS; title, language and author come from the HTML's <title>, lang and <meta>.
"""

from __future__ import annotations

import warnings


def render_pdf(html: str) -> bytes:
    with warnings.catch_warnings():
        # Without the system's libharfbuzz-subset, WeasyPrint warns on import and subsets fonts
        # with fontTools instead: the same PDF, a little slower. Imported here, not at the top,
        # so building HTML alone never loads WeasyPrint.
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")  # no target given: the bytes
    return pdf
