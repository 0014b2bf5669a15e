"""The reference report, cell by cell, through `scorecard evaluate`.

Every scorecard cell with a numeric or range target and a printed band must get the printed
band, except the two Repeat referrals cells PRODUCT.md documents; every printed trend arrow
with both values printed must match (snapshot and rolling measures against the previous
quarter, cumulative ones against the same quarter last year).
"""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.core.targets import TargetKind, parse_target
from scorecard.interchange.dataset import read_dataset

DATASET = Path(__file__).parents[2] / "src" / "scorecard" / "demo" / "harrow_q2_2018_19"
BANDS = {"HG", "LG", "A", "LR", "HR", "G"}
ARROWS = {"up": "improved", "down": "deteriorated", "same": "unchanged"}
DOCUMENTED_DEPARTURES = {("vulnerable-1", "Q1 2018/19"), ("vulnerable-1", "Q2 2018/19")}


def _rows(name):
    with (DATASET / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    """Write the transcription as an evaluate input, run the command, read its output."""
    report = read_dataset(DATASET)
    measures = {measure.code: measure for theme in report.themes for measure in theme.measures}
    printed = _rows("values.csv")
    folder = tmp_path_factory.mktemp("evaluate")
    source, output = folder / "cells.csv", folder / "judged.csv"
    by_cell = {(row["code"], row["period"]): row for row in printed}
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "polarity", "target", "actual", "previous_actual", "last_year_actual", "scheme"])
        for row in printed:
            measure = measures[row["code"]]
            period = next(entry.period for entry in measure.entries if entry.period.label() == row["period"])
            comparable = by_cell.get((row["code"], measure.definition.comparable_period(period).label()), {})
            last_year = by_cell.get((row["code"], period.same_period_last_year().label()), {})
            writer.writerow(
                [
                    f"{row['code']}|{row['period']}",
                    measure.definition.polarity.value,
                    row["target"],
                    row["actual"],
                    comparable.get("actual", ""),
                    last_year.get("actual", ""),
                    measure.scheme,
                ]
            )
    subprocess.run(
        [sys.executable, "-m", "scorecard.cli", "evaluate", str(source), "--output", str(output), "--strict"],
        check=True,
    )
    with output.open(newline="", encoding="utf-8") as handle:
        results = {row["id"]: row for row in csv.DictReader(handle)}
    return printed, results


def _judged_cells(printed):
    for row in printed:
        kind = parse_target(row["target"]).kind
        if kind in (TargetKind.NUMBER, TargetKind.RANGE) and row["printed_rag"] in BANDS:
            yield row


def test_every_numeric_target_cell_gets_the_printed_band(evaluated):
    printed, results = evaluated
    cells = list(_judged_cells(printed))
    assert len(cells) == 190
    departures = {
        (row["code"], row["period"])
        for row in cells
        if results[f"{row['code']}|{row['period']}"]["rag"] != row["printed_rag"]
    }
    assert departures == DOCUMENTED_DEPARTURES


def test_the_documented_departures_are_high_green_by_the_key(evaluated):
    _, results = evaluated
    for code, period in DOCUMENTED_DEPARTURES:
        assert results[f"{code}|{period}"]["rag"] == "HG"


def test_every_printed_trend_with_both_values_matches(evaluated):
    printed, results = evaluated
    checked = 0
    for row in printed:
        if row["printed_trend"] not in ARROWS:
            continue
        result = results[f"{row['code']}|{row['period']}"]
        if {result["previous_actual"].strip(), result["actual"].strip()} & {"", "-"}:
            continue  # one of the two values is not printed
        assert result["trend"] == ARROWS[row["printed_trend"]], row["code"]
        checked += 1
    assert checked == 33  # the arrows the extraction kept where both values are printed


def test_every_status_has_a_reason(evaluated):
    _, results = evaluated
    for result in results.values():
        if result["rag"]:
            assert result["rag_reason"].startswith(("High", "Low", "Amber", "Green"))
