"""Checks on a quarter's commentary before it is published: red with nothing said, words that
contradict the computed status or trend, and text too long to read in a scorecard.

The contradiction check reads a small list of claims (below), whole words only; a claim with a
negation among the three words before it in the same clause ("has not improved", "no longer
on target") is not a claim. It is a prompt for the officer, not a judgement: the officer may
publish anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from scorecard.core.schemes import RagScheme
from scorecard.core.trend import Trend

# About six plain-English sentences of twenty words: what a reader takes in beside a scorecard.
# Two of the reference report's seventeen key challenges are longer (121 and 128 words).
LONGEST_WORDS = 120


class Check(StrEnum):
    RED_WITHOUT_COMMENTARY = "red without commentary"
    CONTRADICTS_STATUS = "contradicts the status"
    CONTRADICTS_TREND = "contradicts the trend"
    TOO_LONG = "too long"


class Claim(StrEnum):
    IMPROVED = "improved"
    DECLINED = "declined"
    ON_TARGET = "on target"


# Words that claim a direction or a result. Verbs and "an improvement", not the bare nouns:
# "likely improvements" and "long term improvement" are hopes, not claims.
CLAIMS: dict[Claim, tuple[str, ...]] = {
    Claim.IMPROVED: ("improved", "improving", "an improvement", "some improvement"),
    Claim.DECLINED: (
        "declined",
        "declining",
        "a decline",
        "deteriorated",
        "deteriorating",
        "a deterioration",
        "worsened",
        "worsening",
        "worse",
    ),
    Claim.ON_TARGET: (
        "on target",
        "on track",
        "exceeded",
        "exceeding",
        "above target",
        "met the target",
        "met our target",
        "achieved the target",
        "achieved our target",
    ),
}
NEGATIONS = frozenset(("not", "no", "never", "nor", "without", "cannot"))
_NEAR = 3  # words before a claim that can negate it
_CLAUSE_END = re.compile(r"[.;:!?,()]")
_WORD = re.compile(r"[a-z']+")
_PATTERNS = {
    claim: re.compile(r"\b(?:" + "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases) + r")\b")
    for claim, phrases in CLAIMS.items()
}


def needs_commentary(scheme: RagScheme, code: str) -> bool:
    """Whether a band must be explained: a red one (its name says so) or the scheme's worst."""
    band = next((band for band in scheme.bands if band.code == code), None)
    return band is not None and ("red" in band.label.lower().split() or band == scheme.bands[-1])


def _negated(before: str) -> bool:
    clause = _CLAUSE_END.split(before)[-1]
    words = _WORD.findall(clause)[-_NEAR:]
    return any(word in NEGATIONS or word.endswith("n't") for word in words)


def claims(text: str) -> dict[Claim, str]:
    """Each claim the text makes, with the words that make it first; negated ones left out."""
    lowered = text.lower().replace("’", "'")
    found: dict[Claim, str] = {}
    for claim, pattern in _PATTERNS.items():
        for match in pattern.finditer(lowered):
            if not _negated(lowered[: match.start()]):
                found[claim] = " ".join(match.group().split())
                break
    return found


@dataclass(frozen=True, slots=True)
class Said:
    """Words about a measure, and where they are: "the commentary", "the key challenge"."""

    where: str
    text: str


@dataclass(frozen=True, slots=True)
class Commented:
    """A measure as the quarter shows it, with everything said about it."""

    code: str
    name: str
    band: str  # the label of the band shown ("High Red"), empty when none
    worst: bool  # a red band, or the scheme's worst
    trend: Trend | None
    said: tuple[Said, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    check: Check
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.code} ({self.check}): {self.problem}; {self.fix}"


def _contradictions(measure: Commented, said: Said) -> Iterable[Finding]:
    found = claims(said.text)
    if Claim.ON_TARGET in found and measure.worst:
        yield Finding(
            measure.code,
            measure.name,
            Check.CONTRADICTS_STATUS,
            f'{said.where} says "{found[Claim.ON_TARGET]}" but the status is {measure.band}',
            "reword it, or check the actual and the target",
        )
    opposite = {Trend.DETERIORATED: Claim.IMPROVED, Trend.IMPROVED: Claim.DECLINED}
    claim = opposite.get(measure.trend) if measure.trend else None
    if claim is not None and claim in found:
        assert measure.trend is not None
        yield Finding(
            measure.code,
            measure.name,
            Check.CONTRADICTS_TREND,
            f'{said.where} says "{found[claim]}" but the trend {measure.trend.value}',
            "reword it, or check this and the last comparable figure",
        )


def check(measures: Iterable[Commented], *, longest_words: int = LONGEST_WORDS) -> list[Finding]:
    """Every finding, measure by measure in the order given."""
    findings: list[Finding] = []
    for measure in measures:
        said = [item for item in measure.said if item.text.strip()]
        if not said and measure.worst:
            findings.append(
                Finding(
                    measure.code,
                    measure.name,
                    Check.RED_WITHOUT_COMMENTARY,
                    f"{measure.band} with no commentary",
                    "say why it is off target and what is being done about it",
                )
            )
        for item in said:
            findings.extend(_contradictions(measure, item))
            words = len(item.text.split())
            if words > longest_words:
                findings.append(
                    Finding(
                        measure.code,
                        measure.name,
                        Check.TOO_LONG,
                        f"{item.where} is {words:,} words long",
                        f"shorten it to {longest_words:,} words or fewer",
                    )
                )
    return findings
