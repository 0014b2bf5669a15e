"""Colour for status badges: scheme colours checked, and the text colour chosen for WCAG AA
contrast, so a scheme written by any council still prints legibly.
"""

from __future__ import annotations

import re

NEUTRAL = "#505a5f"  # for a band whose scheme gives no usable colour
BLACK, WHITE = "#0b0c0c", "#ffffff"
AA_TEXT = 4.5  # WCAG 2.2 AA minimum for normal-size text

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def checked_colour(colour: str) -> str:
    """The colour as #rrggbb, or NEUTRAL when it is not a hex colour.

    Only hex colours reach the HTML, so nothing from a scheme file can smuggle CSS in.
    """
    text = colour.strip()
    if not _HEX.match(text):
        return NEUTRAL
    digits = text[1:]
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits.lower()}"


def _luminance(colour: str) -> float:
    def linear(channel: str) -> float:
        value = int(channel, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_on(background: str) -> str:
    """Black or white text, whichever contrasts more with the background."""
    return max((BLACK, WHITE), key=lambda ink: contrast(ink, background))
