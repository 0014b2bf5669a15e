"""RAG schemes as data: ordered bands with conditions; the first band whose conditions hold wins.

A scheme is written in TOML (see docs/rag-rules.md). Parsing takes the text, not a file, so
the core stays free of I/O.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from scorecard.core.trend import Trend, TrendAgainst


class SchemeError(ValueError):
    """A scheme that cannot be used, with what is wrong in words a user can act on."""


class DeviationMode(StrEnum):
    RELATIVE = "relative"  # share of the target's magnitude: (actual - target) / |target|
    ABSOLUTE = "absolute"  # in the measure's own units


@dataclass(frozen=True, slots=True)
class Band:
    code: str
    label: str
    colour: str = ""
    shape: str = ""
    min: Decimal | None = None
    above: Decimal | None = None
    max: Decimal | None = None
    below: Decimal | None = None
    trend: frozenset[Trend] | None = None
    trend_against: TrendAgainst = TrendAgainst.PREVIOUS

    def holds(self, deviation: Decimal, trends: Mapping[TrendAgainst, Trend | None]) -> bool:
        if self.min is not None and not deviation >= self.min:
            return False
        if self.above is not None and not deviation > self.above:
            return False
        if self.max is not None and not deviation <= self.max:
            return False
        if self.below is not None and not deviation < self.below:
            return False
        return self.trend is None or trends.get(self.trend_against) in self.trend


@dataclass(frozen=True, slots=True)
class RagScheme:
    name: str
    bands: tuple[Band, ...]
    deviation: DeviationMode = DeviationMode.RELATIVE
    version: int = 1
    description: str = ""

    def band_for(self, deviation: Decimal, trends: Mapping[TrendAgainst, Trend | None]) -> Band | None:
        for band in self.bands:
            if band.holds(deviation, trends):
                return band
        return None

    @property
    def uses_trend(self) -> bool:
        return any(band.trend is not None for band in self.bands)


_BAND_KEYS = {"code", "label", "colour", "shape", "min", "above", "max", "below", "trend", "trend_against"}
_SCHEME_KEYS = {"name", "deviation", "version", "description", "bands"}


def _bound(raw: Mapping[str, Any], key: str, where: str) -> Decimal | None:
    if key not in raw:
        return None
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SchemeError(f"{where}: {key} must be a number such as 0.05, not {value!r}")
    try:
        # via str so 0.05 is exactly five hundredths, not the nearest binary float
        bound = Decimal(str(value))
    except InvalidOperation:
        raise SchemeError(f"{where}: {key} must be a number such as 0.05, not {value!r}") from None
    if not bound.is_finite():  # nan never compares and inf bands nothing: both are typing slips
        raise SchemeError(f"{where}: {key} must be a finite number such as 0.05, not {value!r}")
    return bound


def _band(raw: Any, index: int) -> Band:
    where = f"band {index}"
    if not isinstance(raw, dict):
        raise SchemeError(f"{where}: each [[bands]] entry must be a table")
    unknown = set(raw) - _BAND_KEYS
    if unknown:
        raise SchemeError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
    code, label = raw.get("code"), raw.get("label", raw.get("code"))
    if not isinstance(code, str) or not code.strip():
        raise SchemeError(f'{where}: every band needs a code such as "HG"')
    where = f"band {index} ({code})"
    trend: frozenset[Trend] | None = None
    if "trend" in raw:
        values = raw["trend"]
        if not isinstance(values, list) or not values:
            raise SchemeError(f'{where}: trend must be a list such as ["improved", "unchanged"]')
        try:
            trend = frozenset(Trend(str(value)) for value in values)
        except ValueError:
            raise SchemeError(f"{where}: trend values are improved, deteriorated and unchanged") from None
    try:
        against = TrendAgainst(raw.get("trend_against", "previous"))
    except ValueError:
        raise SchemeError(f'{where}: trend_against is "previous" or "last_year"') from None
    return Band(
        code=code.strip(),
        label=str(label),
        colour=str(raw.get("colour", "")),
        shape=str(raw.get("shape", "")),
        min=_bound(raw, "min", where),
        above=_bound(raw, "above", where),
        max=_bound(raw, "max", where),
        below=_bound(raw, "below", where),
        trend=trend,
        trend_against=against,
    )


def scheme_from_mapping(raw: Mapping[str, Any]) -> RagScheme:
    unknown = set(raw) - _SCHEME_KEYS
    if unknown:
        raise SchemeError(f"unknown setting(s) {', '.join(sorted(unknown))}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SchemeError("a scheme needs a name")
    try:
        mode = DeviationMode(raw.get("deviation", "relative"))
    except ValueError:
        raise SchemeError('deviation is "relative" or "absolute"') from None
    bands_raw = raw.get("bands")
    if not isinstance(bands_raw, list) or not bands_raw:
        raise SchemeError("a scheme needs at least one [[bands]] entry")
    bands = tuple(_band(band, index) for index, band in enumerate(bands_raw, start=1))
    codes = [band.code for band in bands]
    if len(set(codes)) != len(codes):
        raise SchemeError("band codes must be unique")
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise SchemeError("version must be a whole number")
    return RagScheme(name.strip(), bands, mode, version, str(raw.get("description", "")))


def parse_scheme(text: str) -> RagScheme:
    """Read a scheme from TOML text."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SchemeError(f"not valid TOML: {error}") from None
    return scheme_from_mapping(raw)


_FIVE_BAND_TOML = """name = "five-band"
description = "Harrow's key: High Green, Low Green, Amber, Low Red, High Red on deviation from target"
[[bands]]
code = "HG"
label = "High Green"
colour = "#00703c"
shape = "circle"
min = 0.05
[[bands]]
code = "LG"
label = "Low Green"
colour = "#85994b"
shape = "circle"
min = 0
[[bands]]
code = "A"
label = "Amber"
colour = "#f47738"
shape = "triangle"
above = -0.05
[[bands]]
code = "LR"
label = "Low Red"
colour = "#d4351c"
shape = "square"
min = -0.10
[[bands]]
code = "HR"
label = "High Red"
colour = "#942514"
shape = "square"
"""

_THREE_BAND_TOML = """name = "three-band"
description = "Green on, above or within 5% of target; Amber 5% to 10% off; Red more than 10% off"
[[bands]]
code = "G"
label = "Green"
colour = "#00703c"
shape = "circle"
min = -0.05
[[bands]]
code = "A"
label = "Amber"
colour = "#f47738"
shape = "triangle"
min = -0.10
[[bands]]
code = "R"
label = "Red"
colour = "#d4351c"
shape = "square"
"""

# The built-ins as TOML too, so a database can store exactly what the core parses.
BUILT_IN_TOML = {"five-band": _FIVE_BAND_TOML, "three-band": _THREE_BAND_TOML}
FIVE_BAND = parse_scheme(_FIVE_BAND_TOML)
THREE_BAND = parse_scheme(_THREE_BAND_TOML)
BUILT_IN: dict[str, RagScheme] = {scheme.name: scheme for scheme in (FIVE_BAND, THREE_BAND)}
DEFAULT_SCHEME = FIVE_BAND


def built_in(name: str) -> RagScheme:
    try:
        return BUILT_IN[name]
    except KeyError:
        raise SchemeError(f"no built-in scheme called {name!r}; there are {', '.join(sorted(BUILT_IN))}") from None
