"""What render_pdf changes in WeasyPrint to print faster leaves the PDF as WeasyPrint makes it:
list markers, each tagged element on its own page, and the garbage collector as it was."""

import gc
import io
import shutil
import subprocess
from typing import Any

import pytest
from pypdf import PdfReader

from scorecard.reporting.pdf import render_pdf

PAGES = """<!DOCTYPE html><html lang="en-GB"><head><title>Three pages</title>
<style>h1 { break-before: page; }</style></head><body>
<h1>First</h1><ul><li>Bulleted item</li></ul>
<h1>Second</h1><ol><li>Numbered item</li></ol>
<h1>Third</h1><p>Plain text.</p>
</body></html>"""


def _headings(element: Any, found: list[Any]) -> list[Any]:
    """Every H1 in the structure tree, in order, with the page it names."""
    element = element.get_object()
    if isinstance(element, list):
        for child in element:
            _headings(child, found)
        return found
    if not hasattr(element, "get"):
        return found  # a marked-content number
    if element.get("/S") == "/H1":
        found.append(element.raw_get("/Pg"))
    if "/K" in element:
        _headings(element["/K"], found)
    return found


def test_each_tagged_heading_names_the_page_it_is_printed_on() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(PAGES)))
    headings = _headings(reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert [page.idnum for page in headings] == [page.indirect_reference.idnum for page in reader.pages]
    assert len(reader.pages) == 3


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_list_items_keep_their_markers() -> None:
    text = subprocess.run(["pdftotext", "-", "-"], input=render_pdf(PAGES), capture_output=True, check=True).stdout
    assert "• Bulleted item" in text.decode()
    assert "1. Numbered item" in text.decode()


@pytest.mark.parametrize("collecting", [True, False])
def test_the_garbage_collector_is_left_as_it_was(collecting: bool) -> None:
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        render_pdf(PAGES)
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()


def test_page_references_follow_pages_added_after_a_read() -> None:
    import pydyf

    render_pdf(PAGES)  # installs the kept references on pydyf
    document = pydyf.PDF()
    pages = [pydyf.Dictionary({"Type": "/Page"}) for _ in range(3)]
    document.add_page(pages[0])
    assert document.page_references == (f"{pages[0].number} 0 R".encode(),)
    for page in pages[1:]:
        document.add_page(page)
    assert document.page_references == tuple(f"{page.number} 0 R".encode() for page in pages)
