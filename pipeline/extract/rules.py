"""Drawn rules, tidied: every horizontal and vertical stroke snapped onto its line and joined.

Office suites draw one border as a line, a thin filled rectangle (two edges a hair apart), or,
dashed and dotted, as many short pieces; browsers draw rectangles. Snapping puts strokes within
SNAP of each other on one line (at their mean position); joining merges pieces of a line whose
gaps are at most JOIN, or the strokes of a dash pattern. Whether a rule is drawn along some
stretch is then a question of how much of the stretch the joined pieces cover, so a dashed
border counts as drawn.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.extract.primitives import Segment

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
# A stretch counts as ruled when the rule's pieces cover at least this share of it.
COVERED = 0.5
# Strokes of a dashed or dotted border: each at most DASH points, gaps at most DASH_GAP strokes.
DASH = 8.0
DASH_GAP = 4.0


@dataclass(frozen=True)
class RuleLine:
    """All the rule pieces along one horizontal (at y = `at`) or vertical (x = `at`) line."""

    at: float
    pieces: tuple[tuple[float, float], ...]  # sorted, disjoint (start, end) along the line

    @property
    def start(self) -> float:
        return self.pieces[0][0]

    @property
    def end(self) -> float:
        return self.pieces[-1][1]

    def covered(self, start: float, end: float) -> float:
        """The share of [start, end] the pieces cover (1.0 for a point on a piece)."""
        if end - start <= 0:
            return 1.0 if any(a - JOIN <= start <= b + JOIN for a, b in self.pieces) else 0.0
        total = 0.0
        for a, b in self.pieces[max(0, bisect_left(self.pieces, (start,)) - 1):]:
            if a >= end:
                break
            total += max(0.0, min(b, end) - max(a, start))
        return total / (end - start)


def _snap(items: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(position, start, end) items with positions chained within SNAP replaced by their mean."""
    items = sorted(items)
    out: list[tuple[float, float, float]] = []
    group: list[tuple[float, float, float]] = []

    def flush() -> None:
        if group:
            mean = sum(g[0] for g in group) / len(group)
            out.extend((mean, s, e) for _, s, e in group)

    for item in items:
        if group and item[0] > group[-1][0] + SNAP:
            flush()
            group = []
        group.append(item)
    flush()
    return out


def _join(spans: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Pieces of one line joined across gaps up to JOIN, and across the wider gaps of a dash
    pattern: short strokes (at most DASH long) a gap of at most DASH_GAP strokes apart."""
    joined: list[tuple[float, float]] = []
    previous: tuple[float, float] | None = None
    for start, end in sorted(spans):
        if joined and (start <= joined[-1][1] + JOIN or _dashes(previous, (start, end))):
            if end > joined[-1][1]:
                joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
        previous = (start, end)
    return tuple((a, b) for a, b in joined if b - a >= MIN_LENGTH)


def _dashes(a: tuple[float, float] | None, b: tuple[float, float]) -> bool:
    """Are `a` and `b` consecutive strokes of one dashed or dotted rule?"""
    if a is None:
        return False
    longest = max(a[1] - a[0], b[1] - b[0])
    return longest <= DASH and b[0] - a[1] <= DASH_GAP * max(longest, 0.5)


def _lines(items: list[tuple[float, float, float]]) -> list[RuleLine]:
    by_position: dict[float, list[tuple[float, float]]] = {}
    for at, start, end in _snap(items):
        by_position.setdefault(at, []).append((start, end))
    lines = [RuleLine(at, pieces) for at, spans in sorted(by_position.items())
             if (pieces := _join(spans))]
    return lines


def rule_lines(segments: Iterable[Segment]) -> tuple[list[RuleLine], list[RuleLine]]:
    """The page's horizontal and vertical rule lines, each sorted by position."""
    horizontal, vertical = [], []
    for s in segments:
        if s.bottom - s.top <= 0.5 and s.x1 > s.x0:
            horizontal.append((s.top, s.x0, s.x1))
        elif s.x1 - s.x0 <= 0.5 and s.bottom > s.top:
            vertical.append((s.x0, s.top, s.bottom))
    return _lines(horizontal), _lines(vertical)
