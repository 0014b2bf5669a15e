"""Yes/no marks for every point of many series, packed 64 series to a word: marks[t, w] holds point t
of series 64·w to 64·w + 63, one bit each. Runs and windows along time are then a few operations on
whole rows of words, for 64 series at a time."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Marks = NDArray[np.uint64]  # (..., points, words)


def pack(marks: NDArray[np.bool_]) -> Marks:
    """Pack a C-ordered (..., points, series) array of marks, series a multiple of 64, into words."""
    packed = np.packbits(marks.reshape(-1), bitorder="little").view("<u8")
    return packed.astype(np.uint64, copy=False).reshape(*marks.shape[:-1], -1)


def unpack(marks: Marks) -> NDArray[np.uint8]:
    """The (..., points, series) array of 0/1 back from packed marks."""
    flat = np.ascontiguousarray(marks, dtype="<u8").view(np.uint8).reshape(-1)
    return np.unpackbits(flat, bitorder="little").reshape(*marks.shape[:-1], -1)


def series_marks(marks: NDArray[np.bool_]) -> Marks:
    """One mark per series, as a row of words to combine with every point's row."""
    return pack(marks[None, :])


def earlier(marks: Marks, by: int) -> Marks:
    """Each mark moved `by` points earlier; marks moved before the first point are lost."""
    moved = np.zeros_like(marks)
    points = marks.shape[-2]
    if by < points:
        moved[..., : points - by, :] = marks[..., by:, :]
    return moved


def runs_from(marks: Marks, length: int) -> Marks:
    """Points starting `length` consecutive marked points."""
    found = np.zeros_like(marks)
    points = marks.shape[-2]
    if length > points:
        return found
    # Row t of `ands` holds whether points t to t + span - 1 are all marked; the span doubles while it can.
    ands, span = marks, 1
    while span < length:
        step = min(span, length - span)
        ands, span = ands[..., :-step, :] & ands[..., step:, :], span + step
    found[..., : points - length + 1, :] = ands
    return found


def covered(starts: Marks, length: int) -> Marks:
    """Points within `length` points from a start (the start itself included)."""
    # Row t of `found` holds whether a start lies among points t - span + 1 to t.
    found, span = starts.copy(), 1
    while span < length:
        step = min(span, length - span)
        wider = np.empty_like(found)
        wider[..., :step, :] = found[..., :step, :]
        np.bitwise_or(found[..., step:, :], found[..., :-step, :], out=wider[..., step:, :])
        found, span = wider, span + step
    return found
