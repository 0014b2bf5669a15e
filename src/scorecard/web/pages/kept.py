"""Reading pages kept between requests until the organisation's data changes.

A reading page's title and main content are a function of the organisation's data, whether the
reader runs the quarter (which links they are offered) and what the address asks for. They are
kept under those and the organisation's data stamp
(`plans.models.stamps`), which is read before anything the page shows: once anything of the
organisation changes, the stamp moves and no reader sees the old page again. Only the layout
around them (who is signed in, messages, the sign-out form's token) is drawn for each request,
so nothing kept may depend on the user beyond whether they run the quarter (`runs_the_quarter`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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


@dataclass(frozen=True, slots=True)
class Page:
    """A reading page before it is drawn: its title, and its content's template and context."""

    title: str
    template: str
    context: dict[str, Any]


def kept_page(request: HttpRequest, name: str, asked: tuple[object, ...], build: Callable[[], Page]) -> HttpResponse:
    """The page `build` makes, kept under `name` and `asked` (what the address asks for)."""
    membership = member(request)
    stamp = data_stamp(membership.organisation_id)
    # what the address asks for is anyone's text: hashed, so the key is short and plain
    digest = hashlib.sha256(repr(asked).encode()).hexdigest()[:32]
    reader = "runs" if may_run_the_quarter(membership) else "reads"
    key = f"{membership.organisation_id}.{stamp}.{reader}.{name}.{digest}"
    shown: tuple[str, str] | None = caches[ALIAS].get(key)
    if shown is None:
        page = build()
        shown = (page.title, render_to_string(page.template, page.context, request))
        caches[ALIAS].set(key, shown)
    title, body = shown
    return render(request, "pages/kept.html", {"title": title, "body": mark_safe(body)})
