"""The dataset reader keeps a printed band only as the rule's or as a published departure with
the reason the file gives; it never writes a reason itself."""

import csv
import shutil
from pathlib import Path

import pytest

import scorecard.demo
from scorecard.interchange.dataset import DatasetError, read_dataset

HARROW = Path(scorecard.demo.__file__).parent / "harrow_q2_2018_19"


@pytest.fixture
def dataset(tmp_path):
    folder = tmp_path / "harrow"
    shutil.copytree(HARROW, folder)
    return folder


def _edit_value(folder, code, period, **cells):
    path = folder / "values.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if (row["code"], row["period"]) == (code, period):
            row.update(cells)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _entry(report, code, period):
    measure = next(m for theme in report.themes for m in theme.measures if m.code == code)
    return next(e for e in measure.entries if e.period.label() == period)


def test_a_printed_band_the_rule_does_not_give_is_refused_without_a_stated_reason(dataset):
    _edit_value(dataset, "build-1", "Q2 2018/19", printed_rag="LR")

    with pytest.raises(DatasetError) as raised:
        read_dataset(dataset)

    assert str(raised.value) == (
        "values.csv, row 4, column printed_rag: printed LR but the five-band scheme gives HG: correct it, "
        "or give the published reason for the departure in departure_reason"
    )


def test_a_departure_with_its_stated_reason_becomes_an_override_with_that_reason(dataset):
    _edit_value(dataset, "build-1", "Q2 2018/19", printed_rag="LR", departure_reason="Cabinet asked for caution")

    entry = _entry(read_dataset(dataset), "build-1", "Q2 2018/19")

    assert (entry.override, entry.override_reason, entry.marker) == ("LR", "Cabinet asked for caution", "")


def test_a_departure_must_name_a_band_of_the_scheme(dataset):
    _edit_value(dataset, "build-1", "Q2 2018/19", printed_rag="PURPLE", departure_reason="It felt purple")

    with pytest.raises(DatasetError, match=r"row 4, column departure_reason: 'PURPLE' is not a band of five-band"):
        read_dataset(dataset)


def test_the_demo_has_exactly_the_departures_its_file_states():
    report = read_dataset(HARROW)
    with (HARROW / "values.csv").open(newline="", encoding="utf-8") as handle:
        stated = {(row["code"], row["period"]): row["departure_reason"] for row in csv.DictReader(handle)}

    overrides = {
        (m.code, e.period.label()): e.override_reason
        for theme in report.themes
        for m in theme.measures
        for e in m.entries
        if e.override
    }
    assert overrides == {key: reason for key, reason in stated.items() if reason}
    assert len(overrides) == 9


def _measure(report, code):
    return next(m for theme in report.themes for m in theme.measures if m.code == code)


def test_the_publication_lag_is_read_and_the_harrow_spans_in_arrears_are_the_latest_published():
    from scorecard.core.timeliness import latest_available

    report = read_dataset(HARROW)
    lags = {
        m.code: m.definition.lag_months for theme in report.themes for m in theme.measures if m.definition.lag_months
    }
    assert lags == {
        "build-20": 3,
        "build-21": 3,
        "build-45": 3,
        "build-50": 3,
        "vulnerable-8": 24,
        "vulnerable-9": 3,
        "vulnerable-10": 6,
        "vulnerable-13": 3,
    }
    # every span the report prints under a value is what the lag says was latest published
    printed = [(m, e) for theme in report.themes for m in theme.measures for e in m.entries if e.covers]
    assert len(printed) == 8
    assert all(latest_available(m.definition, e.period) == e.covers for m, e in printed)


def test_a_lag_that_is_not_a_number_of_months_is_refused(dataset):
    path = dataset / "measures.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["lag_months"] = "six"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    with pytest.raises(DatasetError) as raised:
        read_dataset(dataset)

    assert str(raised.value) == "measures.csv, row 2, column lag_months: 'six' is not a number of months from 0 to 120"
