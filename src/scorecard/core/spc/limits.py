"""The centre line and process limits of one section of an XmR chart."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from scorecard.core.spc.settings import LimitMethod

# D4 for moving ranges of two points: a moving range this many times MRbar is itself special cause.
SCREEN = 3.267


@dataclass(frozen=True, slots=True)
class ProcessLimits:
    mean: float
    moving_range: float  # MRbar, after screening when that is on
    lower: float
    upper: float
    near_lower: float  # the two-sigma lines, two thirds of the way out to the limits
    near_upper: float


def centre(values: Sequence[float]) -> float:
    """The arithmetic mean, summed from the first value so that a constant series has its own value
    as mean exactly (rounding could otherwise put every point a hair above or below it)."""
    first = values[0]
    return first + math.fsum(value - first for value in values) / len(values)


def mean_moving_range(values: Sequence[float], *, screen_outliers: bool) -> float:
    """MRbar: the mean absolute difference between neighbours; with screening, moving ranges of at least
    3.267·MRbar are left out once and MRbar computed again (NHSRplotthedots' default)."""
    ranges = [abs(later - earlier) for earlier, later in itertools.pairwise(values)]
    average = math.fsum(ranges) / len(ranges)
    if screen_outliers:
        kept = [moving_range for moving_range in ranges if moving_range < SCREEN * average]
        average = math.fsum(kept) / len(kept) if kept else 0.0
    return average


def process_limits(values: Sequence[float], *, method: LimitMethod, screen_outliers: bool) -> ProcessLimits:
    """Mean ± width·MRbar from at least two values in time order."""
    if len(values) < 2:
        raise ValueError("process limits need at least two values")
    mean = centre(values)
    moving_range = mean_moving_range(values, screen_outliers=screen_outliers)
    spread = method.width * moving_range
    return ProcessLimits(
        mean=mean,
        moving_range=moving_range,
        lower=mean - spread,
        upper=mean + spread,
        near_lower=mean - spread * 2 / 3,
        near_upper=mean + spread * 2 / 3,
    )
