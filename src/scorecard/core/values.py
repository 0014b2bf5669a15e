"""Values as council reports print them: parse them exactly and print them back the same way.

`71.40%`, `35,000`, `8.18`, `01:36` (min:sec), `£1.2m`, `-28%`, ranges `7-15%` and `0.9-1.1`,
`38.7% (53/137)` (numerator/denominator), `72 (307)` (a rate with its count), and the markers
that stand where a value is missing: empty, `-`, `Note 1`, `BL`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache


class ValueParseError(ValueError):
    """A cell that is not a value in any form reports print."""


class Unit(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    MINUTES_SECONDS = "min:sec"
    POUNDS = "pounds"


MAX_DIGITS = 18  # no report prints more; the limit keeps RAG boundary arithmetic exact
_SCALES = {"": Decimal(1), "k": Decimal(1000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with the way it was printed.

    `amount` is what comparisons use: seconds for min:sec, pounds for money (£1.2m is
    1,200,000). `places`, `grouped` and `scale` let it print back as it came in.
    """

    amount: Decimal
    unit: Unit = Unit.NUMBER
    places: int = 0
    grouped: bool = False
    scale: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    count: Decimal | None = None

    def __str__(self) -> str:
        return format_quantity(self)


@dataclass(frozen=True, slots=True)
class Range:
    """An inclusive range such as `7-15%` or `0.9-1.1`."""

    low: Quantity
    high: Quantity

    def __str__(self) -> str:
        low = format_quantity(self.low)
        if self.low.unit is Unit.PERCENT and self.high.unit is Unit.PERCENT:
            low = low.removesuffix("%")
        return f"{low}-{format_quantity(self.high)}"


class MissingKind(StrEnum):
    BLANK = "blank"  # an empty cell
    DASH = "dash"  # "-": nothing to show (no target, or no value)
    NOTE = "note"  # "Note 1": see the footnote for why
    BASELINE = "baseline"  # "BL": baseline being established this year


@dataclass(frozen=True, slots=True)
class Missing:
    """A marker printed where a value would be."""

    kind: MissingKind
    note: str = ""

    def __str__(self) -> str:
        return {
            MissingKind.BLANK: "",
            MissingKind.DASH: "-",
            MissingKind.NOTE: self.note,
            MissingKind.BASELINE: "BL",
        }[self.kind]


Value = Quantity | Range | Missing

_NUMBER = (
    r"(?P<sign>[-−–])?(?P<pound>£)?(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d+))?"
    r"(?P<scale>k|m|bn)?(?P<percent>%)?"
)
_NUMBER_RE = re.compile(rf"^{_NUMBER}$")
_DURATION_RE = re.compile(r"^(?P<sign>-)?(?P<minutes>\d{1,3}):(?P<seconds>[0-5]\d)$")
_RATIO_RE = re.compile(r"^(?P<value>\S+)\s*\(\s*(?P<num>[\d,]+)\s*/\s*(?P<den>[\d,]+)\s*\)$")
_COUNT_RE = re.compile(r"^(?P<value>\S+)\s*\(\s*(?P<count>[\d,]+(?:\.\d+)?)\s*\)$")
_RANGE_RE = re.compile(r"^(?P<low>[£\d.,]+(?:k|m|bn)?%?)\s*(?:-|–|to)\s*(?P<high>[£\d.,]+(?:k|m|bn)?%?)$")
_NOTE_RE = re.compile(r"^Note\s+\d+[a-z]?$", re.IGNORECASE)


def _number(text: str) -> Quantity:
    match = _NUMBER_RE.match(text)
    if not match or (match.group("whole") is None and match.group("frac") is None):
        raise ValueParseError(f"{text!r} is not a number")
    whole = (match.group("whole") or "0").replace(",", "")
    frac = match.group("frac") or ""
    if len((whole + frac).lstrip("0")) > MAX_DIGITS:
        raise ValueParseError(f"{text!r} has more than {MAX_DIGITS} significant digits")
    scale = match.group("scale") or ""
    if scale and not match.group("pound"):
        raise ValueParseError(f"{text!r}: k, m and bn are only for money such as £1.2m")
    shown = Decimal(f"{whole}.{frac}" if frac else whole)
    if match.group("sign"):
        shown = -shown
    if match.group("pound") and match.group("percent"):
        raise ValueParseError(f"{text!r} cannot be both money and a percentage")
    unit = Unit.PERCENT if match.group("percent") else Unit.POUNDS if match.group("pound") else Unit.NUMBER
    return Quantity(
        amount=shown * _SCALES[scale],
        unit=unit,
        places=len(frac),
        grouped="," in (match.group("whole") or ""),
        scale=scale,
    )


