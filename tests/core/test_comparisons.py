"""Comparison with a benchmark against the production Fingertips unit tests (fingertips-open and
FingertipsNext, tests/vectors/fingertips_benchmark_comparisons.json), and peer bands."""

import pytest

from scorecard.core.comparisons import Bounds, Comparison, compare, compare_two_levels, peer_band
from scorecard.core.measures import Polarity
from tests.reference import vector_json

COMPARATORS = vector_json("fingertips_benchmark_comparisons.json")["comparators"]
# fingertips-open polarity ids: 0 low is good, 1 high is good.
POLARITY = {0: Polarity.LOWER, 1: Polarity.HIGHER}
# fingertips-open Significance: Better/Worse/Best/Worst before and after polarity, Same, None.
SIGNIFICANCE = {
    "Same": Comparison.SIMILAR,
    "Better": Comparison.BETTER,
    "Worse": Comparison.WORSE,
    "Best": Comparison.BEST,
    "Worst": Comparison.WORST,
    "None": Comparison.NOT_COMPARED,
}


def _comparator(prefix):
    return next(comparator for comparator in COMPARATORS if comparator["name"].startswith(prefix))


def _number(cell):
    return cell if isinstance(cell, int | float) else None


def _bounds(area, suffix="95"):
    lower, upper = _number(area.get(f"lower_ci{suffix}")), _number(area.get(f"upper_ci{suffix}"))
    return Bounds(lower, upper) if lower is not None and upper is not None else None


@pytest.mark.parametrize("case", _comparator("SingleOverlappingCIsForOneCILevel")["cases"], ids=str)
def test_fingertips_one_ci_level(case):
    """fingertips-open PholioVisualisationWS/AnalysisTest/SingleOverlappingCIsForOneCILevelComparatorTest.cs."""
    area = case["area"]
    found = compare(_number(area["value"]), _bounds(area), _number(case["benchmark_value"]), POLARITY[case["polarity"]])
    assert found is SIGNIFICANCE[case["expected"]]


TWO_LEVELS = _comparator("SingleOverlappingCIsForTwoCILevels")


@pytest.mark.parametrize("case", TWO_LEVELS["cases"], ids=str)
def test_fingertips_two_ci_levels(case):
    """fingertips-open SingleOverlappingCIsForTwoCILevelsComparerTest.cs: best and worst beyond 99.8%."""
    area = TWO_LEVELS["area"]
    found = compare_two_levels(
        area["value"], _bounds(area), _bounds(area, "99_8"), case["benchmark_value"], POLARITY[case["polarity"]]
    )
    assert found is SIGNIFICANCE[case["expected"]]


def test_two_levels_without_a_direction_say_highest_and_lowest():
    inner, outer = Bounds(2.5, 2.7), Bounds(2.3, 2.9)
    assert compare_two_levels(2.6, inner, outer, 3.0, Polarity.NONE) is Comparison.LOWEST
    assert compare_two_levels(2.6, inner, outer, 2.4, Polarity.NONE) is Comparison.HIGHER
    assert compare_two_levels(2.6, inner, None, 2.4, Polarity.NONE) is Comparison.NOT_COMPARED


NEXT = _comparator("FingertipsNext")
NEXT_POLARITY = {"HighIsGood": Polarity.HIGHER, "LowIsGood": Polarity.LOWER, "NoJudgement": Polarity.NONE}


def _next_comparisons(values, benchmarks, polarity):
    spread = NEXT["spread"]  # the test builder's interval: value ± 1.1
    return [
        compare(value, Bounds(value - spread, value + spread), benchmark, polarity).value.capitalize()
        for value, benchmark in zip(values, benchmarks, strict=True)
    ]


@pytest.mark.parametrize("case", [case for case in NEXT["cases"] if "area_values" in case], ids=str)
def test_fingertips_next_benchmark_engine(case):
    """FingertipsNext api/.../BenchmarkComparisonEngineTests.cs: Better/Similar/Worse by polarity, Higher/
    Similar/Lower with no judgement."""
    polarity = NEXT_POLARITY[case["polarity"]]
    assert _next_comparisons(case["area_values"], case["benchmark_values"], polarity) == case["expected"]


def test_fingertips_next_inequalities_against_the_persons_figure():
    """FingertipsNext: female and male values benchmarked against the same area's persons values."""
    case = next(case for case in NEXT["cases"] if "persons_values" in case)
    for sex in ("female", "male"):
        found = _next_comparisons(case[f"{sex}_values"], case["persons_values"], Polarity.NONE)
        assert found == case["expected"][sex]


def test_a_range_measure_is_compared_without_judgement():
    assert compare(5, Bounds(4, 6), 3, Polarity.RANGE) is Comparison.HIGHER


@pytest.mark.parametrize(("value", "band"), [(1, 1), (2.75, 1), (3, 2), (5.5, 3), (9, 4), (100, 4)])
def test_peer_quartiles(value, band):
    peers = [1, 2, 3, 4, 5, 6, 7, 8]  # inclusive quartile cut points 2.75, 4.5, 6.25
    assert peer_band(value, peers) == band


def test_peer_quintiles_and_small_groups():
    assert peer_band(10, list(range(1, 11)), bands=5) == 5
    with pytest.raises(ValueError, match="at least 2 values"):
        peer_band(1, [1])
