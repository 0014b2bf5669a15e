"""The key to RAG status: each band of a scheme with its code, label, a description in words,
and how it is drawn (colour, text colour, shape).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scorecard.core.schemes import Band, DeviationMode, RagScheme
from scorecard.reporting.colours import checked_colour, ink_on

# The key as Harrow printed it under every scorecard; other schemes are described from their bounds.
PRINTED_KEYS: dict[str, dict[str, str]] = {
    "five-band": {
        "HG": "Has exceeded target by 5% or more",
        "LG": "Has met target or exceeded it by under 5%",
        "A": "Just off target - less than 5%",
        "LR": "Between 5% and 10% off target",
        "HR": "More than 10% off target",
    },
}
SHAPES = ("circle", "triangle", "square", "diamond")


@dataclass(frozen=True, slots=True)
class KeyBand:
    """A band as the report shows it: always its code in text, never colour alone."""

    code: str
    label: str
    description: str
    colour: str  # #rrggbb
    ink: str  # the text colour on it, chosen for contrast
    shape: str  # one of SHAPES


@dataclass(frozen=True, slots=True)
class RagKey:
    scheme: str
    description: str
    bands: tuple[KeyBand, ...]


def _shape(band: Band, index: int, count: int) -> str:
    if band.shape in SHAPES:
        return band.shape
    # a scheme without shapes: best band a circle, worst a square, the rest triangles
    return "circle" if index == 0 else "square" if index == count - 1 else "triangle"


def key_band(band: Band, description: str = "", index: int = 0, count: int = 1) -> KeyBand:
    colour = checked_colour(band.colour)
    return KeyBand(band.code, band.label, description, colour, ink_on(colour), _shape(band, index, count))


def _size(fraction: Decimal, mode: DeviationMode) -> str:
    if mode is DeviationMode.ABSOLUTE:
        return f"{abs(fraction).normalize():f}"
    return f"{(abs(fraction) * 100).normalize():f}%"


def _lower(band: Band) -> tuple[Decimal, bool] | None:
    """The band's own lower bound on deviation, and whether it is included."""
    if band.min is not None:
        return band.min, True
    if band.above is not None:
        return band.above, False
    return None


def _top(bound: Decimal, included: bool, mode: DeviationMode) -> str:
    if bound > 0:
        return f"Has exceeded target by {_size(bound, mode)} or {'more' if included else 'over'}"
    if bound == 0:
        return "Has met or exceeded target" if included else "Has exceeded target"
    return f"On target, above it, or off it by {'no more' if included else 'less'} than {_size(bound, mode)}"


def _bottom(bound: Decimal, included: bool, mode: DeviationMode) -> str:
    if bound > 0:
        return f"Has missed, met or exceeded target by under {_size(bound, mode)}"
    if bound == 0:
        return "Has met target exactly or missed it" if included else "Off target"
    return f"{'At least' if included else 'More than'} {_size(bound, mode)} off target"


def _between(low: tuple[Decimal, bool] | None, high: tuple[Decimal, bool] | None, mode: DeviationMode) -> str:
    """Words for a band from `low` up to `high`, where a positive deviation is better than target."""
    if low is None:
        return "Any result" if high is None else _bottom(*high, mode)
    if high is None:
        return _top(*low, mode)
    bottom, top = _size(low[0], mode), _size(high[0], mode)
    if low[0] > 0:
        return f"Has exceeded target by {bottom} to under {top}"
    if low[0] == 0:
        return f"Has met target or exceeded it by under {top}"
    if high[0] > 0:
        return f"Off target by less than {bottom}, or has met it or exceeded it by under {top}"
    if high[0] == 0:
        return f"Just off target - less than {bottom}"
    return f"Between {top} and {bottom} off target"


def describe(scheme: RagScheme) -> tuple[str, ...]:
    """A description of each band from its bounds; a band's upper bound is where the one before starts."""
    descriptions = []
    previous: tuple[Decimal, bool] | None = None
    for band in scheme.bands:
        low = _lower(band)
        # the band before takes everything at or above its own lower bound, so this band stops short of it
        high = None if previous is None else (previous[0], not previous[1])
        text = _between(low, high, scheme.deviation)
        if band.trend is not None:
            trends = " or ".join(sorted(trend.value for trend in band.trend))
            text += f", and {trends} against {band.trend_against.phrase}"
        if scheme.deviation is DeviationMode.ABSOLUTE:
            text += " (in the measure's own units)"
        descriptions.append(text)
        if band.trend is None:
            previous = low
    return tuple(descriptions)


def rag_key(scheme: RagScheme) -> RagKey:
    printed = PRINTED_KEYS.get(scheme.name)
    descriptions = tuple(printed.get(band.code, "") for band in scheme.bands) if printed else describe(scheme)
    count = len(scheme.bands)
    bands = tuple(
        key_band(band, description, index, count)
        for index, (band, description) in enumerate(zip(scheme.bands, descriptions, strict=True))
    )
    return RagKey(scheme.name, scheme.description, bands)
