"""Intervals against PHEindicatormethods' test spreadsheets (tests/vectors/phe_*.csv, OHID/UKHSA) and the
DHSC Python port's unit values; each test names its source. PHEindicatormethods compares with
expect_equal (about 1.5e-8 relative); we hold ourselves to 1e-9."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.intervals import (
    IntervalError,
    byars,
    crude_rate,
    directly_standardised_rate,
    exact_poisson,
    wilson,
    z_score,
)
from tests.reference import vector_json, vector_rows

CLOSE = {"rel": 1e-9}
LEVELS = {"95_0": 0.95, "99_8": 0.998}
ESP_2013 = [
    5000,
    5500,
    5500,
    5500,
    6000,
    6000,
    6500,
    7000,
    7000,
    7000,
    7000,
    6500,
    6000,
    5500,
    5000,
    4000,
    2500,
    1500,
    1000,
]


def _level(text):
    return {"95%": 0.95, "99.8%": 0.998}[text]


def test_z_for_95_and_99_8_percent():
    """METHODS.md: z = 1.959964 for 95%, 3.090232 for 99.8%."""
    assert round(z_score(0.95), 6) == 1.959964
    assert round(z_score(0.998), 6) == 3.090232


BYARS_WILSON = [row for row in vector_rows("phe_byars_wilson.csv") if row["lowercl"]]


@pytest.mark.parametrize("row", BYARS_WILSON, ids=lambda row: f"{row['method']}-{row['x']}-{row['confidence']}")
def test_byars_and_wilson_spreadsheet(row):
    """PHEindicatormethods tests/testthat/testdata_Byars_Wilson.xlsx (testByars.R, testWilson.R)."""
    confidence = _level(row["confidence"])
    if row["method"] == "Byars":
        found = byars(float(row["x"]), confidence)
    else:
        found = wilson(float(row["x"]), float(row["n"]), confidence)
    assert (found.lower, found.upper) == pytest.approx((float(row["lowercl"]), float(row["uppercl"])), **CLOSE)


def _complete(rows):
    return [row for row in rows if row["Numerator"] and row["Denominator"]]


@pytest.mark.parametrize(
    "row", _complete(vector_rows("phe_proportions.csv")), ids=lambda row: f"{row['Area']}-x{row['multiplier']}"
)
def test_proportions_spreadsheet(row):
    """PHEindicatormethods testdata_Proportion.xlsx 'testdata_Prop' (testProportions.R): Wilson at 95% and
    99.8%, as proportions of 1 and as percentages."""
    for suffix, confidence in LEVELS.items():
        found = wilson(float(row["Numerator"]), float(row["Denominator"]), confidence, float(row["multiplier"]))
        expected = (float(row["value"]), float(row[f"lower{suffix}cl"]), float(row[f"upper{suffix}cl"]))
        assert (found.value, found.lower, found.upper) == pytest.approx(expected, **CLOSE)


@pytest.mark.parametrize("row", _complete(vector_rows("phe_proportions_grouped.csv")), ids=lambda row: row["Area"])
def test_grouped_proportions_spreadsheet(row):
    """PHEindicatormethods testdata_Proportion.xlsx 'testdata_Prop_g': summed numerators and denominators."""
    found = wilson(float(row["Numerator"]), float(row["Denominator"]))
    expected = (float(row["value"]), float(row["lowercl"]), float(row["uppercl"]))
    assert (found.value, found.lower, found.upper) == pytest.approx(expected, **CLOSE)


@pytest.mark.parametrize(
    "row", _complete(vector_rows("phe_rates.csv")), ids=lambda row: f"{row['Area']}-per{row['multiplier']}"
)
def test_rates_spreadsheet(row):
    """PHEindicatormethods testdata_Rate.xlsx 'testdata_Rate' (testRates.R): exact limits below 10 events,
    Byar's from 10; per 100 and per 100,000; Area12 has more events than people."""
    for suffix, confidence in LEVELS.items():
        found = crude_rate(float(row["Numerator"]), float(row["Denominator"]), confidence, float(row["multiplier"]))
        expected = (float(row["value"]), float(row[f"lower{suffix}cl"]), float(row[f"upper{suffix}cl"]))
        assert (found.value, found.lower, found.upper) == pytest.approx(expected, **CLOSE)


