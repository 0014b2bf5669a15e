"""The typed columns of a printed target or actual: the core parses, these fields store."""

from __future__ import annotations

from typing import Any

from scorecard.core.assess import read_actual
from scorecard.core.periods import parse_span
from scorecard.core.targets import parse_target
from scorecard.core.values import Quantity, Range


def target_columns(printed: str) -> dict[str, Any]:
    """Target fields from its printed text; raises ValueParseError when it is no target."""
    target = parse_target(printed)
    value = target.value
    low = value.low if isinstance(value, Range) else value
    return {
        "printed": printed,
        "kind": target.kind.value,
        "amount": low.amount if low else None,
        "high": value.high.amount if isinstance(value, Range) else None,
        "unit": low.unit.value if low else "",
    }


def actual_columns(printed: str, covers: str = "") -> dict[str, Any]:
    """Return fields from the printed actual and the span it covers; raises ValueError subclasses."""
    actual = read_actual(printed)
    quantity = actual if isinstance(actual, Quantity) else None
    span = parse_span(covers) if covers.strip() else None
    return {
        "actual": printed,
        "amount": quantity.amount if quantity else None,
        "unit": quantity.unit.value if quantity else "",
        "numerator": quantity.numerator if quantity else None,
        "denominator": quantity.denominator if quantity else None,
        "count": quantity.count if quantity else None,
        "covers": span.label() if span else "",
        "covers_start": span.start if span else None,
        "covers_end": span.end if span else None,
    }


def printed_value_problems(target: str, actual: str, covers: str) -> dict[str, str]:
    """What the core cannot read in a target, actual and covered span as printed, by field."""
    problems = {}
    try:
        target_columns(target)
    except ValueError as error:
        problems["target"] = str(error)
    try:
        actual_columns(actual)
    except ValueError as error:
        problems["actual"] = str(error)
    if covers.strip():
        try:
            parse_span(covers)
        except ValueError as error:
            problems["covers"] = str(error)
    return problems
