"""`{{ tag|status_tag }}` and `{{ band|band_tag }}`: a status as the pages show it, code and shape in
text, never colour alone (`pages.tags`)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from scorecard.reporting.key import KeyBand
from scorecard.web.pages.tags import Tag, band_html, tag_html

register = template.Library()


@register.filter
def status_tag(tag: Tag | None) -> SafeString:
    return tag_html(tag or None)


@register.filter
def band_tag(band: KeyBand) -> SafeString:
    return band_html(band)
