"""`{{ page.history|timeline }}`, `{{ page|period_rows }}`, `{{ scorecard|scorecard_rows }}`: the parts of
pages drawn by `pages.fragments`."""

from __future__ import annotations

from django import template

from scorecard.web.pages import fragments

register = template.Library()
register.filter("timeline", fragments.timeline)
register.filter("period_rows", fragments.period_rows)
register.filter("scorecard_rows", fragments.scorecard_rows)
