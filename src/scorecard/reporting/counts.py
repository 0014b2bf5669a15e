"""Status counts for a quarter ("12 of 20 measures have a RAG status: 5 HG, …"): how many
measures show each band, and how many have none and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scorecard.core.rag import ValueState
from scorecard.reporting.key import KeyBand

UNBANDED = tuple(state for state in ValueState if state is not ValueState.JUDGED)


@dataclass(frozen=True, slots=True)
class StatusCount:
    key: str  # a band code, or a state such as "awaiting"
    label: str  # "High Green", "Awaiting data (in arrears)"
    count: int
    band: KeyBand | None = None


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """Counts in a fixed column order, the same for every theme so they line up in a table."""

    columns: tuple[StatusCount, ...]

    @property
    def total(self) -> int:
        return sum(column.count for column in self.columns)

    @property
    def banded(self) -> int:
        return sum(column.count for column in self.columns if column.band)

    def __add__(self, other: StatusCounts) -> StatusCounts:
        if [column.key for column in self.columns] != [column.key for column in other.columns]:
            raise ValueError("status counts with different columns cannot be added")
        return StatusCounts(
            tuple(
                StatusCount(mine.key, mine.label, mine.count + theirs.count, mine.band)
                for mine, theirs in zip(self.columns, other.columns, strict=True)
            )
        )


def count_statuses(statuses: Iterable[tuple[KeyBand | None, ValueState]], bands: Sequence[KeyBand]) -> StatusCounts:
    """Count published statuses: by band where one is shown, else by the reason there is none.

    `bands` gives the band columns in order; every state without a band gets a column too.
    """
    tally: Counter[str] = Counter()
    for band, state in statuses:
        tally[band.code if band else state.value] += 1
    columns = [StatusCount(band.code, band.label, tally.pop(band.code, 0), band) for band in bands]
    columns += [StatusCount(state.value, state.label, tally.pop(state.value, 0)) for state in UNBANDED]
    if tally:
        raise ValueError(f"no column for the band(s) {', '.join(sorted(tally))}")
    return StatusCounts(tuple(columns))
