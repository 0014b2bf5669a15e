"""A published report never changes: later edits to measures, targets, schemes or the plan only
show in a fresh build."""

import dataclasses
import io
import json
from dataclasses import replace

import pytest
from docx import Document

from scorecard.core.schemes import BUILT_IN_TOML
from scorecard.reporting.document_data import document_data, document_from_data
from scorecard.reporting.word import render_word
from scorecard.web.plans import changes, models
from scorecard.web.plans.loader import load_quarter_report
from scorecard.web.plans.publishing import NotPublishedError, fresh_build, publish, published
from scorecard.web.plans.schemes import add_version

Q2 = "Q2 2018/19"


def _current(document, code):
    return next(row for theme in document["themes"] for row in theme["rows"] if row["code"] == code)["periods"][-1]


def _fresh_row(loaded, code):
    document, _ = fresh_build("harrow", loaded.period)
    return next(row for theme in document.themes for row in theme.rows if row.code == code)


def _change(record, **values):
    return changes.change(record, values, expected_version=record.version, by=None)


def test_published_report_is_unchanged_by_later_edits_which_a_fresh_build_shows(loaded):
    first = publish("harrow", loaded.period, by=None)
    html, stored = first.html, first.document
    assert _current(stored["document"], "build-29")["shown"]["text"] == "LR"
    assert stored["schemes"] == {"five-band": 1, "three-band": 1}

    # The plan, a polarity, a target and a scheme's bands all change after publication (the plan
    # first: a reload sets the fields the dataset carries back to its own).
    load_quarter_report(replace(loaded, plan="Harrow Ambition Plan 2030"), slug="harrow")
    build_29 = models.Measure.unscoped.get(code="build-29")
    _change(build_29, polarity="lower")
    target = models.Target.unscoped.get(measure__code="build-16", period__label=Q2)
    _change(target, printed="12", amount=12)
    five_band = models.Scheme.unscoped.get(name="five-band")
    add_version(five_band, BUILT_IN_TOML["five-band"].replace("min = 0.05", "min = 0.5"), by=None, reason="test")

    again = published("harrow", loaded.period)
    assert again.html == html  # byte for byte
    assert (again.document, again.content_hash) == (stored, first.content_hash)
    assert sorted((v.scheme.name, v.version) for v in again.schemes.all()) == [("five-band", 1), ("three-band", 1)]

    fresh_29 = _fresh_row(loaded, "build-29").current
    assert (fresh_29.shown.text, fresh_29.computed) == ("LG", "LG")  # 71.40% against 76%, lower is better: +6.1%
    assert _fresh_row(loaded, "build-16").current.target == "12"
    document, versions = fresh_build("harrow", loaded.period)
    assert versions["five-band"].version == 2
    assert document.plan == "Harrow Ambition Plan 2030"
    assert sum(len(theme.rows) for theme in document.themes) == 85  # the measures moved with their themes


def test_a_published_report_is_laid_out_again_in_word_as_it_was_judged_not_as_the_data_now_stands(loaded):
    as_published = fresh_build("harrow", loaded.period)[0]
    first = publish("harrow", loaded.period, by=None)
    _change(models.Measure.unscoped.get(code="build-29"), polarity="lower")

    document = document_from_data(first.document["document"])

    assert document == as_published != fresh_build("harrow", loaded.period)[0]
    word = Document(io.BytesIO(render_word(document)))
    name = next(row.name for theme in document.themes for row in theme.rows if row.code == "build-29")
    build_29 = next([c.text for c in row.cells] for t in word.tables for row in t.rows if row.cells[1].text == name)
    assert (build_29[2], build_29[-2]) == ("Higher", "LR (Low Red)")  # as published, not as judged now


def test_publishing_again_is_a_correction_numbered_after_the_first(loaded):
    first = publish("harrow", loaded.period, by=None)
    build_29 = models.Measure.unscoped.get(code="build-29")
    _change(build_29, polarity="lower")

    second = publish("harrow", loaded.period, by=None)

    assert (first.number, second.number) == (1, 2)
    assert second.content_hash != first.content_hash
    assert published("harrow", loaded.period).pk == second.pk
    assert published("harrow", loaded.period, number=1).html == first.html


def test_a_publication_cannot_be_changed_or_deleted(loaded):
    publication = publish("harrow", loaded.period, by=None)
    publication.html = "<p>rewritten</p>"

    with pytest.raises(models.HistoryKeptError):
        publication.save()
    with pytest.raises(models.HistoryKeptError):
        publication.delete()


def test_an_unpublished_quarter_says_how_to_publish_it(loaded):
    with pytest.raises(
        NotPublishedError, match=r'publish it with `scorecard publish --organisation harrow --period "Q2 2018/19"`'
    ):
        published("harrow", loaded.period)


def test_the_stored_document_is_every_field_of_the_build_as_json(loaded):
    """The snapshot's data is exactly what `dataclasses.asdict` gives, in JSON (text for dates and
    decimals), with nothing dropped or renamed."""
    document, _ = fresh_build("harrow", loaded.period)
    expected = json.loads(json.dumps(dataclasses.asdict(document), default=str))
    assert document_data(document) == expected
    assert json.dumps(document_data(document)) == json.dumps(expected)  # keys in the same order
