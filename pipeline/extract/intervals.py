"""Stretches along one axis: intervals merged, and the room they leave free."""

from __future__ import annotations

from collections.abc import Iterable


def merged(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping intervals merged, left to right."""
    out: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def free(start: float, end: float, covered: Iterable[tuple[float, float]]
         ) -> list[tuple[float, float]]:
    """The stretches of (start, end) that no interval of `covered` overlaps, in order."""
    found = []
    at = start
    for a, b in sorted(covered):
        if b <= at:
            continue
        if a >= end:
            break
        if a > at:
            found.append((at, a))
        at = max(at, b)
    if at < end:
        found.append((at, end))
    return found