def _duration(match: re.Match[str]) -> Quantity:
    seconds = Decimal(int(match.group("minutes")) * 60 + int(match.group("seconds")))
    return Quantity(amount=-seconds if match.group("sign") else seconds, unit=Unit.MINUTES_SECONDS)


def _plain(text: str) -> Quantity:
    duration = _DURATION_RE.match(text)
    return _duration(duration) if duration else _number(text)


def _whole_count(text: str) -> Decimal:
    return _number(text).amount


@lru_cache(maxsize=65536)
def parse_value(text: str) -> Value:
    """Read one cell. Raises ValueParseError with a message fit to show a user."""
    cell = text.strip()
    if cell == "":
        return Missing(MissingKind.BLANK)
    if cell in {"-", "–", "—", "_"}:
        return Missing(MissingKind.DASH)
    if cell.upper() == "BL":
        return Missing(MissingKind.BASELINE)
    if _NOTE_RE.match(cell):
        return Missing(MissingKind.NOTE, " ".join(cell.split()).capitalize())
    if ratio := _RATIO_RE.match(cell):
        value = _plain(ratio.group("value"))
        numerator, denominator = _whole_count(ratio.group("num")), _whole_count(ratio.group("den"))
        if denominator == 0 or numerator > denominator:
            raise ValueParseError(f"{text!r}: the numerator must be 0 to the denominator, which is above 0")
        return _with(value, numerator=numerator, denominator=denominator)
    if counted := _COUNT_RE.match(cell):
        return _with(_plain(counted.group("value")), count=_whole_count(counted.group("count")))
    if ranged := _RANGE_RE.match(cell):
        return _range(ranged.group("low"), ranged.group("high"), text)
    return _plain(cell)


def _with(value: Quantity, **extra: Decimal) -> Quantity:
    return Quantity(
        amount=value.amount,
        unit=value.unit,
        places=value.places,
        grouped=value.grouped,
        scale=value.scale,
        numerator=extra.get("numerator"),
        denominator=extra.get("denominator"),
        count=extra.get("count"),
    )


def _range(low_text: str, high_text: str, text: str) -> Range:
    if high_text.endswith("%") and not low_text.endswith("%"):
        low_text += "%"
    low, high = _number(low_text), _number(high_text)
    if low.unit is not high.unit:
        raise ValueParseError(f"{text!r}: both ends of a range need the same unit")
    if low.amount > high.amount:
        raise ValueParseError(f"{text!r}: a range's low end must not be above its high end")
    return Range(low, high)


_UNIT_WORDS = {
    Unit.NUMBER: "a plain number",
    Unit.PERCENT: "a percentage",
    Unit.MINUTES_SECONDS: "a time in minutes and seconds",
    Unit.POUNDS: "an amount of money",
}
_COMPARABLE = {Unit.NUMBER, Unit.POUNDS}  # "£1.2m" and "1200000" are the same amount


def unit_mismatch(expected: Quantity, given: Quantity, expected_as: str = "") -> str | None:
    """Why `given` cannot be compared with `expected` (printed as `expected_as`), or None.

    Catches the classic slip of typing 45 where 45% was meant.
    """
    if expected.unit is given.unit or {expected.unit, given.unit} <= _COMPARABLE:
        return None
    return f"{given} is {_UNIT_WORDS[given.unit]} but {expected_as or expected} is {_UNIT_WORDS[expected.unit]}"


def _group(digits: str) -> str:
    head, _, tail = digits.partition(".")
    grouped = f"{int(head):,}"
    return f"{grouped}.{tail}" if tail else grouped


def format_amount(amount: Decimal, places: int, grouped: bool = False) -> str:
    """A decimal at a fixed number of places, optionally with thousands separators."""
    text = f"{abs(amount):.{places}f}"
    if grouped:
        text = _group(text)
    return f"-{text}" if amount < 0 else text


def format_quantity(value: Quantity) -> str:
    if value.unit is Unit.MINUTES_SECONDS:
        seconds = int(abs(value.amount))
        sign = "-" if value.amount < 0 else ""
        text = f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"
    else:
        shown = value.amount / _SCALES[value.scale]
        text = format_amount(abs(shown), value.places, value.grouped)
        if value.unit is Unit.POUNDS:
            text = f"£{text}{value.scale}"
        if value.unit is Unit.PERCENT:
            text += "%"
        if shown < 0:
            text = f"-{text}"
    if value.numerator is not None and value.denominator is not None:
        text += f" ({value.numerator}/{value.denominator})"
    if value.count is not None:
        text += f" ({value.count})"
    return text


def format_value(value: Value) -> str:
    """Print a value the way the report printed it."""
    return str(value)
