from hypothesis import assume, given
from hypothesis import strategies as st

from scorecard.core.commentary import (
    CLAIMS,
    LONGEST_WORDS,
    NEGATIONS,
    Check,
    Claim,
    Commented,
    Finding,
    Said,
    check,
    claims,
    needs_commentary,
)
from scorecard.core.schemes import BUILT_IN
from scorecard.core.trend import Trend


def _measure(commentary: str, *, band: str = "Low Green", worst: bool = False, trend: Trend | None = None) -> Commented:
    return Commented(
        "build-50", "% of household waste recycled", band, worst, trend, (Said("the commentary", commentary),)
    )


def test_red_without_commentary():
    assert check([_measure(" ", band="High Red", worst=True)]) == [
        Finding(
            "build-50",
            "% of household waste recycled",
            Check.RED_WITHOUT_COMMENTARY,
            "High Red with no commentary",
            "say why it is off target and what is being done about it",
        )
    ]
    assert check([_measure("", band="Low Green")]) == []


def test_contradictions_with_the_status_and_the_trend():
    found = check(
        [_measure("Recycling has improved and is on target.", band="Low Red", worst=True, trend=Trend.DETERIORATED)]
    )
    assert [(f.check, f.problem) for f in found] == [
        (Check.CONTRADICTS_STATUS, 'the commentary says "on target" but the status is Low Red'),
        (Check.CONTRADICTS_TREND, 'the commentary says "improved" but the trend deteriorated'),
    ]
    declined = check([_measure("Performance   DECLINED slightly.", trend=Trend.IMPROVED)])
    assert [(f.check, f.problem) for f in declined] == [
        (Check.CONTRADICTS_TREND, 'the commentary says "declined" but the trend improved')
    ]
    assert check([_measure("Performance has not improved.", trend=Trend.DETERIORATED)]) == []
    assert check([_measure("It improved.", trend=Trend.IMPROVED)]) == []
    assert check([_measure("It improved.", trend=None)]) == []


def test_too_long():
    assert check([_measure("word " * LONGEST_WORDS)]) == []
    assert [str(f) for f in check([_measure("word " * 121)])] == [
        "build-50 (too long): the commentary is 121 words long; shorten it to 120 words or fewer"
    ]


def test_claims_as_the_word_list_reads_them():
    assert claims("Rates haven't improved, but they are no longer worse; we exceeded the target.") == {
        Claim.ON_TARGET: "exceeded"
    }
    assert claims("Not on target. Still, it improved") == {Claim.IMPROVED: "improved"}
    assert claims("The service was improved upon; it is on\ntarget") == {
        Claim.IMPROVED: "improved",
        Claim.ON_TARGET: "on target",
    }
    assert claims("An unimproved road; improvedness; likely improvements") == {}
    assert claims("We have seen an improvement since last quarter") == {Claim.IMPROVED: "an improvement"}


def test_the_red_bands_and_the_worst_need_commentary():
    five = BUILT_IN["five-band"]
    assert [band.code for band in five.bands if needs_commentary(five, band.code)] == ["LR", "HR"]
    three = BUILT_IN["three-band"]
    assert [band.code for band in three.bands if needs_commentary(three, band.code)] == ["R"]
    assert not needs_commentary(five, "PURPLE")


phrases = st.sampled_from([(claim, phrase) for claim, listed in CLAIMS.items() for phrase in listed])
every_phrase = {phrase for listed in CLAIMS.values() for phrase in listed}
plain = st.sampled_from(["the", "rate", "has", "since", "quarter", "figures", "we", "this", "year", "very"])
fillers = st.lists(plain, max_size=6).map(" ".join)


@given(phrases, fillers, fillers)
def test_a_claim_among_plain_words_is_read(claimed, before, after):
    claim, phrase = claimed
    assert claims(f"{before} {phrase.upper()} {after}.").get(claim) == phrase


@given(phrases, st.sampled_from([*sorted(NEGATIONS), "hasn't", "didn’t"]), st.lists(plain, max_size=2), fillers)
def test_a_negation_just_before_a_claim_cancels_it(claimed, negation, between, before):
    claim, phrase = claimed
    assert claim not in claims(f"{before} {negation} {' '.join(between)} {phrase}")


@given(phrases, st.sampled_from(sorted(NEGATIONS)), st.lists(plain, min_size=3, max_size=5), fillers)
def test_a_negation_further_back_or_in_another_clause_does_not(claimed, negation, between, before):
    claim, phrase = claimed
    assert claim in claims(f"{before} {negation} {' '.join(between)} {phrase}")
    assert claim in claims(f"{negation}, {phrase}")


@given(phrases, st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=3), st.booleans())
def test_only_whole_words_count(claimed, letters, in_front):
    claim, phrase = claimed
    longer = letters + phrase if in_front else phrase + letters
    assume(not any(other in longer.split() or other == longer for other in every_phrase))
    assume(all(other not in longer for other in CLAIMS[claim] if other != phrase))
    assert claim not in claims(f"the {longer} rate")


def test_each_text_is_checked_where_it_is_and_red_needs_only_one():
    measure = Commented(
        "build-21",
        "Knife crime",
        "High Red",
        True,
        Trend.IMPROVED,
        (Said("the commentary", ""), Said("the key challenge", "The rise is worse than hoped. " + "word " * 120)),
    )
    assert [str(finding) for finding in check([measure])] == [
        'build-21 (contradicts the trend): the key challenge says "worse" but the trend improved; '
        "reword it, or check this and the last comparable figure",
        "build-21 (too long): the key challenge is 126 words long; shorten it to 120 words or fewer",
    ]
