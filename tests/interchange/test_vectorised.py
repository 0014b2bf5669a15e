"""The vectorised scorer returns exactly what the core's judge returns, on every row it scores.

Differential: each row is scored by `vectorised` (classify, then written) and by `judge` (with the trend from
`trends_against` and the deviation printed as evaluate prints it); wherever the vectorised
scorer gives a result, all four cells must be equal. Rows: hypothesis-built cells, every row
of a benchmark file, and the edges named in issue 6.
"""

import csv
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from scorecard.core.assess import read_actual
from scorecard.core.measures import Polarity
from scorecard.core.rag import judge
from scorecard.core.schemes import FIVE_BAND, THREE_BAND, parse_scheme
from scorecard.core.targets import parse_target
from scorecard.core.trend import TrendAgainst, trends_against
from scorecard.interchange.vectorised import FastScheme, classify, written

from .helpers import council_rows

CUSTOM = parse_scheme(
    """
name = "custom"
[[bands]]
code = "G"
label = "Green, \\"on track\\""
max = 10
min = 0.0125
[[bands]]
code = "A"
label = "Amber"
above = -0.075
[[bands]]
code = "R"
label = "Red"
below = -0.075
"""
)
SCHEMES = (FIVE_BAND, THREE_BAND, CUSTOM)
CLOCKS = st.builds(
    lambda sign, minutes, seconds: f"{sign}{minutes:02d}:{seconds:02d}",
    st.sampled_from(["", "", "-"]),
    st.integers(0, 999),
    st.integers(0, 59),
)
MONEY = st.builds(
    lambda whole, places, scale, grouped: f"£{whole:,}{places}{scale}" if grouped else f"£{whole}{places}{scale}",
    st.integers(0, 10**10),
    st.sampled_from(["", ".5", ".25", ".1234", ".12345"]),
    st.sampled_from(["", "", "k", "m", "bn"]),
    st.booleans(),
)
MARKERS = ["", "-", "Note 1", "Note 12a", "BL", "Year on year reduction", "Year on year increase", "0", "0%", "7-15%"]


def exact(polarity, target, actual, previous, scheme):
    """What evaluate writes for the row when the core judges it."""
    polarity = Polarity(polarity)
    target = parse_target(target)
    actual = read_actual(actual)
    earlier = read_actual(previous) if previous.strip() else None
    trends = trends_against(polarity, actual, earlier, None, target_range=target.range)
    status = judge(polarity, target, actual, scheme, trends=trends)
    deviation = "" if status.deviation is None else f"{status.deviation:.4f}"
    return status.code, status.reason, deviation, str(trends[TrendAgainst.PREVIOUS] or "")


def scored(rows, scheme=FIVE_BAND, *, wide=False):
    """The vectorised result per row: a tuple of the four cells, or None when left to the judge."""
    cells = pl.DataFrame(rows, schema=["polarity", "target", "actual", "previous_actual"], orient="row")
    fast = FastScheme.of(scheme)
    assert fast is not None
    texts = written(classify(cells, fast, wide=wide), fast).to_list()
    return [None if text is None else tuple(next(csv.reader([text]))) for text in texts]


