"""Column lines from a table's header, where it draws no vertical rules.

A header cell names the columns under it: each heading of the first row (a bank over its
value | unit | note, 項目 over the label columns) stands apart from its neighbours, so a column
line belongs somewhere in every gap between two headings. Where the body's gutters put none
there (they are narrower than a gutter must be, or a cell's text is set close to its edge),
the line goes where the body leaves the gap free: the middle of the stretch of the gap no body
text covers that lies nearest the gap's middle (another free stretch lies between a group's
sub-columns). A gap the body's text runs across everywhere gets no line.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.alignment import merge_distributed
from pipeline.extract.intervals import free, merged
from pipeline.extract.primitives import Char
from pipeline.extract.text import runs_of

# A stretch narrower than this (points) is two characters' boxes meeting, not free room.
MIN_FREE = 0.5


def _boundary(left: float, right: float, covered: list[tuple[float, float]]) -> float | None:
    """Where the column line between two headings goes: in the free stretch of the gap
    (left, right) nearest its middle (two groups as wide as each other meet there; a free
    stretch further off lies inside a group, between its sub-columns), the wider on a tie."""
    middle = (left + right) / 2
    room = [(a, b) for a, b in free(left, right, covered) if b - a >= MIN_FREE]
    if not room:
        return None
    a, b = min(room, key=lambda s: (max(s[0] - middle, middle - s[1], 0.0), s[0] - s[1]))
    return (a + b) / 2


def _headings(xs: Sequence[float], ys: Sequence[float], chars: Sequence[Char]
              ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """The x-extents of the first row band's headings, and of the text below it (merged)."""
    x0, x1 = xs[0], xs[-1]
    inside = [c for c in chars if x0 <= c.h_mid <= x1 and ys[0] <= c.v_mid <= ys[-1]]
    head = [c for c in inside if c.v_mid < ys[1] and not c.text.isspace()]
    # the body's characters, spaces too: the space between two words is no free stretch
    body = merged([(c.x0, c.x1) for c in inside if c.v_mid >= ys[1]])
    headings = merged([(r[1], r[3]) for r in merge_distributed(runs_of(head))]) if head else []
    return headings, body


def stub_end(xs: Sequence[float], ys: Sequence[float], chars: Sequence[Char]) -> float:
    """The right edge of the stub: the first column line at or right of the first heading's
    end (the columns 項目 stands over), or of the first column when there is no heading."""
    headings, _ = _headings(xs, ys, chars) if len(ys) >= 2 else ([], [])
    if not headings:
        return xs[1] if len(xs) > 1 else xs[0]
    end = headings[0][1]
    return next((x for x in xs[1:] if x >= end), xs[-1])


def header_lines(xs: Sequence[float], ys: Sequence[float], chars: Sequence[Char]) -> list[float]:
    """Column lines in the gaps between the headings of the first row band of (xs, ys) that
    hold no line of `xs`, each where the rows below leave the gap free."""
    if len(ys) < 3:
        return []
    headings, body = _headings(xs, ys, chars)
    if not headings or not body:
        return []
    found = []
    for (_, left), (right, _) in zip(headings, headings[1:], strict=False):
        if any(left <= at <= right for at in xs):
            continue
        at = _boundary(left, right, body)
        if at is not None:
            found.append(at)
    return found
