"""`{% changed_fields event.fields %}`: a change's fields as list items, from before to after.

A measure's timeline lists hundreds of changed fields: drawn by a template loop, each value
escaped through Django's lazy-text wrapper, they took most of the measure page's drawing time.
Here each is escaped by the standard library's `html.escape`, which Django's own `escape` calls."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString

from scorecard.web.pages.history import FieldChange

register = template.Library()


@register.simple_tag
def changed_fields(fields: Iterable[FieldChange]) -> SafeString:
    return SafeString("".join(_item(field) for field in fields))


def _item(field: FieldChange) -> str:
    before = "" if field.before is None else f"<del>{escape(field.before)}</del> → "
    return f"<li>{escape(field.name)}: {before}<ins>{escape(field.after)}</ins></li>"
