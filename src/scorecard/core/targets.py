"""Targets: a number, a range, a change on last year, a baseline being set, or none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.values import Missing, MissingKind, Quantity, Range, Value, parse_value


class TargetKind(StrEnum):
    NUMBER = "number"
    RANGE = "range"
    YEAR_ON_YEAR_REDUCTION = "year-on-year reduction"
    YEAR_ON_YEAR_INCREASE = "year-on-year increase"
    BASELINE = "baseline"  # "BL": baseline being established
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    value: Quantity | Range | None = None
    printed: str = ""

    def __str__(self) -> str:
        return self.printed

    @property
    def range(self) -> Range | None:
        """The range, for a range target."""
        return self.value if isinstance(self.value, Range) else None


_YEAR_ON_YEAR = re.compile(r"^year[\s-]+on[\s-]+year\s+(reduction|decrease|increase)$", re.IGNORECASE)

NO_TARGET = Target(TargetKind.NONE)


def parse_target(text: str) -> Target:
    """Read a target cell; raises ValueParseError when it is no target form at all."""
    cell = " ".join(text.split())
    if match := _YEAR_ON_YEAR.match(cell):
        kind = (
            TargetKind.YEAR_ON_YEAR_INCREASE
            if match.group(1).lower() == "increase"
            else TargetKind.YEAR_ON_YEAR_REDUCTION
        )
        return Target(kind, printed=cell)
    return target_from_value(parse_value(cell), cell)


def target_from_value(value: Value, printed: str) -> Target:
    if isinstance(value, Range):
        return Target(TargetKind.RANGE, value, printed)
    if isinstance(value, Quantity):
        return Target(TargetKind.NUMBER, value, printed)
    if isinstance(value, Missing) and value.kind is MissingKind.BASELINE:
        return Target(TargetKind.BASELINE, printed=printed)
    return Target(TargetKind.NONE, printed=printed)
