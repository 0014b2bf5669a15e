"""A council's brand colour: six hex digits, and dark enough for white header text at WCAG AA."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from scorecard.web.plans.colours import contrast_with_white, validate_brand_colour
from scorecard.web.plans.models import Organisation


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#000000", 21.0), ("#ffffff", 1.0), ("#1d70b8", 5.17), ("#005a70", 7.79), ("#767676", 4.54), ("#777777", 4.48)],
)
def test_contrast_with_white_is_wcags(colour, ratio):
    assert round(contrast_with_white(colour), 2) == ratio


@given(st.integers(0, 0xFFFFFF))
def test_a_colour_is_accepted_exactly_when_white_text_reaches_aa(value):
    colour = f"#{value:06x}"
    try:
        validate_brand_colour(colour)
    except ValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted == (contrast_with_white(colour) >= 4.5)


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("#ffdd00", "White header text on #ffdd00 has a contrast of 1.35:1, below the 4.5:1 that WCAG AA requires"),
        ("red", "'red' is not a colour: enter six hex digits after #, e.g. #1d70b8"),
        ("#12345", "'#12345' is not a colour"),
    ],
)
def test_a_bad_brand_colour_is_refused_with_the_fix(db, colour, message):
    council = Organisation(name="Pinner", slug="pinner", brand_colour=colour)

    with pytest.raises(ValidationError) as refused:
        council.full_clean()

    assert message in refused.value.message_dict["brand_colour"][0]
