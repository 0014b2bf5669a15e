"""What would change if a rule changed: the held values of past quarters judged under the rules
as they stand and as proposed (a scheme's bands, a measure's polarity, scheme or target), and
the statuses that come out differently, from and to.

A status is compared by its state and band code, the computed one: an officer's override is the
officer's decision, not the rule's, so it neither hides nor makes a change here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from scorecard.core.assess import assess, scheme_for
from scorecard.core.measures import Polarity
from scorecard.core.periods import APRIL, Month, Quarter, quarter_containing
from scorecard.core.plan import MeasureEntry, PeriodEntry
from scorecard.core.rag import Status
from scorecard.core.schemes import RagScheme


@dataclass(frozen=True, slots=True)
class Rules:
    """What judges a set of measures: their definitions and targets, and the schemes by name
    (`default` judges a measure that names none)."""

    measures: tuple[MeasureEntry, ...]
    schemes: Mapping[str, RagScheme]
    default: str
    start_month: int = APRIL

    def with_scheme(self, scheme: RagScheme) -> Rules:
        """The same, with `scheme` in place of the scheme of its name."""
        return replace(self, schemes={**self.schemes, scheme.name: scheme})

    def with_polarity(self, code: str, polarity: Polarity) -> Rules:
        return self._with_measure(
            code, lambda measure: replace(measure, definition=replace(measure.definition, polarity=polarity))
        )

    def with_measure_scheme(self, code: str, scheme: str) -> Rules:
        """Measure `code` judged by the scheme named (the default when empty)."""
        return self._with_measure(code, lambda measure: replace(measure, scheme=scheme))

    def with_target(self, code: str, period: Quarter | Month, printed: str) -> Rules:
        """Measure `code` with `printed` as its target for `period`."""

        def targeted(measure: MeasureEntry) -> MeasureEntry:
            held = [entry for entry in measure.entries if entry.period != period]
            found = next((entry for entry in measure.entries if entry.period == period), PeriodEntry(period))
            entries = sorted([*held, replace(found, target=printed)], key=lambda entry: _first_month(entry.period))
            return replace(measure, entries=tuple(entries))

        return self._with_measure(code, targeted)

    def _with_measure(self, code: str, changed: Callable[[MeasureEntry], MeasureEntry]) -> Rules:
        if not any(measure.code == code for measure in self.measures):
            raise KeyError(f"no measure {code!r} among the {len(self.measures)} judged")
        measures = tuple(changed(measure) if measure.code == code else measure for measure in self.measures)
        return replace(self, measures=measures)


@dataclass(frozen=True, slots=True)
class StatusChange:
    measure: str  # its code
    period: Quarter
    before: Status
    after: Status

    @property
    def was(self) -> str:
        return shown(self.before)

    @property
    def would_be(self) -> str:
        return shown(self.after)


@dataclass(frozen=True, slots=True)
class WhatIf:
    judged: int  # statuses compared
    changes: tuple[StatusChange, ...]

    def moves(self) -> list[tuple[str, str, int]]:
        """How many statuses move from each band or state to each other, most first."""
        counted = Counter((change.was, change.would_be) for change in self.changes)
        return [(before, after, count) for (before, after), count in sorted(counted.items(), key=_most_first)]


def shown(status: Status) -> str:
    """A status as a person reads it: the band's label, else the state's."""
    return status.band.label if status.band else status.state.label


def what_if(current: Rules, proposed: Rules) -> WhatIf:
    """Every held value judged under both rules; the statuses that differ. The measures are
    matched by code; a measure only one of the two holds is not judged."""
    proposed_measures = {measure.code: measure for measure in proposed.measures}
    judged = 0
    changes = []
    for measure in current.measures:
        other = proposed_measures.get(measure.code)
        if other is None:
            continue
        for quarter, before, after in _judged_both(measure, current, other, proposed):
            judged += 1
            if (before.state, before.code) != (after.state, after.code):
                changes.append(StatusChange(measure.code, quarter, before, after))
    return WhatIf(judged, tuple(changes))


def held_quarters(measure: MeasureEntry, start_month: int) -> list[Quarter]:
    """The quarters in which the measure holds a value (an actual or a data note)."""
    quarters = {
        entry.period if isinstance(entry.period, Quarter) else quarter_containing(entry.period, start_month)
        for entry in measure.entries
        if entry.actual.strip() or entry.marker.strip()
    }
    return sorted(quarters)


def _judged_both(
    measure: MeasureEntry, current: Rules, other: MeasureEntry, proposed: Rules
) -> Iterator[tuple[Quarter, Status, Status]]:
    before_measure, after_measure = _unoverridden(measure), _unoverridden(other)
    before_scheme = scheme_for(measure, current.schemes[current.default], current.schemes)
    after_scheme = scheme_for(other, proposed.schemes[proposed.default], proposed.schemes)
    for quarter in held_quarters(measure, current.start_month):
        before = assess(before_measure, quarter, before_scheme)
        if before.entry is None or not (before.entry.actual.strip() or before.entry.marker.strip()):
            continue  # the quarter shows no value of its own (a monthly measure's other months)
        yield quarter, before.status, assess(after_measure, quarter, after_scheme).status


def _unoverridden(measure: MeasureEntry) -> MeasureEntry:
    """Overrides name bands of the current scheme, which a proposed one may lack."""
    if not any(entry.override for entry in measure.entries):
        return measure
    return replace(measure, entries=tuple(replace(entry, override="") for entry in measure.entries))


def _first_month(period: Quarter | Month) -> Month:
    return period if isinstance(period, Month) else period.span.first


def _most_first(item: tuple[tuple[str, str], int]) -> tuple[int, str, str]:
    (before, after), count = item
    return -count, before, after
