"""Council-like rows for `scorecard evaluate`: what the benchmark scores and the differential test replays.

Values are drawn from wide ranges at one or two decimals, so almost every actual and previous
value is distinct and a per-combination memo cannot be what is measured. Around them: rows
exactly on each band boundary of the five-band scheme for both polarities, rows on the
rounding ties of the printed percentage and deviation, ranges (inside, on each end, outside),
zero and negative targets, every missing-data state, min:sec, grouped thousands, money,
ratios, counts, all four polarities, unit slips, and a quoted name column with commas and quotes.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

HEADER = ["id", "name", "polarity", "target", "actual", "previous_actual"]
# The five-band scheme's edges (HG from +5%, LG from 0, A above -5%, LR from -10%).
EDGES = (Decimal("0.05"), Decimal(0), Decimal("-0.05"), Decimal("-0.10"))
# Deviations whose printed percentage (one place, half up) or deviation (four places, half
# even) sits exactly on a tie.
TIES = (Decimal("0.0495"), Decimal("-0.0495"), Decimal("0.1235"), Decimal("0.00005"), Decimal("-0.00015"))
PLACES = (Decimal(1), Decimal("0.1"), Decimal("0.01"))

Row = list[str]


def _places(rng: random.Random) -> int:
    return rng.choice((1, 2))


def _near(rng: random.Random, target: Decimal, places: int, spread: float = 0.3) -> Decimal:
    value = float(target) * rng.uniform(1 - spread, 1 + spread) + rng.uniform(-1, 1)
    return Decimal(f"{value:.{places}f}")


def _text(amount: Decimal, percent: bool, grouped: bool = False) -> str:
    text = f"{amount:,f}" if grouped else f"{amount:f}"
    return f"{text}%" if percent else text


def _percentage(rng: random.Random) -> tuple[str, str, str, str]:
    target = Decimal(rng.randint(1, 999)) / 10
    places = _places(rng)
    actual, previous = _near(rng, target, places), _near(rng, target, places)
    return _polarity(rng), f"{target}%", f"{actual}%", f"{previous}%"


def _number(rng: random.Random) -> tuple[str, str, str, str]:
    target = Decimal(rng.randint(1, 500_000)) * rng.choice(PLACES)
    places = _places(rng)
    actual, previous = _near(rng, target, places), _near(rng, target, places)
    return _polarity(rng), str(target), str(actual), str(previous)


def _polarity(rng: random.Random) -> str:
    return rng.choice(("higher", "lower"))


def _on_edge(rng: random.Random) -> tuple[str, str, str, str]:
    """An actual exactly on a band edge (79.8% against 76% is +5%) or a rounding tie."""
    percent = rng.random() < 0.5
    target = Decimal(rng.randint(-20, 2000)) * rng.choice(PLACES)
    deviation = rng.choice(EDGES + TIES)
    if deviation in TIES:
        target = Decimal(rng.choice((100, 200, 400, 1000, -1000)))
    polarity = _polarity(rng)
    better = deviation * abs(target)
    actual = target + better if polarity == "higher" else target - better
    previous = _near(rng, target, 2)
    return polarity, _text(target, percent), _text(actual.normalize(), percent), _text(previous, percent)


def _zero_target(rng: random.Random) -> tuple[str, str, str, str]:
    percent = rng.random() < 0.5
    actual = rng.choice((Decimal(0), Decimal(rng.randint(-500, 500)) / 100))
    return (
        _polarity(rng),
        _text(Decimal(0), percent),
        _text(actual, percent),
        _text(Decimal(rng.randint(0, 9)), percent),
    )


def _range(rng: random.Random) -> tuple[str, str, str, str]:
    low, high, target = rng.choice(((Decimal("0.9"), Decimal("1.1"), "0.9-1.1"), (Decimal(7), Decimal(15), "7-15%")))
    percent = target.endswith("%")
    actual = rng.choice(
        (low, high, (low + high) / 2, low - Decimal("0.25"), high + Decimal("0.33"), _near(rng, low, 2))
    )
    previous = _near(rng, high, 2)
    return rng.choice(("range", "range", "higher", "lower")), target, _text(actual, percent), _text(previous, percent)


def _missing(rng: random.Random) -> tuple[str, str, str, str]:
    if rng.random() < 0.5:
        target = f"{rng.randint(1, 99)}%"
        actual = rng.choice(("", "-", "Note 1", "Note 12a", "BL"))
        return _polarity(rng), target, actual, f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
    target = rng.choice(("BL", "-", "", "Year on year reduction", "Year on year increase"))
    return _polarity(rng), target, f"{rng.randint(1, 999)}.{rng.randint(0, 99):02d}", ""


def _minutes(rng: random.Random) -> tuple[str, str, str, str]:
    def clock(seconds: int) -> str:
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

    return "lower", "01:30", clock(rng.randint(40, 200)), clock(rng.randint(40, 200))


def _grouped(rng: random.Random) -> tuple[str, str, str, str]:
    target = Decimal(rng.randint(1_000, 900_000))
    places = rng.choice((0, 2))
    actual, previous = _near(rng, target, places), _near(rng, target, places)
    return _polarity(rng), f"{target:,}", f"{actual:,}", f"{previous:,}"


def _money(rng: random.Random) -> tuple[str, str, str, str]:
    target = rng.choice(("£1.2m", "£35,000", "£250k"))
    actual = rng.choice((f"£{rng.randint(100, 2000) / 1000}m", f"£{rng.randint(10_000, 60_000):,}"))
    return _polarity(rng), target, actual, f"£{rng.randint(100, 999)}k"


def _ratio(rng: random.Random) -> tuple[str, str, str, str]:
    denominator = rng.randint(20, 900)
    numerator = rng.randint(0, denominator)
    share = f"{Decimal(100 * numerator) / denominator:.1f}%"
    previous = f"{rng.randint(0, 1000) / 10}%"
    return _polarity(rng), f"{rng.randint(20, 90)}%", f"{share} ({numerator}/{denominator})", previous


def _count(rng: random.Random) -> tuple[str, str, str, str]:
    rate = rng.randint(1, 200)
    return _polarity(rng), str(rng.randint(50, 150)), f"{rate} ({rate * rng.randint(2, 9)})", str(rng.randint(1, 200))


def _odd(rng: random.Random) -> tuple[str, str, str, str]:
    """A contextual measure, or a unit slip in the actual or the previous value."""
    choice = rng.randrange(3)
    if choice == 0:
        return "none", f"{rng.randint(1, 99)}%", f"{rng.randint(1, 99)}.5%", f"{rng.randint(1, 99)}%"
    if choice == 1:
        return _polarity(rng), f"{rng.randint(1, 99)}%", f"{rng.randint(1, 99)}.{rng.randint(0, 9)}", ""
    return _polarity(rng), f"{rng.randint(1, 99)}%", f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%", "0.65"


# (share of rows, maker): mostly plain percentages and numbers, as council scorecards are.
# (share of rows, maker): mostly plain percentages and numbers, as council scorecards are; the
# other forms are rarer but each appears thousands of times in a million rows.
KINDS: tuple[tuple[float, Callable[[random.Random], tuple[str, str, str, str]]], ...] = (
    (0.605, _percentage),
    (0.30, _number),
    (0.03, _on_edge),
    (0.01, _zero_target),
    (0.02, _grouped),
    (0.01, _range),
    (0.01, _missing),
    (0.005, _minutes),
    (0.0025, _money),
    (0.0025, _ratio),
    (0.0025, _count),
    (0.0025, _odd),
)


def _name(rng: random.Random, number: int) -> str:
    if rng.random() < 0.2:
        return f'Ward {number}, "{rng.choice(("North", "South", "Centre"))}" (revised)'
    return f"Ward {number}"


def rows(count: int, seed: int = 20181) -> Iterator[Row]:
    rng = random.Random(seed)
    shares, makers = zip(*KINDS, strict=True)
    for number, make in enumerate(rng.choices(makers, weights=shares, k=count)):
        yield [str(number), _name(rng, number), *make(rng)]


def write(path: Path, count: int, seed: int = 20181) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows(count, seed))
