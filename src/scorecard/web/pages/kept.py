"""Reading pages kept between requests until the organisation's data changes.

A reading page's title and main content are a function of the organisation's data and what the
address asks for. They are kept under those and the organisation's data stamp
(`plans.models.stamps`), which is read before anything the page shows: once anything of the
organisation changes, the stamp moves and no reader sees the old page again. What depends on
the reader is drawn for each request: the layout around the content (who is signed in,
messages, the sign-out form's token) and, where the content marks the place, the links for those
who run the quarter. The content is drawn as for a reader who does not, so one copy serves all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from scorecard.web.accounts.permissions import may_run_the_quarter, member
from scorecard.web.plans.models import data_stamp

ALIAS = "pages"  # the cache in settings.CACHES that keeps them


OFFICERS_LINKS = "<!-- links for those who run the quarter -->"


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Page:
    """A reading page before it is drawn: its title, and its content's template and context."""

    title: str
    template: str
    context: dict[str, Any]


def kept_page(
    request: HttpRequest,
    name: str,
    asked: tuple[object, ...],
    build: Callable[[], Page],
    for_officers: Sequence[Link] = (),
) -> HttpResponse:
    """The page `build` makes, kept under `name` and `asked` (what the address asks for), with the
    links `for_officers` put in its marked place for those who run the quarter."""
    membership = member(request)
    stamp = data_stamp(membership.organisation_id)
    # what the address asks for is anyone's text: hashed, so the key is short and plain
    digest = hashlib.sha256(repr(asked).encode()).hexdigest()[:32]
    key = f"{membership.organisation_id}.{stamp}.{name}.{digest}"
    shown: tuple[str, str] | None = caches[ALIAS].get(key)
    if shown is None:
        page = build()
        as_any_reader = {**page.context, "runs_the_quarter": False, "officers_links": mark_safe(OFFICERS_LINKS)}
        shown = (page.title, render_to_string(page.template, as_any_reader, request))
        caches[ALIAS].set(key, shown)
    title, body = shown
    offered = for_officers if may_run_the_quarter(membership) else ()
    links = render_to_string("pages/_officers_links.html", {"links": offered}) if offered else ""
    content = mark_safe(body.replace(OFFICERS_LINKS, links, 1))  # both drawn by our templates, escaped
    return render(request, "pages/kept.html", {"title": title, "body": content})