def assert_matches_judge(rows, scheme=FIVE_BAND):
    """Both classifications agree with judge wherever they answer; the wide one answers
    wherever the other does. Returns the wide one's results."""
    plain, widened = scored(rows, scheme), scored(rows, scheme, wide=True)
    for row, first, second in zip(rows, plain, widened, strict=True):
        if second is not None:
            assert second == exact(*row, scheme), row
        assert first in (None, second), row
    return widened


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (("higher", "76%", "79.8%", ""), ("HG", "High Green: 5.0% above the target of 76%", "0.0500", "")),
        (("higher", "76%", "72.2%", "72.2%"), ("LR", "Low Red: 5.0% below the target of 76%", "-0.0500", "unchanged")),
        (("higher", "76%", "68.4%", ""), ("LR", "Low Red: 10.0% below the target of 76%", "-0.1000", "")),
        (("higher", "76%", "68.39%", ""), ("HR", "High Red: 10.0% below the target of 76%", "-0.1001", "")),
        (
            ("lower", "76%", "72.2%", ""),
            ("HG", "High Green: 5.0% below the target of 76% (lower is better)", "0.0500", ""),
        ),
        (
            ("lower", "76%", "79.8%", ""),
            ("LR", "Low Red: 5.0% above the target of 76% (lower is better)", "-0.0500", ""),
        ),
        (
            ("lower", "76%", "83.6%", ""),
            ("LR", "Low Red: 10.0% above the target of 76% (lower is better)", "-0.1000", ""),
        ),
        (("higher", "76%", "72.21%", ""), ("A", "Amber: 5.0% below the target of 76%", "-0.0499", "")),
        (("higher", "76%", "76.00%", "80%"), ("LG", "Low Green: on the target of 76%", "0.0000", "deteriorated")),
        (("higher", "0", "0", ""), ("LG", "Low Green: on the target of 0", "0.0000", "")),
        (("higher", "0", "-0.01", ""), ("HR", "High Red: below the target of 0", "", "")),
        (
            ("lower", "0%", "-0.01%", "1%"),
            ("HG", "High Green: below the target of 0% (lower is better)", "", "improved"),
        ),
        (("higher", "10", "9.9999", ""), ("A", "Amber: 0.0% below the target of 10", "-0.0000", "")),
        (("higher", "100", "100.005", ""), ("LG", "Low Green: 0.0% above the target of 100", "0.0000", "")),
        (("higher", "100", "100.015", ""), ("LG", "Low Green: 0.0% above the target of 100", "0.0002", "")),
        (("higher", "100", "104.95", ""), ("LG", "Low Green: 5.0% above the target of 100", "0.0495", "")),
        (("higher", "-5", "-4.75", ""), ("HG", "High Green: 5.0% above the target of -5", "0.0500", "")),
        (("higher", "1,664", "1,580.8", ""), ("LR", "Low Red: 5.0% below the target of 1,664", "-0.0500", "")),
        (("range", "0.9-1.1", "1.1", ""), ("LG", "Low Green: within the target range of 0.9-1.1", "0.0000", "")),
        (
            ("higher", "7-15%", "15.75%", "16%"),
            ("HG", "High Green: 5.0% above the top of the target range 7-15%", "0.0500", "deteriorated"),
        ),
        (
            ("range", "7-15%", "6.3%", "7%"),
            ("LR", "Low Red: 10.0% below the bottom of the target range 7-15%", "-0.1000", "deteriorated"),
        ),
        (
            ("range", "7-15%", "15.75%", "16%"),
            ("LR", "Low Red: 5.0% above the top of the target range 7-15%", "-0.0500", "improved"),
        ),
        (("lower", "0-5", "6", ""), ("HR", "High Red: 20.0% above the top of the target range 0-5", "-0.2000", "")),
        (("lower", "0-5", "-1", "2"), ("HG", "High Green: below the bottom of the target range 0-5", "", "improved")),
        (
            ("higher", "£1.2m", "£1,260,000", "1200000"),
            ("HG", "High Green: 5.0% above the target of £1.2m", "0.0500", "improved"),
        ),
        (
            ("lower", "£250k", "£275.5k", "£300k"),
            ("HR", "High Red: 10.2% above the target of £250k (lower is better)", "-0.1020", "improved"),
        ),
        (
            ("higher", "01:40", "01:45", "01:35"),
            ("HG", "High Green: 5.0% above the target of 01:40", "0.0500", "improved"),
        ),
        (
            ("lower", "01:40", "01:50", "-00:05"),
            ("LR", "Low Red: 10.0% above the target of 01:40 (lower is better)", "-0.1000", "deteriorated"),
        ),
    ],
)
def test_named_edges_are_scored_fast_and_exactly(row, expected):
    assert exact(*row, FIVE_BAND) == expected
    assert scored([row], wide=True) == [expected]


