"""A column heading and the figures under it parted by a gutter, joined again.

Where a table draws no vertical rules its columns are the gutters its text leaves. A column
whose figures are all short (億円: 17 / 12 / 4 set flush right under a centred 経費) leaves a
gutter between its heading and its figures, so the heading stands in a column with nothing
under it and the figures in one with no heading. Two such neighbours are one column: a column
with text in the header rows only (those above the first row printing digits in two columns or
more) beside one with text in the body rows only, the heading nearer those figures than
any text on its other side, lose the line between them. Each heading joins the nearer such
neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.primitives import Char


def _filled(xs: Sequence[float], ys: Sequence[float], chars: Sequence[Char]
            ) -> list[list[list[Char]]]:
    """The characters of each band (ys) and column (xs), spaces left out."""
    grid: list[list[list[Char]]] = [[[] for _ in xs[1:]] for _ in ys[1:]]
    for c in chars:
        if c.text.isspace():
            continue
        row = next((j for j in range(len(ys) - 1) if ys[j] <= c.v_mid < ys[j + 1]), None)
        col = next((k for k in range(len(xs) - 1) if xs[k] <= c.h_mid < xs[k + 1]), None)
        if row is not None and col is not None:
            grid[row][col].append(c)
    return grid


def _gap(heading: list[Char], body: list[Char]) -> float:
    """The horizontal room between a heading's characters and the body's."""
    h0, h1 = min(c.x0 for c in heading), max(c.x1 for c in heading)
    b0, b1 = min(c.x0 for c in body), max(c.x1 for c in body)
    return max(b0 - h1, h0 - b1, 0.0)


def _other_side(columns: list[tuple[list[Char], list[Char]]], k: int, n: int,
                heading: list[Char]) -> float:
    """How far the heading of column k stands from the nearest text on its side away from
    column n (infinity for none)."""
    step = -1 if n > k else 1
    for m in range(k + step, -1 if step < 0 else len(columns), step):
        text = columns[m][0] + columns[m][1]
        if text:
            return _gap(heading, text)
    return float("inf")


def joined_headings(xs: Sequence[float], ys: Sequence[float], chars: Sequence[Char],
                    fixed: Sequence[float] = ()) -> list[float]:
    """`xs` without the lines that part a heading from the figures under it (see the module
    docstring); lines in `fixed` (the table's edges, drawn rules) stay."""
    if len(xs) < 3 or len(ys) < 3:
        return list(xs)
    grid = _filled(xs, ys, chars)
    numbered = [sum(any(ch.text.isdigit() for ch in cell) for cell in row) >= 2 for row in grid]
    if True not in numbered or numbered.index(True) == 0:
        return list(xs)
    head = numbered.index(True)
    columns = [([c for row in grid[:head] for c in row[k]], [c for row in grid[head:]
                                                              for c in row[k]])
               for k in range(len(xs) - 1)]
    drop: set[int] = set()  # indexes into xs
    for k, (heading, under) in enumerate(columns):
        if not heading or under:
            continue
        near = [(_gap(heading, columns[n][1]), n) for n in (k - 1, k + 1)
                if 0 <= n < len(columns) and columns[n][1] and not columns[n][0]]
        near = [(gap, n) for gap, n in near if gap < _other_side(columns, k, n, heading)]
        if near:
            _, n = min(near)
            line = max(k, n)  # the line between columns k and n
            if xs[line] not in fixed and not drop & {line - 1, line + 1}:
                drop.add(line)
    return [x for i, x in enumerate(xs) if i not in drop]
