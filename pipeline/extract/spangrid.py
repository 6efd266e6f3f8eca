"""A table region → its span grid: column and row lines, which slot boundaries hold, and cells.

A boundary between two slots is
  - CLOSED where a rule is drawn along it;
  - OPEN where the table is ruled there but this stretch is not (a merged cell, as a ruled
    table draws it: pdfplumber's reading);
  - IMPLIED where the table draws no rules of that direction there (a rows-only body, columns
    from the text's alignment, rows from text lines): it holds unless a word runs across it.
Slots joined through OPEN boundaries, or through IMPLIED ones a word crosses, are one cell. A cell
that reaches the region's edge through an OPEN boundary lies outside the drawn table and is
dropped, unless it holds text (a cell cut by a page break, whose text may stand just past the
table's edge). Characters are assigned to cells in one pass (each by its centre), and read in
pdfplumber's order (extract/text.py).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.core.grid import Cell
from pipeline.core.text import unify_ideographs
from pipeline.extract.primitives import Char
from pipeline.extract.rules import COVERED, SNAP, RuleLine
from pipeline.extract.text import Word, runs_of, text_of, words_of

CLOSED, OPEN, IMPLIED = "closed", "open", "implied"
# A column line further inside a word than this share of its characters' width (at most SNAP)
# runs across the word.
CROSS_SHARE = 0.3


@dataclass
class Region:
    """A table's area on a page: its column and row lines and the rules drawn inside it.

    `xs`/`ys` are sorted positions; `verticals`/`horizontals` map a position to the rule line
    drawn there (absent for a line the text's alignment implies). `method` says how the table
    was found: ruled, rows (horizontal rules only), aligned (no rules). `implied_xs`/`implied_ys`
    are lines the text implies inside a ruled stretch (a sub-column, a text line of a tall band):
    undrawn there, they part cells unless a word runs across them, as in an unruled table.
    """

    xs: list[float]
    ys: list[float]
    verticals: dict[float, RuleLine] = field(default_factory=dict)
    horizontals: dict[float, RuleLine] = field(default_factory=dict)
    method: str = "ruled"
    implied_xs: frozenset[float] = frozenset()
    implied_ys: frozenset[float] = frozenset()

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _covered(line: RuleLine | None, start: float, end: float) -> bool:
    return line is not None and line.covered(start, end) >= COVERED


class _Boundaries:
    """The state of every slot boundary of a region."""

    def __init__(self, region: Region) -> None:
        self.region = region
        xs, ys = region.xs, region.ys
        interior_v = [region.verticals[x] for x in xs[1:-1] if x in region.verticals]
        interior_h = [region.horizontals[y] for y in ys[1:-1] if y in region.horizontals]
        # A row band is ruled when some interior vertical rule runs through it, a column band
        # when some interior horizontal rule does: there a missing rule means a merged cell.
        self.ruled_rows = [any(_covered(v, ys[j], ys[j + 1]) for v in interior_v)
                           for j in range(len(ys) - 1)]
        self.ruled_cols = [any(_covered(h, xs[i], xs[i + 1]) for h in interior_h)
                           for i in range(len(xs) - 1)]
        # A frame side never drawn anywhere is an open side: its edge is implied, not missing.
        self.framed_x = {x: x in region.verticals for x in (xs[0], xs[-1])}
        self.framed_y = {y: y in region.horizontals for y in (ys[0], ys[-1])}

    def vertical(self, i: int, j: int) -> str:
        """The boundary at column line i (0 … len(xs)-1) in row band j."""
        region = self.region
        x = region.xs[i]
        if _covered(region.verticals.get(x), region.ys[j], region.ys[j + 1]):
            return CLOSED
        edge = i in (0, len(region.xs) - 1)
        if (edge and not self.framed_x[x]) or x in region.implied_xs:
            return IMPLIED
        return OPEN if self.ruled_rows[j] else IMPLIED

    def horizontal(self, i: int, j: int) -> str:
        """The boundary at row line j (0 … len(ys)-1) in column band i."""
        region = self.region
        y = region.ys[j]
        if _covered(region.horizontals.get(y), region.xs[i], region.xs[i + 1]):
            return CLOSED
        edge = j in (0, len(region.ys) - 1)
        if (edge and not self.framed_y[y]) or y in region.implied_ys:
            return IMPLIED
        return OPEN if self.ruled_cols[i] else IMPLIED


def _crossing_words(words: Sequence[Word], xs: list[float], ys: list[float]
                    ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Slot boundaries a word runs across: (column line, row band) and (column band, row line)."""
    across_v: set[tuple[int, int]] = set()
    across_h: set[tuple[int, int]] = set()
    inner_x, inner_y = len(xs) - 1, len(ys) - 1
    for word in words:  # the lines strictly inside a word's extent, found by bisection
        mid_y = (word.top + word.bottom) / 2
        j = bisect_right(ys, mid_y) - 1
        if 0 <= j < inner_y:
            # a line through the word's first or last character, off its edge (a label
            # centred over a rule's end), crosses it too
            margin = min(SNAP, CROSS_SHARE * (word.x1 - word.x0) / len(word.chars))
            for i in range(max(1, bisect_right(xs, word.x0 + margin)),
                           min(inner_x, bisect_left(xs, word.x1 - margin))):
                across_v.add((i, j))
        mid_x = (word.x0 + word.x1) / 2
        i = bisect_right(xs, mid_x) - 1
        if 0 <= i < inner_x:
            for j in range(max(1, bisect_right(ys, word.top + 1)),
                           min(inner_y, bisect_left(ys, word.bottom - 1))):
                across_h.add((i, j))
    return across_v, across_h


class Slots:
    """Union-find over the grid's slots."""

    def __init__(self, n_rows: int, n_cols: int) -> None:
        self.parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(self, slot: tuple[int, int]) -> tuple[int, int]:
        while self.parent[slot] != slot:
            self.parent[slot] = self.parent[self.parent[slot]]
            slot = self.parent[slot]
        return slot

    def join(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[tuple[int, int], list[tuple[int, int]]]:
        found: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for slot in sorted(self.parent):
            found.setdefault(self.find(slot), []).append(slot)
        return found


def rectangles(slots: Slots, n_rows: int, n_cols: int) -> list[tuple[int, int, int, int]]:
    """Groups of slots grown to rectangles (a group's box swallows the groups it overlaps)."""
    changed = True
    while changed:
        changed = False
        for members in slots.groups().values():
            rows = [r for r, _ in members]
            cols = [c for _, c in members]
            box = [(r, c) for r in range(min(rows), max(rows) + 1)
                   for c in range(min(cols), max(cols) + 1)]
            if len(box) != len(members):
                for slot in box:
                    slots.join(members[0], slot)
                changed = True
                break
    boxes = []
    for members in slots.groups().values():
        rows = [r for r, _ in members]
        cols = [c for _, c in members]
        boxes.append((min(rows), min(cols), max(rows) - min(rows) + 1, max(cols) - min(cols) + 1))
    return sorted(boxes)


def build_cells(region: Region, chars: Sequence[Char]) -> list[Cell]:
    """The region's cells with spans and text, in reading order; `chars` are the page's."""
    xs, ys = region.xs, region.ys
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    x0, top, x1, bottom = region.bbox
    inside = [c for c in chars if x0 <= c.h_mid < x1 and top <= c.v_mid < bottom]
    state = _Boundaries(region)
    across_v, across_h = _crossing_words(words_of(inside), xs, ys)
    slots = Slots(n_rows, n_cols)
    outside: set[tuple[int, int]] = set()
    for j in range(n_rows):
        for i in range(n_cols + 1):
            kind = state.vertical(i, j)
            joins = kind == OPEN or (kind == IMPLIED and (i, j) in across_v)
            if not joins:
                continue
            if i in (0, n_cols):
                outside.add((j, 0 if i == 0 else n_cols - 1))
            else:
                slots.join((j, i - 1), (j, i))
    for i in range(n_cols):
        for j in range(n_rows + 1):
            kind = state.horizontal(i, j)
            joins = kind == OPEN or (kind == IMPLIED and (i, j) in across_h)
            if not joins:
                continue
            if j in (0, n_rows):
                outside.add((0 if j == 0 else n_rows - 1, i))
            else:
                slots.join((j - 1, i), (j, i))
    out_roots = {slots.find(s) for s in outside}
    boxes = rectangles(slots, n_rows, n_cols)
    held = _held(boxes, xs, ys, inside)
    _cut_cells_text(boxes, held, region, state, chars)
    # Open to the edge: outside the drawn table, unless it holds text (a cell a page break cut
    # off, its closing rule on the next page).
    kept = [n for n, b in enumerate(boxes) if slots.find(b[:2]) not in out_roots or held[n]]
    boxes, held = [boxes[n] for n in kept], [held[n] for n in kept]
    boxes, held = _centred_spans(boxes, held, xs, state)
    return _fill(boxes, held, xs, ys)


Box = tuple[int, int, int, int]  # row, col, rowspan, colspan
# A heading is centred over columns when its middle lies this many ems from theirs, or this
# share of their width (lines the text implies stand only about where the columns meet), or
# less: a producer centres it to the point; a left-aligned line of a cell happens to stand
# near the middle of some run of empty cells beside it.
CENTRED = 0.5
SPAN_SHARE = 0.05
# How far beyond a table's edge, in row heights, the text of a cell cut there may stand.
CUT_REACH = 2.0


def _cut_cells_text(boxes: list[Box], held: list[list[Char]], region: Region,
                    state: _Boundaries, chars: Sequence[Char]) -> None:
    """Give a cell a page break cut (its side at the table's top or bottom edge undrawn) the
    text printed just beyond that edge in its columns: an office suite centres a merged cell's
    text over its whole height, part of which lies past the last rule of the page."""
    xs, ys = region.xs, region.ys
    n_rows = len(ys) - 1
    heights = sorted(b - a for a, b in zip(ys, ys[1:], strict=False))
    reach = CUT_REACH * heights[len(heights) // 2]
    for n, (row, col, rowspan, colspan) in enumerate(boxes):
        columns = range(col, col + colspan)
        below = row + rowspan == n_rows and all(state.horizontal(c, n_rows) == OPEN
                                                 for c in columns)
        above = row == 0 and all(state.horizontal(c, 0) == OPEN for c in columns)
        if not (below or above):
            continue
        left, right = xs[col], xs[col + colspan]
        for char in chars:
            if not left <= char.h_mid < right:
                continue
            if (below and ys[-1] <= char.v_mid <= ys[-1] + reach) or (
                    above and ys[0] - reach <= char.v_mid < ys[0]):
                held[n].append(char)


def _held(boxes: list[Box], xs: list[float], ys: list[float],
          chars: Sequence[Char]) -> list[list[Char]]:
    """The characters whose centre falls in each box (one pass over the characters)."""
    owner: dict[tuple[int, int], int] = {}
    for n, (row, col, rowspan, colspan) in enumerate(boxes):
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                owner[(r, c)] = n
    held: list[list[Char]] = [[] for _ in boxes]
    for char in chars:
        n = owner.get((bisect_right(ys, char.v_mid) - 1, bisect_right(xs, char.h_mid) - 1))
        if n is not None:
            held[n].append(char)
    return held


def _letter(text: str) -> bool:
    """Is `text` (one character) a letter? A radical a font maps a kanji to counts as one."""
    return unicodedata.category(unify_ideographs(text[:1]) or " ").startswith("L")


def _empty_run(boxes: list[Box], held: list[list[Char]], at: dict[tuple[int, int], int],
               dropped: set[int], state: _Boundaries, row: int, col: int, step: int,
               ) -> list[int]:
    """The empty one-slot boxes next to (row, col) going `step` (-1 left, +1 right), parted
    from it by lines the table does not draw."""
    found: list[int] = []
    while True:
        n = at.get((row, col + step * (len(found) + 1)))
        line = col + (0 if step < 0 else 1) + step * len(found)
        if (n is None or n in dropped or held[n] or boxes[n][2:] != (1, 1)
                or state.vertical(line, row) != IMPLIED):
            return found
        found.append(n)


def _centred_spans(boxes: list[Box], held: list[list[Char]], xs: list[float],
                   state: _Boundaries) -> tuple[list[Box], list[list[Char]]]:
    """A heading over unruled columns spans the run of empty neighbours it is centred over
    (計画値 over 計 | 無担保 | 有担保, a bank's name over its value | note, narrow and wide): its
    text alone covers only one column. Of the runs (any number on either side) whose middle
    lies within half an em or a twentieth of their width of the heading's, the nearest wins,
    the widest of those as near. A heading is words on one line (two letters or more, no
    digit): a mark (○) or a centred paragraph is a cell's own."""
    at = {(b[0], b[1]): n for n, b in enumerate(boxes)}
    dropped: set[int] = set()
    grown = list(boxes)
    for n, (row, col, rowspan, colspan) in enumerate(boxes):
        chars = held[n]
        if (rowspan != 1 or any(c.text.isdigit() for c in chars)
                or sum(_letter(c.text) for c in chars) < 2
                or max(c.v_mid for c in chars) - min(c.v_mid for c in chars)
                > max(c.bottom - c.top for c in chars) / 2):
            continue
        centre = (min(c.x0 for c in chars) + max(c.x1 for c in chars)) / 2
        size = max(c.size for c in chars)
        left = _empty_run(boxes, held, at, dropped, state, row, col, -1)
        right = _empty_run(boxes, held, at, dropped, state, row, col + colspan - 1, 1)
        best: tuple[float, int, int, int] | None = None
        for kl in range(len(left) + 1):
            for kr in range(len(right) + 1):
                if not kl and not kr:
                    continue
                lo, hi = xs[col - kl], xs[col + colspan + kr]
                off = abs(centre - (lo + hi) / 2)
                if off <= max(CENTRED * size, SPAN_SHARE * (hi - lo)) and (
                        best is None or (round(off, 1), -(kl + kr)) < best[:2]):
                    best = (round(off, 1), -(kl + kr), kl, kr)
        if best is not None:
            _, _, kl, kr = best
            dropped.update(left[:kl] + right[:kr])
            grown[n] = (row, col - kl, 1, colspan + kl + kr)
    keep = [n for n in range(len(boxes)) if n not in dropped]
    return [grown[n] for n in keep], [held[n] for n in keep]


def _fill(boxes: list[Box], held: list[list[Char]], xs: list[float],
          ys: list[float]) -> list[Cell]:
    """Cells of `boxes` with the text (and runs) of the characters each holds."""
    cells = []
    for (row, col, rowspan, colspan), own in zip(boxes, held, strict=True):
        top, bottom = ys[row], ys[row + rowspan]
        beyond = [c for c in own if not top <= c.v_mid <= bottom]  # a cut cell's text
        if beyond:
            top = min(top, *(c.top for c in beyond))
            bottom = max(bottom, *(c.bottom for c in beyond))
        bbox = (xs[col], top, xs[col + colspan], bottom)
        cells.append(Cell(row, col, rowspan, colspan, text_of(own) if own else "", bbox,
                          tuple(tuple(run) for run in runs_of(own)), least_sure(own)))
    return cells


def least_sure(chars: Sequence[Char]) -> float | None:
    """The lowest OCR confidence among `chars`; None when none was read by OCR."""
    found = [c.confidence for c in chars if c.confidence is not None]
    return min(found) if found else None
