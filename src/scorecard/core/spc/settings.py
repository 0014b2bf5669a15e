"""The choices where NHSRplotthedots and the Making Data Count tool differ, with a preset for each."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    """Which way is improvement."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"


class LimitMethod(StrEnum):
    """Wheeler's 2.66·MRbar, or 3σ with σ = MRbar/1.128; they differ in the third decimal place."""

    CONSTANT = "2.66"
    SIGMA = "sigma"

    @property
    def width(self) -> float:
        """How many mean moving ranges the process limits lie from the mean."""
        return 2.66 if self is LimitMethod.CONSTANT else 3 / 1.128


class Conflict(StrEnum):
    """What a point shows when it is special cause both ways (a trend crossing the mean)."""

    IMPROVEMENT = "improvement"  # the Making Data Count tool shows improvement
    PRECEDENCE = "precedence"  # NHSRplotthedots: the first rule in RULE_ORDER decides


class SettingsError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class SpcSettings:
    run_length: int = 7  # points in a shift or a trend
    screen_outliers: bool = True  # drop moving ranges ≥ 3.267·MRbar once, then recompute MRbar
    two_in_three_counts_outside: bool = False  # the MDC team's 2023 revision counts points beyond the limits
    minimum_points: int = 2  # a section with fewer points shows its mean only: no limits, signals or icons
    baseline: int | None = None  # limits from the first n points of each section, extended forward
    limit_method: LimitMethod = LimitMethod.CONSTANT
    conflict: Conflict = Conflict.PRECEDENCE
    rules_cross_sections: bool = False  # whether a run may carry on past a recalculation (MDC tool: yes)

    def __post_init__(self) -> None:
        if self.run_length < 2:
            raise SettingsError(f"the run length must be at least 2 points, not {self.run_length}")
        if self.minimum_points < 2:
            raise SettingsError(f"limits need at least 2 points (one moving range), not {self.minimum_points}")
        if self.baseline is not None and self.baseline < 12:
            raise SettingsError(f"a baseline needs at least 12 points, not {self.baseline}")


# NHSRplotthedots 0.2: 7-point runs, screened moving ranges, trial limits from any number of points,
# rules applied within each section.
PLOTTHEDOTS = SpcSettings()

# The Making Data Count Single Chart Tool v5.0: 6-point runs, no screening, limits from 13 points,
# improvement shown where a point is both, rules running on across recalculations.
MAKING_DATA_COUNT = SpcSettings(
    run_length=6,
    screen_outliers=False,
    minimum_points=13,
    conflict=Conflict.IMPROVEMENT,
    rules_cross_sections=True,
)

PRESETS = {"plotthedots": PLOTTHEDOTS, "mdc": MAKING_DATA_COUNT}