@pytest.mark.parametrize("row", _complete(vector_rows("phe_rates_grouped.csv")), ids=lambda row: row["Area"])
def test_grouped_rates_spreadsheet(row):
    """PHEindicatormethods testdata_Rate.xlsx 'testdata_Rate_g': summed counts, per 100,000 at 95%."""
    found = crude_rate(float(row["Numerator"]), float(row["Denominator"]))
    expected = (float(row["value"]), float(row["lowercl"]), float(row["uppercl"]))
    assert (found.value, found.lower, found.upper) == pytest.approx(expected, **CLOSE)


def _bands(area):
    rows = [row for row in vector_rows("phe_dsr_inputs_multiarea.csv") if row["area"] == area]
    # The source's note: a blank count is NA, which counts as none.
    return [float(row["count"] or 0) for row in rows], [float(row["pop"]) for row in rows]


DSR_RESULTS = vector_rows("phe_dsr_results.csv")


@pytest.mark.parametrize(
    "result", DSR_RESULTS[:3] + DSR_RESULTS[4:7], ids=lambda row: f"{row['area']}-{row['statistic']}"
)
def test_dobson_dsr_spreadsheet(result):
    """PHEindicatormethods testdata_DSR_ISR.xlsx 'testresults_DSR' (testDSRs.R), ESP 2013 weights from
    data-raw/LoadTestdata.R; per 10,000 at 95% and per 100,000 at 95% and 99.8%; under 10 events: none."""
    counts, populations = _bands(result["area"])
    multiplier = 10_000 if result["statistic"].endswith("10000") else 100_000
    levels = {"95_0": 0.95} if multiplier == 10_000 else LEVELS
    for suffix, confidence in levels.items():
        found = directly_standardised_rate(counts, populations, ESP_2013, confidence, multiplier)
        if not result["value"]:
            assert found is None
            continue
        expected = (float(result["value"]), float(result[f"lower{suffix}cl"]), float(result[f"upper{suffix}cl"]))
        assert (found.value, found.lower, found.upper) == pytest.approx(expected, **CLOSE)


def test_dobson_dsr_with_the_1976_standard_population():
    """PHEindicatormethods 'testdata_1976' per 100,000: only the value and the 95% limits are asserted
    by the source (its 99.8% cells look inconsistent and are not)."""
    rows = vector_rows("phe_dsr_inputs_1976.csv")
    result = next(row for row in DSR_RESULTS if row["area"] == "testdata_1976" and row["statistic"].endswith("100000"))
    found = directly_standardised_rate(
        [float(row["count"]) for row in rows],
        [float(row["pop"]) for row in rows],
        [float(row["esp1976"]) for row in rows],
    )
    expected = (float(result["value"]), float(result["lower95_0cl"]), float(result["upper95_0cl"]))
    assert (found.value, found.lower, found.upper) == pytest.approx(expected, **CLOSE)


NON_INDEPENDENT = vector_rows("phe_dsr_inputs_nonindependent.csv")


