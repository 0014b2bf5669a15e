"""How a status is shown: its code in text, its band's shape and colour, and its words.

Colours and shapes come from the report's key (`scorecard.reporting.key`), so a page and the
report draw a band the same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

from scorecard.core.rag import ValueState
from scorecard.core.schemes import RagScheme
from scorecard.core.trend import Trend
from scorecard.reporting.key import KeyBand, rag_key
from scorecard.web.plans.models import StoredStatus


@dataclass(frozen=True, slots=True)
class Tag:
    code: str  # "LG", "Note 1", or the state in words where there is no band
    label: str  # "Low Green", "Not available"
    band: KeyBand | None = None
    overridden: bool = False  # an officer's override, shown in place of the computed band


@dataclass(frozen=True, slots=True)
class TrendTag:
    arrow: str
    word: str


Styles = Mapping[str, Mapping[str, KeyBand]]  # scheme name → band code → how it is drawn


def styles(schemes: Mapping[str, RagScheme]) -> dict[str, dict[str, KeyBand]]:
    return {name: {band.code: band for band in rag_key(scheme).bands} for name, scheme in schemes.items()}


def stored_tag(status: StoredStatus, scheme: str, style: Styles) -> Tag:
    """The status a stored judgement shows: an override's band, the computed band, the data note, or the state."""
    held = status.measure_return
    override = (held.override_band.code, held.override_band.label) if held.override_band is not None else None
    return tag_of(override, status.band, held.data_note, status.state, style.get(scheme, {}))


def tag_of(override: tuple[str, str] | None, band: str, note: str, state: str, bands: Mapping[str, KeyBand]) -> Tag:
    """`stored_tag` from the columns alone: an override's (code, label), the band code, the data note, the state."""
    if override is not None:
        return Tag(override[0], override[1], bands.get(override[0]), overridden=True)
    if band:
        drawn = bands.get(band)
        return Tag(band, drawn.label if drawn else band, drawn)
    if note:
        return Tag(note, note)
    return Tag(ValueState(state).label, ValueState(state).label)


@lru_cache(maxsize=512)
def tag_html(tag: Tag | None) -> SafeString:
    """A status as a tag: the band's code in its colour with its shape, or the words alone. A page
    shows few distinct statuses many times, so each is marked up once."""
    if tag is None:
        return SafeString("")
    if tag.band is None:
        return format_html('<strong class="sc-tag sc-tag--none">{}</strong>', tag.code)
    return band_html(tag.band, tag.overridden)


@lru_cache(maxsize=512)
def band_html(band: KeyBand, overridden: bool = False) -> SafeString:
    """A band as a tag; an officer's override is flagged in text as well as with the asterisk."""
    flag = (
        SafeString(
            '<span class="sc-flag">*</span><span class="govuk-visually-hidden"> '
            "(set by an officer in place of the rule's status)</span>"
        )
        if overridden
        else ""
    )
    return format_html(
        '<strong class="sc-tag" style="background-color: {}; color: {}"><span class="sc-shape sc-shape--{}"'
        ' aria-hidden="true"></span><abbr title="{}">{}</abbr>{}</strong>',
        band.colour,
        band.ink,
        band.shape,
        band.label,
        band.code,
        flag,
    )


def trend_tag(value: str) -> TrendTag | None:
    return TrendTag(Trend(value).arrow, Trend(value).label) if value else None


def published_tag(shown: Mapping[str, Any]) -> Tag:
    """A status as a publication froze it (the report document's `shown`, as JSON)."""
    band = shown.get("band")
    return Tag(shown["text"], shown["label"], KeyBand(**band) if band else None)


def is_red(label: str) -> bool:
    """Whether a band is a red one (Red, Low Red, High Red): its name says so. Schemes carry no
    other mark of it, and commentary is required for these."""
    return "red" in label.lower().split()
