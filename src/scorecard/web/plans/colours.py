"""A council's brand colour: a hex colour that white header text stays readable on.

WCAG 2.2 AA asks for a contrast ratio of at least 4.5:1 for normal text; the ratio and the
relative luminance are computed as WCAG defines them."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

AA_NORMAL_TEXT = 4.5
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _channel(value: int) -> float:
    level = value / 255
    return level / 12.92 if level <= 0.04045 else ((level + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def validate_brand_colour(colour: str) -> None:
    if not _HEX.fullmatch(colour):
        raise ValidationError(f"{colour!r} is not a colour: enter six hex digits after #, e.g. #1d70b8")
    ratio = contrast_with_white(colour)
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            f"White header text on {colour} has a contrast of {ratio:.2f}:1, below the 4.5:1 that WCAG AA "
            "requires: choose a darker colour"
        )
