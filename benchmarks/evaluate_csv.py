"""`scorecard evaluate` on a generated 1,000,000-row CSV against Python's csv module reading it.

Goal (issue 2): evaluate takes at most 3x the time the csv module takes just to read the file,
both measured in this run. Usage: python benchmarks/evaluate_csv.py [ROWS]
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from common import best_of, machine, record, spread

GOAL = 3.0


def generate(path: Path, rows: int) -> None:
    """Council-like rows: percentages and counts as reports print them, all polarities, some gaps."""
    rng = random.Random(20181)
    targets = [f"{t}%" for t in (2, 5, 15, 30, 50, 60, 70, 76, 85, 90, 95)] + ["10", "250", "1,664", "01:30"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "polarity", "target", "actual", "previous_actual"])
        for number in range(rows):
            target = rng.choice(targets)
            polarity = rng.choice(("higher", "higher", "lower", "range" if number % 50 == 0 else "lower"))
            if polarity == "range":
                target = "0.9-1.1"
            actual, previous = (_near(rng, target) for _ in range(2))
            if number % 97 == 0:
                actual = rng.choice(("", "-", "Note 1"))
            writer.writerow([number, polarity, target, actual, previous])


def _near(rng: random.Random, target: str) -> str:
    if target == "01:30":
        seconds = 90 + rng.randint(-20, 20)
        return f"{seconds // 60:02d}:{seconds % 60:02d}"
    if target == "0.9-1.1":
        return f"{rng.uniform(0.8, 1.2):.2f}"
    base = float(target.rstrip("%").replace(",", ""))
    value = base * rng.uniform(0.8, 1.2)
    if target.endswith("%"):
        return f"{value:.1f}%"
    return f"{round(value):,}" if "," in target else str(round(value))


def read_only(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        for _ in csv.reader(handle):
            pass


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "cells.csv", Path(folder) / "judged.csv"
        generate(source, rows)
        baseline, baseline_times = best_of(3, lambda: read_only(source))
        command = [sys.executable, "-m", "scorecard.cli", "evaluate", str(source), "--output", str(output)]
        evaluate, evaluate_times = best_of(3, lambda: subprocess.run(command, check=True))
        size = source.stat().st_size / 1e6
    ratio = evaluate / baseline
    verdict = "met" if ratio <= GOAL else "NOT met"
    body = f"""
Goal: at most {GOAL:g}x the time Python's csv module takes to read the same file. **{verdict}: {ratio:.2f}x.**

| what | best of 3 | spread |
|---|---|---|
| csv.reader reads {rows:,} rows ({size:.0f} MB) | {baseline:.2f} s | {spread(baseline_times)} |
| `scorecard evaluate` (whole command, process start included) | {evaluate:.2f} s | {spread(evaluate_times)} |

Command: `python benchmarks/evaluate_csv.py {rows}` (or `make benchmarks`). Machine: {machine()}. Run on {date.today()}.
"""
    record("scorecard evaluate on 1,000,000 rows", body)
    print(body)


if __name__ == "__main__":
    main()
