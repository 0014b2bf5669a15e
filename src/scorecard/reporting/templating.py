"""The Jinja2 environment the report and its charts are drawn with (templates in `templates/`)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from scorecard.reporting.analytics import number

_MONTH = re.compile(r"\b([A-Z][a-z]{2}) (\d{2})\b")


def unbroken_months(text: str) -> str:
    """'Jul 16 - Sep 16' may wrap in a narrow column at the dash, never inside 'Jul 16'."""
    return _MONTH.sub("\\1\u00a0\\2", text)


def one_place(value: float) -> str:
    """A coordinate to one decimal place, halves rounded up."""
    return format(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")


@cache
def environment() -> Environment:
    found = Environment(
        loader=PackageLoader("scorecard.reporting", "templates"),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt field fails the build instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
    )
    found.filters["unbroken_months"] = unbroken_months
    found.filters["one_place"] = one_place
    found.filters["figure"] = number
    return found
