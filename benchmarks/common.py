"""Shared helpers for the benchmark scripts: timing, machine description, results file."""

from __future__ import annotations

import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).parents[1] / "docs" / "benchmarks.md"


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, list[float]]:
    """The fastest of several runs (the least disturbed by the rest of the machine), and all of them."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), times


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else ""
    return f"{model or cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def spread(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s over {len(times)} runs"


def record(section: str, body: str) -> None:
    """Replace one section (## heading) of docs/benchmarks.md with fresh figures."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    heading = f"## {section}"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    block = f"{heading}\n\n{body.strip()}\n\n"
    text = pattern.sub(block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block
    RESULTS.write_text(text, encoding="utf-8")