@pytest.mark.parametrize(
    "area", ["testdata_nonind_big", "testdata_nonind_dummy", "testdata_nonind_small", "testdata_nonind_tiny"]
)
def test_dobson_dsr_for_events_that_recur_in_a_person(area):
    """PHEindicatormethods 'testdata_nonindepe' and 'testresults_DSR' (independent_events = FALSE): f1..f4 are
    the people with 1..4 events; frequency 4 is dropped except for testdata_nonind_big (data-raw/LoadTestdata.R).
    Expected values are stored to 11-12 significant figures."""
    frequencies = (1, 2, 3, 4) if area == "testdata_nonind_big" else (1, 2, 3)
    bands = [row for row in NON_INDEPENDENT if row["area"] == area]
    people = [[float(row[f"f{f}"] or 0) for f in frequencies] for row in bands]
    counts = [sum(f * n for f, n in zip(frequencies, band, strict=True)) for band in people]
    squares = [sum(f * f * n for f, n in zip(frequencies, band, strict=True)) for band in people]
    populations = [float(row["pop"]) for row in bands]
    result = next(row for row in DSR_RESULTS if row["area"] == area)
    for suffix, confidence in LEVELS.items():
        found = directly_standardised_rate(counts, populations, ESP_2013, confidence, squared_counts=squares)
        if not result["value"]:
            assert found is None
            continue
        expected = (float(result["value"]), float(result[f"lower{suffix}cl"]), float(result[f"upper{suffix}cl"]))
        assert (found.value, found.lower, found.upper) == pytest.approx(expected, rel=1e-10)


PORT = vector_json("port_phstatsmethods_ci_units.json")["cases"]


@pytest.mark.parametrize("case", PORT, ids=lambda case: case["function"])
def test_python_port_unit_values(case):
    """Secondary: DataS-DHSC/PHStatsMethods tests/test_confidence_intervals.py (counts of 100 and 200, so
    its switch to exact limits below 10 does not arise)."""
    if case["function"] == "byars_lower":
        assert byars(case["value"], case["confidence"]).lower == pytest.approx(case["expected"], **CLOSE)
        return
    found = wilson(case["numerator"], case["denominator"], case["confidence"])
    assert (found.lower if case["function"] == "wilson_lower" else found.upper) == pytest.approx(
        case["expected"], **CLOSE
    )


def test_a_zero_count_has_a_zero_lower_limit():
    assert exact_poisson(0).lower == 0
    assert crude_rate(0, 1000).lower == 0
    assert byars(0).lower == 0
    assert exact_poisson(0).upper == pytest.approx(3.6888794541139363, **CLOSE)  # -ln(0.025)


def test_byars_lower_limit_never_goes_below_zero():
    """The formula is negative for a count of 1 at 99.8% (PHEindicatormethods leaves it blank)."""
    assert byars(1, 0.998).lower == 0


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: wilson(-1, 10), "numerator"),
        (lambda: wilson(1, 0), "denominator"),
        (lambda: wilson(11, 10), "numerator"),
        (lambda: wilson(1, 10, confidence=95), "confidence"),
        (lambda: byars(-2), "numerator"),
        (lambda: crude_rate(3, 0), "denominator"),
        (lambda: directly_standardised_rate([1, 2], [10], [1, 1]), "numerator"),
        (lambda: directly_standardised_rate([10, 2], [10, 0], [1, 1]), "denominator"),
    ],
)
def test_impossible_inputs_are_refused_naming_the_field(call, field):
    with pytest.raises(IntervalError) as raised:
        call()
    assert raised.value.field == field


confidence = st.sampled_from([0.95, 0.998])


@given(st.integers(0, 10**7), st.integers(1, 10**7), confidence)
def test_a_wilson_interval_contains_its_proportion(numerator, extra, level):
    denominator = numerator + extra - 1 if numerator else extra
    found = wilson(numerator, denominator, level)
    assert 0 <= found.lower <= found.value <= found.upper <= 1


@given(st.floats(0, 1e7), st.floats(1e-3, 1e9), confidence)
def test_a_rate_interval_contains_its_rate(count, population, level):
    found = crude_rate(count, population, level)
    assert 0 <= found.lower <= found.value <= found.upper


@given(st.floats(0, 1e7), confidence)
def test_a_byars_interval_contains_its_count(count, level):
    found = byars(count, level)
    assert 0 <= found.lower <= found.value <= found.upper


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 10**5), st.integers(0, 8000)), min_size=1, max_size=19))
def test_a_dsr_interval_contains_its_rate(bands):
    counts, populations, weights = (list(column) for column in zip(*bands, strict=True))
    if sum(weights) == 0:
        return
    found = directly_standardised_rate(counts, populations, weights)
    if found is not None:
        assert found.lower <= found.value <= found.upper
