"""`{% status_tag tag %}`: a status tag drawn once per distinct tag, then reused.

A measure's history and a theme's scorecard show hundreds of tags but only a few distinct ones;
drawing `_tag.html` (and its `_band.html`) for each cost a good part of those pages' time."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString

from scorecard.web.pages.tags import Tag

register = template.Library()


@register.simple_tag
def status_tag(tag: Tag | None) -> SafeString:
    return _drawn(tag)


@lru_cache(maxsize=512)
def _drawn(tag: Tag | None) -> SafeString:
    return SafeString(get_template("pages/_tag.html").render({"tag": tag}))
