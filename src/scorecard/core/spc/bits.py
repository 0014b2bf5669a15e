"""Rows of yes/no marks, one per point, packed 64 points to a word so that runs and windows over
every series at once take a few whole-array operations on words rather than on points.

Bit i of a row (counting across its words) is point i."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Marks = NDArray[np.uint64]  # (series, words)


def pack(marks: NDArray[np.bool_], words: int) -> Marks:
    """Pack a (series, points) array of marks into (series, words) 64-bit words."""
    packed = np.packbits(marks, axis=1, bitorder="little")
    if packed.shape[1] != words * 8:
        packed = np.pad(packed, ((0, 0), (0, words * 8 - packed.shape[1])))
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64, copy=False)


def unpack(marks: Marks, points: int) -> NDArray[np.uint8]:
    """The (series, points) array of 0/1 back from packed marks."""
    return np.unpackbits(marks.astype("<u8", copy=False).view(np.uint8), axis=1, count=points, bitorder="little")


def later(marks: Marks, by: int) -> Marks:
    """Each mark moved `by` points later (toward the end of its row); marks moved off the end are lost."""
    words, bits = divmod(by, 64)
    moved = np.zeros_like(marks)
    if words < marks.shape[1]:
        source = marks[:, : marks.shape[1] - words]
        moved[:, words:] = source << np.uint64(bits)
        if bits and words + 1 < marks.shape[1]:
            moved[:, words + 1 :] |= source[:, :-1] >> np.uint64(64 - bits)
    return moved


def earlier(marks: Marks, by: int) -> Marks:
    """Each mark moved `by` points earlier; marks moved before the first point are lost."""
    words, bits = divmod(by, 64)
    moved = np.zeros_like(marks)
    if words < marks.shape[1]:
        source = marks[:, words:]
        moved[:, : marks.shape[1] - words] = source >> np.uint64(bits)
        if bits and words + 1 < marks.shape[1]:
            moved[:, : marks.shape[1] - words - 1] |= source[:, 1:] << np.uint64(64 - bits)
    return moved


def runs_from(marks: Marks, length: int) -> Marks:
    """Points starting `length` consecutive marked points."""
    found, span = marks, 1
    while span * 2 <= length:
        found, span = found & earlier(found, span), span * 2
    return found & earlier(found, length - span) if span < length else found


def covered(starts: Marks, length: int) -> Marks:
    """Points within `length` points from a start (the start itself included)."""
    found, span = starts, 1
    while span * 2 <= length:
        found, span = found | later(found, span), span * 2
    return found | later(found, length - span) if span < length else found


def bit_at(marks: Marks, index: NDArray[np.intp]) -> NDArray[np.bool_]:
    """Each row's mark at its own point `index`."""
    words, bits = np.divmod(index, 64)
    word = marks[np.arange(marks.shape[0]), words]
    return ((word >> bits.astype(np.uint64)) & np.uint64(1)).astype(bool)
