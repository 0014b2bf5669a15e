"""The published expected values in tests/vectors/, each file naming its source inside."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

VECTORS = Path(__file__).parent / "vectors"


def vector_path(name: str) -> Path:
    return VECTORS / name


def vector_json(name: str) -> Any:
    return json.loads(vector_path(name).read_text(encoding="utf-8"))


def vector_rows(name: str) -> list[dict[str, str]]:
    """A vector CSV's rows; its leading # lines (the source and how to use it) are skipped."""
    lines = vector_path(name).read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))
