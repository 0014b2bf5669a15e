from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.periods import (
    FinancialYear,
    Month,
    PeriodError,
    Quarter,
    Span,
    lag_in_months,
    parse_financial_year,
    parse_period,
    parse_quarter,
    parse_span,
)

Q2_2018 = Quarter(FinancialYear(2018), 2)


def test_quarter_labels_and_dates():
    assert parse_quarter("Q2 2018/19") == Q2_2018
    assert Q2_2018.label() == "Q2 2018/19"
    assert (Q2_2018.span.start, Q2_2018.span.end) == (date(2018, 7, 1), date(2018, 9, 30))


def test_navigation():
    assert Q2_2018.previous().label() == "Q1 2018/19"
    assert Q2_2018.same_period_last_year().label() == "Q2 2017/18"
    assert Quarter(FinancialYear(2018), 1).previous().label() == "Q4 2017/18"
    assert Quarter(FinancialYear(2018), 4).next().label() == "Q1 2019/20"


def test_the_year_start_is_passed_explicitly():
    calendar = parse_financial_year("2018/19", start_month=1)
    assert calendar.span.start == date(2018, 1, 1)
    assert FinancialYear(2018).span.end == date(2019, 3, 31)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Jul 16 - Sep 16", Month(2016, 7), Month(2016, 9)),
        ("Apr 17 to Mar 18", Month(2017, 4), Month(2018, 3)),
        ("Jul 17- Jun 18", Month(2017, 7), Month(2018, 6)),
        ("(Jan 17 - Dec 17)", Month(2017, 1), Month(2017, 12)),
    ],
)
def test_spans_as_reports_print_them(text, first, last):
    span = parse_span(text)
    assert span == Span(first, last)
    assert span.label() == text.strip("()")


def test_a_lagged_value_covers_an_earlier_period():
    covers = parse_span("Jul 16 - Sep 16")
    assert covers.label() == "Jul 16 - Sep 16"
    assert lag_in_months(Q2_2018, covers) == 24
    assert covers.months == 3
    assert covers.contains(date(2016, 9, 30))
    assert not covers.contains(date(2016, 10, 1))


@pytest.mark.parametrize("text", ["Q5 2018/19", "2018/20", "Jul 16 - Mar 16", "Smarch 16 - Apr 16", "soon"])
def test_bad_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


@given(st.integers(1990, 2100), st.integers(1, 4), st.integers(1, 12))
def test_quarters_tile_the_year(year, number, start_month):
    quarter = Quarter(FinancialYear(year, start_month), number)
    assert quarter.next().previous() == quarter
    assert quarter.previous().span.end.toordinal() + 1 == quarter.span.start.toordinal()
    assert parse_quarter(quarter.label(), start_month) == quarter


def test_a_pasted_paragraph_is_quoted_short_in_the_error():
    with pytest.raises(PeriodError) as refused:
        parse_quarter("Q" * 300)
    assert str(refused.value) == f"{'Q' * 40 + '…'!r} is not a quarter such as Q2 2018/19"
