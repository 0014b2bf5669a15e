"""The parts of pages drawn with Jinja2 say what Django's filters would have said."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from scorecard.reporting.key import KeyBand
from scorecard.web.pages.fragments import _when
from scorecard.web.pages.tags import Tag, tag_html


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 28, 9, 5, tzinfo=UTC),  # GMT
        datetime(2026, 6, 1, 23, 30, tzinfo=UTC),  # BST: the next day in London
        datetime(2027, 3, 28, 0, 59, tzinfo=UTC),  # the hour before the clocks go forward
        datetime(2026, 1, 9, 0, 0, tzinfo=UTC),
    ],
)
def test_a_change_s_moment_reads_as_django_s_date_filter_in_the_site_s_time_zone(moment):
    assert _when(moment) == date_format(timezone.localtime(moment), "j M Y, H:i")


def test_a_status_tag_carries_its_code_shape_and_words_and_an_override_says_so_in_text():
    band = KeyBand("LR", "Low Red", "below target", "#d4351c", "#ffffff", "square")
    assert tag_html(Tag("LR", "Low Red", band, overridden=True)) == (
        '<strong class="sc-tag" style="background-color: #d4351c; color: #ffffff"><span class="sc-shape '
        'sc-shape--square" aria-hidden="true"></span><abbr title="Low Red">LR</abbr><span class="sc-flag">*</span>'
        '<span class="govuk-visually-hidden"> (set by an officer in place of the rule\'s status)</span></strong>'
    )
    assert tag_html(Tag("Not <available>", "Not available")) == (
        '<strong class="sc-tag sc-tag--none">Not &lt;available&gt;</strong>'
    )
    assert tag_html(None) == ""
