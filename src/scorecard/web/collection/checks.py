"""The commentary checks run before a quarter is published (the rules are the core's,
`core.commentary`), over the stored statuses and everything said about each measure: its
return's commentary and the key challenge written about it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from scorecard.core.commentary import Commented, Finding, Said, check, needs_commentary
from scorecard.core.periods import Quarter
from scorecard.core.trend import Trend
from scorecard.web.pages.reading import judging, shown, statuses_between, with_measures
from scorecard.web.plans.models import (
    KeyChallenge,
    Organisation,
    PeriodKind,
    ReportingPeriod,
    Return,
    StoredStatus,
    within,
)
from scorecard.web.plans.queries import organisation
from scorecard.web.plans.schemes import current_versions


@dataclass(frozen=True, slots=True)
class Checked:
    """A finding and the return to open to fix it."""

    finding: Finding
    held: Return


def _challenges(quarter: ReportingPeriod) -> dict[int, list[str]]:
    """The key challenges' words by the measure they are about."""
    found: dict[int, list[str]] = defaultdict(list)
    for measure_id, paragraphs in KeyChallenge.objects.filter(
        narrative__period=quarter, measure__isnull=False
    ).values_list("measure_id", "paragraphs"):
        found[measure_id].append("\n\n".join(paragraphs))
    return found


def commentary_findings(owner: Organisation, quarter: ReportingPeriod) -> list[Checked]:
    """Every finding for the quarter's measures, in scorecard order; a monthly measure is checked
    at the latest month of the quarter it holds, as the report shows it."""
    judged = judging(owner)
    schemes = {name: version.as_core() for name, version in current_versions(owner).items()}
    latest: dict[int, StoredStatus] = {}
    for status in with_measures(statuses_between(quarter.start, quarter.end, judged)):
        seen = latest.get(status.measure_return.measure_id)
        if seen is None or status.measure_return.period.start > seen.measure_return.period.start:
            latest[status.measure_return.measure_id] = status
    challenges = _challenges(quarter)
    returns: dict[str, Return] = {}
    commented = []
    for status in sorted(latest.values(), key=_order):
        held = status.measure_return
        band = shown(status, judged).tag.band
        scheme = schemes[judged.schemes[status.scheme_version_id]]
        said = (
            Said("the commentary", held.commentary),
            *(Said("the key challenge", text) for text in challenges.get(held.measure_id, [])),
        )
        returns[held.measure.code] = held
        commented.append(
            Commented(
                held.measure.code,
                held.measure.name,
                band.label if band else "",
                band is not None and needs_commentary(scheme, band.code),
                Trend(status.trend) if status.trend else None,
                said,
            )
        )
    return [Checked(finding, returns[finding.code]) for finding in check(commented)]


def _order(status: StoredStatus) -> tuple[int, int, str]:
    measure = status.measure_return.measure
    return (measure.theme.order, measure.order, measure.code)


def findings_before_publishing(slug: str, quarter: Quarter) -> list[Finding]:
    """The checks' findings for the organisation `slug` in a stored quarter (none when nothing is held)."""
    owner = organisation(slug)
    with within(owner):
        stored = ReportingPeriod.objects.filter(kind=PeriodKind.QUARTER, start=quarter.span.start).first()
        return [item.finding for item in commentary_findings(owner, stored)] if stored else []
