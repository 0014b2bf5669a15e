"""What the signed-in pages read: stored statuses (never judged again here), values, actions,
history. Each function runs a fixed number of queries whatever the number of measures."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from scorecard.core.plan import ActionStatus
from scorecard.core.rag import ValueState
from scorecard.core.schemes import RagScheme
from scorecard.reporting.counts import StatusCounts, count_statuses
from scorecard.reporting.key import KeyBand
from scorecard.web.pages.tags import Styles, Tag, TrendTag, stored_tag, styles, tag_of, trend_tag
from scorecard.web.plans.models import (
    ActionUpdate,
    Measure,
    Organisation,
    PeriodKind,
    ReportingPeriod,
    Return,
    ReturnState,
    StoredStatus,
    Target,
    Theme,
)
from scorecard.web.plans.schemes import current_versions

AT_RISK = (ActionStatus.RED.value, ActionStatus.AMBER.value)


@dataclass(frozen=True, slots=True)
class Judging:
    """The organisation's current scheme versions, and how each band is drawn."""

    version_ids: frozenset[int]
    schemes: dict[int, str]  # version id → scheme name
    style: Styles
    default: str
    rules: dict[str, RagScheme]  # scheme name → its current version's rules

    def core_scheme(self, name: str) -> RagScheme:
        return self.rules[name]

    def tag(self, status: StoredStatus) -> Tag:
        return stored_tag(status, self.schemes[status.scheme_version_id], self.style)

    def tag_from(self, version: int, override: tuple[str, str] | None, band: str, note: str, state: str) -> Tag:
        """`tag` from a status's columns: its scheme version, its return's override (code, label),
        band, its return's data note, and state."""
        return tag_of(override, band, note, state, self.style.get(self.schemes[version], {}))

    def bands(self, names: Iterable[str]) -> tuple[KeyBand, ...]:
        """Every band of the named schemes, once per code, the default scheme's first."""
        seen: dict[str, KeyBand] = {}
        for name in [self.default, *sorted(set(names) - {self.default})]:
            for band in self.style.get(name, {}).values():
                seen.setdefault(band.code, band)
        return tuple(seen.values())


def judging(organisation: Organisation) -> Judging:
    versions = current_versions(organisation)
    default = organisation.default_scheme.name if organisation.default_scheme else "five-band"
    rules = {name: version.as_core() for name, version in versions.items()}
    return Judging(
        frozenset(version.pk for version in versions.values()),
        {version.pk: name for name, version in versions.items()},
        styles(rules),
        default,
        rules,
    )


def _within(prefix: str, start: date, end: date) -> Q:
    """Periods inside [start, end] that a quarterly report shows: the quarters and months."""
    return Q(
        **{
            f"{prefix}period__start__gte": start,
            f"{prefix}period__end__lte": end,
            f"{prefix}period__kind__in": [PeriodKind.QUARTER, PeriodKind.MONTH],
        }
    )


def statuses_between(start: date, end: date, judged: Judging) -> QuerySet[StoredStatus]:
    """Stored statuses under the current scheme versions of returns shown in the quarters between."""
    return StoredStatus.objects.filter(_within("measure_return__", start, end), scheme_version__in=judged.version_ids)


LISTED = (  # what `shown` and a list of measures read of a status, its return and measure
    *("measure_return", "scheme_version", "state", "band", "reason", "deviation", "trend"),
    *("measure_return__measure", "measure_return__actual", "measure_return__data_note", "measure_return__covers"),
    *("measure_return__period", "measure_return__period__label", "measure_return__period__start"),
    *("measure_return__override_band", "measure_return__override_band__code", "measure_return__override_band__label"),
    *("measure_return__measure__code", "measure_return__measure__name", "measure_return__measure__theme"),
)


def with_measures(statuses: QuerySet[StoredStatus]) -> QuerySet[StoredStatus]:
    """With what a list shows of each: the return, its period, its override and its measure."""
    return statuses.select_related("measure_return__period", "measure_return__override_band", "measure_return__measure")


@dataclass(frozen=True, slots=True)
class ShownMeasure:
    """A measure as a list shows it in one quarter."""

    measure: Measure
    held: Return
    tag: Tag
    trend: TrendTag | None
    reason: str
    deviation: Decimal | None
    state: ValueState  # judged wherever a band is shown, an override's included


