"""Financial years, quarters, months and the spans a value can cover.

The year start month is passed explicitly (1 April by default in UK councils); nothing here
keeps a global calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

APRIL = 4
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _quoted(text: str, longest: int = 40) -> str:
    """The text as an error quotes it: cut short, so a pasted paragraph does not flood the message."""
    return repr(text if len(text) <= longest else text[:longest] + "…")


class PeriodError(ValueError):
    """Text that does not name a period."""


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"month must be 1 to 12, not {self.month}")

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        following = self.plus(1).first_day
        return date.fromordinal(following.toordinal() - 1)

    def label(self) -> str:
        """'Jul 16', the short form reports print."""
        return f"{MONTH_ABBREVIATIONS[self.month - 1]} {self.year % 100:02d}"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """An inclusive run of months: the period a value covers."""

    first: Month
    last: Month
    joiner: str = field(default=" - ", compare=False)  # as printed: " - ", " to ", "- "

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError("a period cannot end before it starts")

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    @property
    def start(self) -> date:
        return self.first.first_day

    @property
    def end(self) -> date:
        return self.last.last_day

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def label(self) -> str:
        """'Jul 16 - Sep 16', joined the way it was printed."""
        return f"{self.first.label()}{self.joiner}{self.last.label()}"


@dataclass(frozen=True, slots=True, order=True)
class FinancialYear:
    """A financial year named by the calendar year it starts in: 2018 is '2018/19'."""

    start_year: int
    start_month: int = APRIL

    @property
    def span(self) -> Span:
        first = Month(self.start_year, self.start_month)
        return Span(first, first.plus(11))

    def quarter(self, number: int) -> Quarter:
        return Quarter(self, number)

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1, self.start_month)

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1, self.start_month)

    def label(self) -> str:
        if self.start_month == 1:
            return str(self.start_year)
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label()


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    """A quarter of a financial year, 1 to 4."""

    year: FinancialYear
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise PeriodError(f"a quarter is numbered 1 to 4, not {self.number}")

    @property
    def span(self) -> Span:
        first = self.year.span.first.plus(3 * (self.number - 1))
        return Span(first, first.plus(2))

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year.previous(), 4)
        return Quarter(self.year, self.number - 1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year.next(), 1)
        return Quarter(self.year, self.number + 1)

    def same_period_last_year(self) -> Quarter:
        return Quarter(self.year.previous(), self.number)

    def label(self) -> str:
        return f"Q{self.number} {self.year.label()}"

    def __str__(self) -> str:
        return self.label()


_YEAR = re.compile(r"^(\d{4})(?:\s*/\s*(\d{2}|\d{4}))?$")
_QUARTER = re.compile(r"^Q([1-4])\s+(.+)$", re.IGNORECASE)
_MONTH = r"([A-Za-z]{3})[a-z]*\.?\s*'?(\d{2}|\d{4})"
_SPAN = re.compile(rf"^\(?\s*{_MONTH}(\s*(?:-|–|to)\s*){_MONTH}\s*\)?$", re.IGNORECASE)


def parse_financial_year(text: str, start_month: int = APRIL) -> FinancialYear:
    """'2018/19' (or '2018/2019'; '2018' for a calendar year) as a year starting in `start_month`."""
    match = _YEAR.match(text.strip())
    if not match:
        raise PeriodError(f"{_quoted(text)} is not a financial year such as 2018/19")
    start, end = int(match.group(1)), match.group(2)
    if end is None:
        if start_month != 1:
            raise PeriodError(f"{_quoted(text)}: a year starting in month {start_month} is written like 2018/19")
        return FinancialYear(start, start_month)
    expected = start + 1
    if (len(end) == 2 and int(end) != expected % 100) or (len(end) == 4 and int(end) != expected):
        raise PeriodError(f"{_quoted(text)}: the second year must follow the first")
    return FinancialYear(start, start_month)


def parse_quarter(text: str, start_month: int = APRIL) -> Quarter:
    """'Q2 2018/19'."""
    match = _QUARTER.match(text.strip())
    if not match:
        raise PeriodError(f"{_quoted(text)} is not a quarter such as Q2 2018/19")
    return Quarter(parse_financial_year(match.group(2), start_month), int(match.group(1)))


def _month(name: str, year: str) -> Month:
    try:
        number = [m.lower() for m in MONTH_ABBREVIATIONS].index(name[:3].lower()) + 1
    except ValueError:
        raise PeriodError(f"{_quoted(name)} is not a month") from None
    full_year = int(year) if len(year) == 4 else 2000 + int(year)
    return Month(full_year, number)


def parse_span(text: str) -> Span:
    """'Jul 16 - Sep 16', 'Apr 17 to Mar 18', '(Jul 17- Jun 18)'."""
    match = _SPAN.match(text.strip())
    if not match:
        raise PeriodError(f"{_quoted(text)} is not a span of months such as 'Jul 16 - Sep 16'")
    return Span(_month(match.group(1), match.group(2)), _month(match.group(4), match.group(5)), match.group(3))


_ONE_MONTH = re.compile(rf"^{_MONTH}$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> Month:
    """'Jul 18', 'July 2018' or '2018-07'."""
    stripped = text.strip()
    if iso := _ISO_MONTH.match(stripped):
        return Month(int(iso.group(1)), int(iso.group(2)))
    match = _ONE_MONTH.match(stripped)
    if not match:
        raise PeriodError(f"{_quoted(text)} is not a month such as Jul 18")
    return _month(match.group(1), match.group(2))


Period = Month | Quarter | FinancialYear  # what a target or return can be for


def parse_reporting_period(text: str, start_month: int = APRIL) -> Period:
    """A quarter ('Q2 2018/19'), a financial year ('2018/19') or a month ('Jul 18')."""
    stripped = text.strip()
    if _QUARTER.match(stripped):
        return parse_quarter(stripped, start_month)
    if _YEAR.match(stripped):
        return parse_financial_year(stripped, start_month)
    try:
        return parse_month(stripped)
    except PeriodError:
        raise PeriodError(
            f"{_quoted(text)} is not a quarter (Q2 2018/19), a year (2018/19) or a month (Jul 18)"
        ) from None


def period_span(period: Period) -> Span:
    """The months a period covers."""
    return Span(period, period) if isinstance(period, Month) else period.span


def parse_period(text: str, start_month: int = APRIL) -> Quarter | FinancialYear | Span:
    """Any of the period forms reports print."""
    stripped = text.strip()
    if _QUARTER.match(stripped):
        return parse_quarter(stripped, start_month)
    if _YEAR.match(stripped):
        return parse_financial_year(stripped, start_month)
    return parse_span(stripped)


def quarter_containing(month: Month, start_month: int = APRIL) -> Quarter:
    """The quarter of the financial year starting in `start_month` that `month` falls in."""
    into_year = (month.month - start_month) % 12
    return FinancialYear(month.plus(-into_year).year, start_month).quarter(into_year // 3 + 1)


def lag_in_months(reported_in: Quarter, covers: Span) -> int:
    """How far the end of the covered span trails the end of the reporting quarter."""
    end = reported_in.span.last
    return (end.year - covers.last.year) * 12 + end.month - covers.last.month
