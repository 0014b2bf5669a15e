"""The commentary checks over stored data: key challenges count as commentary, a red measure left
without any is found, and so is a return's commentary that contradicts its trend."""

from scorecard.core.commentary import Check
from scorecard.web.collection.checks import commentary_findings
from scorecard.web.plans import models

Q2 = "Q2 2018/19"


def _findings(world):
    quarter = models.ReportingPeriod.objects.get(kind="quarter", label=Q2)
    return [
        (item.finding.code, item.finding.check, item.finding.problem)
        for item in commentary_findings(world.harrow, quarter)
    ]


def test_the_harrow_quarter_has_two_key_challenges_over_the_limit(world, db):
    with models.within(world.harrow):
        assert _findings(world) == [
            ("business-21", Check.TOO_LONG, "the key challenge is 121 words long"),
            ("vulnerable-11", Check.TOO_LONG, "the key challenge is 128 words long"),
        ]


def test_a_red_measure_without_its_key_challenge_and_words_against_the_trend_are_found(world, db):
    with models.within(world.harrow):
        # build-16 (High Red, deteriorated) loses its key challenge; build-1 (improved) is said to decline
        models.KeyChallenge.objects.filter(measure__code="build-16").update(measure=None)
        models.Return.objects.filter(measure__code="build-1", period__label=Q2).update(
            commentary="Completions have not improved as hoped; numbers declined."
        )

        assert _findings(world)[:2] == [
            ("build-1", Check.CONTRADICTS_TREND, 'the commentary says "declined" but the trend improved'),
            ("build-16", Check.RED_WITHOUT_COMMENTARY, "High Red with no commentary"),
        ]