def shown(status: StoredStatus, judged: Judging) -> ShownMeasure:
    held = status.measure_return
    tag = judged.tag(status)
    state = ValueState.JUDGED if tag.band else ValueState(status.state)
    return ShownMeasure(held.measure, held, tag, trend_tag(status.trend), status.reason, status.deviation, state)


@dataclass(frozen=True, slots=True)
class ThemeCounts:
    theme: Theme
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class Completion:
    directorate: str
    due: int
    states: dict[str, int]  # return state → how many; "not started" for due without a return

    @property
    def approved(self) -> int:
        return self.states.get(ReturnState.APPROVED, 0)


FURTHEST_OFF = 20  # the dashboard lists these; the measures list filtered "off target" has them all


@dataclass(frozen=True, slots=True)
class Dashboard:
    themes: list[ThemeCounts]
    columns: tuple[KeyBand, ...]
    total: StatusCounts | None
    off_target: list[str]  # the codes of the measures off target, furthest off first
    furthest_off: list[ShownMeasure]  # the first `FURTHEST_OFF` of them
    at_risk: list[ActionUpdate]
    completion: list[Completion]


COUNTED = (  # what the dashboard reads of every status: enough to count it and rank it off target
    *("pk", "measure_return__measure__theme", "measure_return__measure__code", "scheme_version"),
    *("band", "state", "deviation", "measure_return__data_note"),
    *("measure_return__override_band__code", "measure_return__override_band__label"),
)


def dashboard(organisation: Organisation, quarter: ReportingPeriod) -> Dashboard:
    judged = judging(organisation)
    # Every measure's status is counted, so as columns, not models: building a status, its return,
    # period and measure for each was most of the page's time. Only the furthest off are shown
    # whole. Unordered: the default order joins five tables to sort rows counted and sorted here.
    statuses = statuses_between(quarter.start, quarter.end, judged).order_by().values_list(*COUNTED)
    by_theme: dict[int, list[tuple[KeyBand | None, ValueState]]] = defaultdict(list)
    off: list[tuple[Decimal, str, int]] = []
    for pk, theme, code, version, band, state, deviation, note, override, override_label in statuses:
        tag = judged.tag_from(version, (override, override_label) if override is not None else None, band, note, state)
        by_theme[theme].append((tag.band, ValueState.JUDGED if tag.band else ValueState(state)))
        if deviation is not None and deviation < 0 and tag.band is not None:
            off.append((deviation, code, pk))
    off.sort()
    themes = list(Theme.objects.order_by("plan", "order", "key"))
    columns = judged.bands(judged.schemes.values())
    counted = [ThemeCounts(theme, count_statuses(by_theme[theme.pk], columns)) for theme in themes]
    total = sum((item.counts for item in counted[1:]), counted[0].counts) if counted else None
    furthest = [pk for _, _, pk in off[:FURTHEST_OFF]]
    whole = {status.pk: status for status in with_measures(StoredStatus.objects.filter(pk__in=furthest)).only(*LISTED)}
    at_risk = list(
        ActionUpdate.objects.filter(period=quarter, status__in=AT_RISK)
        .select_related("action__theme")
        .order_by("action__theme__order", "action__order")
    )
    return Dashboard(
        counted,
        columns,
        total,
        [code for _, code, _ in off],
        [shown(whole[pk], judged) for pk in furthest],
        at_risk,
        completion(quarter),
    )


def completion(quarter: ReportingPeriod) -> list[Completion]:
    """Per directorate: measures due in the quarter (a target or a return for it) and their returns' states."""
    due: dict[int, str] = {}
    targets = Target.objects.filter(_within("", quarter.start, quarter.end)).order_by()
    for measure_id, directorate in targets.values_list("measure_id", "measure__directorate__name"):
        due[measure_id] = directorate or "No directorate"
    states: dict[int, str] = {}
    returns = Return.objects.filter(_within("", quarter.start, quarter.end)).order_by()
    for measure_id, directorate, state in returns.values_list("measure_id", "measure__directorate__name", "state"):
        due[measure_id] = directorate or "No directorate"
        states[measure_id] = state
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for measure_id, directorate in due.items():
        tally[directorate][states.get(measure_id, "not started")] += 1
    return [
        Completion(directorate, sum(counts.values()), dict(counts)) for directorate, counts in sorted(tally.items())
    ]