@pytest.mark.parametrize(
    "row",
    [
        ("higher", "0.00000001", "100000000000000000", ""),  # beyond nine digits and four places
        ("higher", "100000000000000000", "0.00000001", ""),
        ("higher", "76%", "79.8", ""),  # a unit slip
        ("higher", "76%", "79.8%", "0.65"),  # a previous value in another unit
        ("range", "76%", "80%", ""),  # an In range measure needs a range target
        ("range", "BL", "5", ""),
        ("higher", "15-7", "10", ""),  # a low end above the high end
        ("higher", "7%-15", "10%", ""),
        ("higher", "7 - 15%", "10%", ""),
        ("higher", "7-15%", "10", ""),  # a unit slip
        ("higher", "Year on year reduction", "5", "-"),
        ("higher", "76%", " 79.8%", ""),
        ("Higher", "76%", "79.8%", ""),
        ("higher", "01:30", "80", ""),  # a unit slip
        ("higher", "01:30", "1:2", ""),
        ("higher", "01:30", "01:60", ""),
        ("higher", "£1.2bn", "£1.1bn", ""),  # beyond nine whole digits once scaled
        ("higher", "£1234.5m", "£1.1m", ""),
        ("higher", "£1.2m", "1.1m", ""),  # k, m and bn are only for money
        ("higher", "£1.2m", "80%", ""),  # a unit slip
        ("higher", "38%", "38.7% (153/137)", ""),  # a numerator above its denominator
        ("higher", "38%", "38.7% (0/0)", ""),
        ("higher", "70", "72 (307.5)", ""),
        ("higher", "70", "72 ( 307)", ""),
        ("higher", "1664", "1,66", ""),
        ("higher", "5", "−5", ""),
        ("none", "76%", "80", ""),  # a unit slip is a problem, whatever the polarity
        ("none", "76%", "80%", "0.7"),
    ],
)
def test_rows_outside_the_format_are_left_to_the_judge(row):
    assert scored([row], wide=True) == [None]


@pytest.mark.parametrize(
    "row",
    [
        ("higher", "76%", "", "70%"),
        ("lower", "76%", "-", ""),
        ("higher", "1,664", "BL", "5"),
        ("higher", "76%", "Note 12a", ""),
        ("higher", "Year on year reduction", "5", "4"),
        ("lower", "Year on year increase", "5%", ""),
        ("higher", "BL", "5", "6"),
        ("lower", "-", "5", ""),
        ("lower", "", "5", ""),
        ("higher", "38%", "38.7% (53/137)", "40%"),
        ("lower", "70", "72 (307)", "71"),
        ("higher", "Year on year reduction", "38.7% (53/137)", ""),
        ("none", "76%", "80.5%", "70%"),
        ("none", "BL", "5", ""),
        ("none", "Year on year increase", "1,664", "1,500"),
        ("none", "76%", "Note 1", ""),
    ],
)
def test_missing_data_and_counted_values_are_scored_fast_as_judge_words_them(row):
    assert scored([row], wide=True) == [exact(*row, FIVE_BAND)]


def test_schemes_outside_whole_number_arithmetic_are_not_scored_fast():
    trend_bands = parse_scheme('name = "t"\n[[bands]]\ncode = "A"\ntrend = ["improved"]\n[[bands]]\ncode = "R"\n')
    fine_edge = parse_scheme('name = "f"\n[[bands]]\ncode = "G"\nmin = 0.00001\n[[bands]]\ncode = "R"\n')
    absolute = parse_scheme('name = "a"\ndeviation = "absolute"\n[[bands]]\ncode = "G"\nmin = 0\n')
    assert [FastScheme.of(scheme) for scheme in (trend_bands, fine_edge, absolute)] == [None, None, None]


def test_a_row_no_band_takes_is_left_to_the_judge():
    gap = parse_scheme('name = "gap"\n[[bands]]\ncode = "G"\nmin = 0\n')
    assert scored([("higher", "10", "9", ""), ("higher", "10", "11", "")], gap) == [
        None,
        ("G", "G: 10.0% above the target of 10", "0.1000", ""),
    ]


def test_every_row_of_a_benchmark_file_matches_the_judge():
    rows = [row[2:] for row in council_rows().rows(20_000, seed=6)]
    results = assert_matches_judge(rows)
    assert sum(result is not None for result in results) > 0.85 * len(rows)


