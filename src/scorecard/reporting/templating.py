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


def strict_environment(package: str, folder: str) -> Environment:
    """Templates from a package's folder, escaped, with blocks trimmed, failing on a misspelt field
    instead of printing nothing."""
    return Environment(
        loader=PackageLoader(package, folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def environment() -> Environment:
    found = strict_environment("scorecard.reporting", "templates")
    found.filters["unbroken_months"] = unbroken_months
    found.filters["one_place"] = one_place
    found.filters["figure"] = number
    return found
