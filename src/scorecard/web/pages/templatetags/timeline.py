"""`{% timeline_event event %}`: one change of a record's history, drawn in one go.

A measure's timeline lists about a hundred changes and most of a thousand changed fields. Drawn
by template loops, every value escaped through Django's lazy-text wrapper, they took most of the
measure page's drawing time. Here each value is escaped by the standard library's `html.escape`
(which Django's own `escape` calls) and dated as the `date` filter dates, so the page reads the
same; `_timeline.html` keeps the list around them."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from scorecard.web.pages.history import Event, FieldChange

register = template.Library()

WHEN = "j M Y, H:i"


@register.simple_tag
def timeline_event(event: Event) -> SafeString:
    change = event.change
    user = change.made_by
    by = (user.get_full_name() or user.username) if user else (change.source or "the system")
    comment = f": “{escape(change.comment)}”" if change.comment else ""
    when = date_format(localtime(change.created_at), WHEN)
    fields = "".join(_field(field) for field in event.fields)
    listed = f'<ul class="govuk-list govuk-list--bullet govuk-body-s">\n      {fields}\n    </ul>' if fields else ""
    return SafeString(
        f'<h3 class="govuk-heading-s govuk-!-margin-bottom-1">{escape(event.record)}: '
        f"{escape(change.get_kind_display())}</h3>\n"
        f'    <p class="govuk-body-s govuk-!-margin-bottom-1">{escape(when)}, by {escape(by)}{comment}</p>\n'
        f"    {listed}"
    )


def _field(field: FieldChange) -> str:
    before = "" if field.before is None else f"<del>{escape(field.before)}</del> → "
    return f"<li>{escape(field.name)}: {before}<ins>{escape(field.after)}</ins></li>"
