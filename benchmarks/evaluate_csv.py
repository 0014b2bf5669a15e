"""`scorecard evaluate` on a generated 1,000,000-row CSV against Python's csv module reading it.

Goal (issues 2 and 6): evaluate takes at most 3x the time the csv module takes just to read the
file. Both are whole processes (interpreter start included), run in turn in this run, so a
drift in the machine's speed touches both; the ratio is taken pair by pair. The rows come from
council_rows.py: high-cardinality values plus every boundary and missing-data state.
Usage: python benchmarks/evaluate_csv.py [ROWS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import machine, record
from council_rows import write

GOAL = 3.0
RUNS = 5
READ = "import csv, sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    for _ in csv.reader(f): pass"


def _timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) for one whole run."""
    start = time.perf_counter()
    # the problems evaluate lists are not the point
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    process.returncode = 0  # reaped above
    return wall, usage.ru_utime + usage.ru_stime


def _row(what: str, runs: tuple[tuple[float, float], ...]) -> str:
    walls = [wall for wall, _ in runs]
    cpu = statistics.median(cpu for _, cpu in runs)
    return f"| {what} | {statistics.median(walls):.2f} s | {min(walls):.2f} s | {max(walls):.2f} s | {cpu:.2f} s |"


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    load = os.getloadavg()[0]  # other work on the machine widens the spread
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "cells.csv", Path(folder) / "judged.csv"
        write(source, rows)
        size = source.stat().st_size / 1e6
        read = [sys.executable, "-c", READ, str(source)]
        evaluate = [sys.executable, "-m", "scorecard.cli", "evaluate", str(source), "--output", str(output)]
        _timed(read), _timed(evaluate)  # warm the file cache and the imports
        pairs = [(_timed(read), _timed(evaluate)) for _ in range(RUNS)]
    reads, evaluates = zip(*pairs, strict=True)
    ratios = sorted(evaluated[0] / baseline[0] for baseline, evaluated in pairs)
    ratio = statistics.median(ratios)
    cpu_ratio = statistics.median(evaluated[1] / baseline[1] for baseline, evaluated in pairs)
    verdict = "met" if ratio <= GOAL else "NOT met"
    body = f"""
Goal: at most {GOAL:g}x the time Python's csv module takes to read the same file, both whole
processes. **{verdict}: {ratio:.2f}x** (median of {RUNS} pairs run in turn; {ratios[0]:.2f}x to {ratios[-1]:.2f}x).
In CPU time, which other work on the machine disturbs less: {cpu_ratio:.2f}x.

| what ({rows:,} rows, {size:.0f} MB) | median | fastest | slowest | CPU (median) |
|---|---|---|---|---|
{_row("`python -c` reading every row with csv.reader", reads)}
{_row("`scorecard evaluate FILE --output OUT`", evaluates)}

Command: `python benchmarks/evaluate_csv.py {rows}` (or `make benchmarks`). Machine: {machine()}, load
average {load:.1f} at the start. Run on {date.today()}.
"""
    record("scorecard evaluate on 1,000,000 rows", body)
    print(body)


if __name__ == "__main__":
    main()