def _amount(draw, places=(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 8)):
    """Mostly within nine whole digits and four places, sometimes beyond either."""
    shown = draw(st.sampled_from(places))
    digits = draw(st.sampled_from([1, 3, 6, 9, 9, 12]))
    return Decimal(draw(st.integers(-(10 ** (digits + shown)) + 1, 10 ** (digits + shown) - 1))).scaleb(-shown)


def _print(amount, percent, grouped=False):
    text = f"{amount:,f}" if grouped else f"{amount:f}"
    return f"{text}%" if percent else text


@st.composite
def rows(draw):
    """A row near the fast path's format: edges, many places, zero and negative targets, slips, markers."""
    percent = draw(st.booleans())
    target = _amount(draw, (0, 1, 2))
    if draw(st.booleans()):
        edge = draw(st.sampled_from(["0.05", "0", "-0.05", "-0.1", "0.0495", "0.00005", "-0.00015", "0.1235"]))
        toward_good = Decimal(edge) * abs(target)
        polarity = draw(st.sampled_from(["higher", "lower"]))
        actual = target + toward_good if polarity == "higher" else target - toward_good
    else:
        polarity = draw(st.sampled_from(["higher", "lower"] * 3 + ["range", "none", "Lower"]))
        actual = _amount(draw)
    previous = _print(_amount(draw, (0, 1, 2, 4)), percent if draw(st.integers(0, 9)) else not percent)
    cells = [
        _print(target, percent, grouped=draw(st.booleans())),
        _print(actual, percent if draw(st.integers(0, 9)) else not percent, grouped=draw(st.booleans())),
        draw(st.sampled_from([previous, previous, previous, "", "-", " 5%"])),
    ]
    if not draw(st.integers(0, 5)):  # a numerator and denominator, or a count
        numerator, denominator = draw(st.integers(0, 320)), draw(st.integers(0, 300))
        cells[1] += draw(st.sampled_from([f" ({numerator}/{denominator})", f" ({numerator})"]))
    for index in draw(st.sets(st.integers(0, 11), max_size=1)) & {0, 1, 2}:
        cells[index] = draw(st.sampled_from(MARKERS))
    if not draw(st.integers(0, 5)):  # minutes and seconds, in some or all of the cells
        for index in draw(st.sets(st.integers(0, 2), min_size=1)):
            cells[index] = draw(CLOCKS)
    if not draw(st.integers(0, 5)):  # money, in some or all of the cells
        for index in draw(st.sets(st.integers(0, 2), min_size=1)):
            cells[index] = draw(MONEY)
    if not draw(st.integers(0, 4)):
        polarity, cells[0], cells[1] = _ranged(draw, percent)
    return (polarity, *cells)


def _ranged(draw, percent):
    """A range target, its low end sometimes above its high end or with the % on the low end
    alone, and an actual on or near either end, or anywhere."""
    low = _amount(draw, (0, 1, 2)).copy_abs()
    high = low + _amount(draw, (0, 1, 2)).copy_abs() if draw(st.integers(0, 9)) else low - 1
    marks = draw(st.sampled_from([("", "%"), ("%", "%"), ("%", "")])) if percent else ("", "")
    end = draw(st.sampled_from([low, high]))
    near = draw(st.sampled_from([Decimal(0), Decimal("0.01"), -Decimal("0.01"), end * Decimal("0.05")]))
    actual = draw(st.sampled_from([end + near, _amount(draw)]))
    target = f"{low:f}{marks[0]}-{high:f}{marks[1]}"
    polarity = draw(st.sampled_from(["range", "range", "higher", "lower", "none"]))
    return polarity, target, _print(actual, percent if draw(st.integers(0, 9)) else not percent)


@given(st.lists(rows(), min_size=1, max_size=40), st.sampled_from(SCHEMES))
@example([("higher", "0.00000001", "100000000000000000", "")], FIVE_BAND)
def test_random_rows_match_the_judge(batch, scheme):
    assert_matches_judge(batch, scheme)
