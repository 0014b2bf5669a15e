import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.values import (
    Missing,
    MissingKind,
    Quantity,
    Range,
    Unit,
    ValueParseError,
    format_value,
    parse_value,
)

PRINTED = [
    "71.40%",
    "35,000",
    "8.18",
    "01:36",
    "£1.2m",
    "-28%",
    "7-15%",
    "0.9-1.1",
    "38.7% (53/137)",
    "72 (307)",
    "565000",
    "0%",
    "20.80%",
    "-10%",
    "1,664",
    "£250k",
    "",
    "-",
    "Note 1",
    "BL",
]


@pytest.mark.parametrize("text", PRINTED)
def test_printing_reproduces_the_report(text):
    assert format_value(parse_value(text)) == text


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("71.40%", Decimal("71.40"), Unit.PERCENT),
        ("35,000", Decimal(35000), Unit.NUMBER),
        ("01:36", Decimal(96), Unit.MINUTES_SECONDS),
        ("£1.2m", Decimal(1200000), Unit.POUNDS),
        ("-28%", Decimal(-28), Unit.PERCENT),
        ("8.18", Decimal("8.18"), Unit.NUMBER),
    ],
)
def test_amounts_are_exact_decimals_in_base_units(text, amount, unit):
    value = parse_value(text)
    assert isinstance(value, Quantity)
    assert value.amount == amount
    assert value.unit is unit


def test_numerator_and_denominator_are_kept():
    value = parse_value("38.7% (53/137)")
    assert isinstance(value, Quantity)
    assert (value.amount, value.numerator, value.denominator) == (Decimal("38.7"), 53, 137)


def test_a_rate_keeps_its_count():
    value = parse_value("72 (307)")
    assert isinstance(value, Quantity)
    assert (value.amount, value.count) == (72, 307)


def test_ranges_share_the_percent_sign():
    value = parse_value("7-15%")
    assert isinstance(value, Range)
    assert (value.low.amount, value.high.amount, value.low.unit) == (7, 15, Unit.PERCENT)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("", MissingKind.BLANK), ("-", MissingKind.DASH), ("Note 2", MissingKind.NOTE), ("BL", MissingKind.BASELINE)],
)
def test_missing_markers_are_states(text, kind):
    value = parse_value(text)
    assert isinstance(value, Missing)
    assert value.kind is kind


@pytest.mark.parametrize(
    "text", ["abc", "12..5", "15-7%", "5 (3/0)", "60 (9/8)", "1.2m", "£5%", "1" * 19, "7-15% extra", "01:75"]
)
def test_nonsense_is_refused_with_a_message(text):
    with pytest.raises(ValueParseError, match=r"\S"):
        parse_value(text)


@given(st.text(max_size=40))
def test_no_string_makes_the_parser_crash(text):
    with contextlib.suppress(ValueParseError):
        parse_value(text)


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "%"]),
)
def test_numbers_round_trip(amount, suffix):
    text = f"{amount:.2f}{suffix}"
    assert format_value(parse_value(text)) == text
