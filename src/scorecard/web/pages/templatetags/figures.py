"""`{{ value|figure }}`: a statistic as the analytics' sentences print it (38.7, 1,234.5)."""

from __future__ import annotations

from django import template

from scorecard.reporting.analytics import number

register = template.Library()


@register.filter
def figure(value: float | None) -> str:
    return "" if value is None else number(value)
