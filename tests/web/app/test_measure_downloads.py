"""Each measure's whole history to download from its page, as a tagged PDF and a Word document,
for any member of its organisation and no one else."""

import io
import re

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from tests.web.app.histories import steady_history

pytestmark = pytest.mark.slow

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _pdf_text(response):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_measure_page_offers_its_history_as_pdf_and_word(signed_in):
    html = signed_in("viewer").get("/measures/build-17/").content.decode()
    assert re.search(r'<a class="govuk-link" href="/measures/build-17/history.pdf" download>PDF</a>', html)
    assert re.search(r'<a class="govuk-link" href="/measures/build-17/history.docx" download>Word document</a>', html)


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_a_member_downloads_the_pdf_with_the_measures_figures_and_reading(signed_in, world, role):
    steady_history(world)
    response = signed_in(role).get("/measures/build-17/history.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="build-17-history.pdf"'
    text = _pdf_text(response)
    assert "LONDON BOROUGH OF HARROW" in text
    assert "Measure build-17: its history, Q2 2014/15 to Q2 2018/19" in text
    assert "Period Target Actual Status Trend" in text
    assert "Q2 2018/19 320 199 HG High Green Improved against Q1 2018/19" in text
    assert "Q1 2018/19 285 198.87 120.4 277.34 Special cause concern (outside)" in text
    assert "15 points from Q2 2014/15 to Q2 2018/19: mean 198.87, process limits 120.4 to 277.34" in text


def test_a_member_downloads_the_word_document(signed_in, world):
    steady_history(world)
    response = signed_in("viewer").get("/measures/build-17/history.docx")

    assert response.status_code == 200
    assert response["Content-Type"] == WORD
    assert response["Content-Disposition"] == 'attachment; filename="build-17-history.docx"'
    word = Document(io.BytesIO(response.content))
    assert word.paragraphs[0].text.startswith("London Borough of Harrow: build-17 Total number of households")
    process = [[cell.text for cell in row.cells] for row in word.tables[1].rows]
    assert ["Q1 2018/19", "285", "198.87", "120.4", "277.34", "Special cause concern (outside)"] in process
    assert len(word.inline_shapes) == 2


def test_a_comparator_held_is_charted_and_tabled_beside_the_figures(signed_in):
    text = re.sub(r"\s+", " ", _pdf_text(signed_in("viewer").get("/measures/vulnerable-8/history.pdf")))
    assert re.search("Period Target Actual England ?Status Trend", text)  # pypdf may run two cells together
    latest = r"Q2 2018/19 ?Year on year reduction 40\.4% \(19/47\) \(Jul 16 - Sep 16\) 38\.2 HG High Green"
    assert re.search(latest, text)
    assert "Dotted green line with diamonds: England." in text


def test_a_measure_with_no_figures_gets_a_document_saying_there_is_no_chart(signed_in, world):
    text = _pdf_text(signed_in("elsewhere").get(f"/measures/{world.other_measure}/history.pdf"))
    assert "No figures held as numbers, so there is no chart." in text
    assert "Elsewhere Council".upper() in text


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_another_organisations_measure_is_not_found(signed_in, world, suffix):
    assert signed_in("elsewhere").get(f"/measures/build-17/history.{suffix}").status_code == 404
    assert signed_in("viewer").get(f"/measures/{world.other_measure}/history.{suffix}").status_code == 404


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_signed_out_visitors_are_sent_to_sign_in(world, db, suffix):
    response = Client().get(f"/measures/build-17/history.{suffix}")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
