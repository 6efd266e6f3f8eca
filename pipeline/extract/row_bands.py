"""Rows of a table without rules that are more than its text lines: shaded bands, wide gaps.

A table drawn without rules reads, line by line, as a row per text line. When its cells wrap
onto several lines, the rows are told apart another way:

  - shading: rows painted on alternate backgrounds (zebra rows). A background is no rule (it
    parts no cell: primitives.Fill), but its top and bottom edges are where rows meet (where
    no shaded row wraps, each line is a row anyway);
  - whitespace: in each column of the body, lines one leading apart (the gap most lines of the
    column leave after the line above) are one cell, a wider gap parts two cells (a cell's
    padding); rows meet where no cell stands across. Only the body counts, right of the stub
    (the columns under the first heading): a row-group label centred over several rows stands
    across the gap between two of them, and spans them.

The first line is the header row whatever follows it, when it prints in most columns. A table
whose rows are as far apart as a cell's lines has no such gaps. A band between two such row
lines is one row, unless each of its columns holds the same number of lines, two or more (a
group of one-line rows set apart by a blank line, or under a shaded heading), or a column
holds two cells a gap apart (rows the gaps did not part): then it is a row per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from pipeline.extract.intervals import free
from pipeline.extract.primitives import Char, Fill

# Fill edges this close (points) are one row line; a fill must lie this much inside the region;
# a wide gap's middle this close to the first or last fill edge is that edge.
SAME_EDGE = 1.5
SAME_GAP = 4.0
INSIDE = 0.5
# Gaps between the lines of one column this close (points) count as one leading; a gap up to
# LEADING_SLACK font sizes wider than the usual leading still joins two lines of one cell (a
# line holding a fallback font's glyph is set taller).
SAME_LEADING = 0.3
LEADING_SLACK = 0.15


def _edges(fills: Sequence[Fill], box: tuple[float, float, float, float]) -> list[float]:
    """Row lines where the backgrounds inside `box` start and end, top to bottom."""
    x0, top, x1, bottom = box
    found: list[float] = []
    for fill in fills:
        width = min(fill.x1, x1) - max(fill.x0, x0)
        height = min(fill.bottom, bottom) - max(fill.top, top)
        if width <= 0 or height <= 0:
            continue
        if width * height < INSIDE * (fill.x1 - fill.x0) * (fill.bottom - fill.top):
            continue
        found += [fill.top, fill.bottom]
    lines: list[float] = []
    for at in sorted(found):
        if lines and at - lines[-1] <= SAME_EDGE:
            continue
        lines.append(at)
    return [at for at in lines if top + SAME_EDGE < at < bottom - SAME_EDGE]


# A row's backgrounds cover at least this share of a table's width.
ROW_WIDE = 0.9


def shaded_rows(fills: Sequence[Fill], box: tuple[float, float, float, float]) -> list[float]:
    """Where rows painted across `box` start and end, top to bottom: the edges of the
    backgrounds (one per row, or one per cell) that together cover most of its width between
    the same top and bottom (a highlighted cell or a box behind one figure is no row)."""
    x0, top, x1, bottom = box
    rows: list[tuple[float, float, float]] = []  # top, bottom, width covered
    for fill in sorted(fills, key=lambda f: (f.top, f.bottom)):
        width = min(fill.x1, x1) - max(fill.x0, x0)
        if width <= 0 or fill.bottom <= top or fill.top >= bottom:
            continue
        same = next((n for n, (t, b, _) in enumerate(rows)
                     if abs(t - fill.top) <= SAME_EDGE and abs(b - fill.bottom) <= SAME_EDGE), None)
        if same is None:
            rows.append((fill.top, fill.bottom, width))
        else:
            t, b, w = rows[same]
            rows[same] = (t, b, w + width)
    found = sorted(at for t, b, w in rows if w >= ROW_WIDE * (x1 - x0) for at in (t, b))
    lines: list[float] = []
    for at in found:
        if not lines or at - lines[-1] > SAME_EDGE:
            lines.append(at)
    return [at for at in lines if top + SAME_EDGE < at < bottom - SAME_EDGE]


def _line_spans(chars: Sequence[Char]) -> list[tuple[float, float]]:
    """The text lines of one column as (top, bottom), top to bottom: characters centred
    within a third of their size of a line's first are that line, which stands where most
    of its characters stand (a glyph of a fallback font, boxed by other metrics, moves it
    not)."""
    lines: list[list[Char]] = []
    for char in sorted((c for c in chars if not c.text.isspace()), key=lambda c: c.v_mid):
        if lines and char.v_mid - lines[-1][0].v_mid <= char.size / 3:
            lines[-1].append(char)
        else:
            lines.append([char])
    return sorted((median(c.top for c in line), median(c.bottom for c in line))
                  for line in lines)


def _usual(gaps: list[float]) -> float | None:
    """The gap most of `gaps` share (within SAME_LEADING; of two as common, the narrower:
    a cell's leading, not the gap under a header), or None for none."""
    best, count = None, 0
    for gap in sorted(gaps):
        near = sum(abs(other - gap) <= SAME_LEADING for other in gaps)
        if near > count:
            best, count = gap, near
    return best


def _cells(chars: Sequence[Char], xs: Sequence[float]) -> list[list[tuple[float, float]]]:
    """Each body column's cells as (top, bottom), top to bottom: a column's lines a cell's
    leading apart (the gap most of its consecutive lines leave) are one cell; a gap wider
    than that parts two cells. [] when no column has two lines."""
    columns = []
    for left, right in zip(xs, xs[1:], strict=False):
        spans = _line_spans([c for c in chars if left <= c.h_mid < right])
        if spans:
            columns.append(spans)
    leading = _usual([b[0] - a[1] for spans in columns for a, b in zip(spans, spans[1:],
                                                                         strict=False)])
    if leading is None:
        return []
    slack = LEADING_SLACK * median(c.size for c in chars)
    found = []
    for spans in columns:
        cells: list[tuple[float, float]] = []
        cell = list(spans[0])
        for start, end in spans[1:]:
            if start - cell[1] <= leading + slack:
                cell[1] = max(cell[1], end)
            else:
                cells.append((cell[0], cell[1]))
                cell = [start, end]
        cells.append((cell[0], cell[1]))
        found.append(cells)
    return found


def _wide_gaps(columns: list[list[tuple[float, float]]]) -> list[float]:
    """The middles of the gaps no cell of the body's columns stands across."""
    cells = [cell for column in columns for cell in column]
    if not cells:
        return []
    first, last = min(c[0] for c in cells), max(c[1] for c in cells)
    return [(a + b) / 2 for a, b in free(first, last, cells) if b > a]


def _one_cell_apiece(columns: list[list[tuple[float, float]]], top: float,
                     bottom: float) -> bool:
    """Does each body column hold one cell at most between top and bottom (one row), not
    two cells a gap apart (rows the gaps did not part)?"""
    return all(sum(top <= (a + b) / 2 < bottom for a, b in column) <= 1 for column in columns)


def _line_counts(chars: Sequence[Char], xs: Sequence[float], top: float, bottom: float
                 ) -> list[int]:
    """How many text lines each column with text between top and bottom holds."""
    counts = []
    for left, right in zip(xs, xs[1:], strict=False):
        own = sorted((c.top, c.bottom) for c in chars
                     if left <= c.h_mid < right and top <= c.v_mid < bottom
                     and not c.text.isspace())
        if not own:
            continue
        lines, reach = 0, None
        for start, end in own:
            if reach is None or start >= reach:
                lines += 1
                reach = end
            else:
                reach = max(reach, end)
        counts.append(lines)
    return counts


def _lines_apiece(chars: Sequence[Char], xs: Sequence[float], top: float, bottom: float,
                  stub_end: float) -> bool:
    """Does every body column (right of `stub_end`) with text between top and bottom hold as
    many lines as the others, two or more, and each stub column as many or more (rows of one
    line each, set closer together than the rows around them; the stub may add a group's
    heading on a line of its own)?"""
    split = next((k for k, x in enumerate(xs) if x >= stub_end - SAME_EDGE), len(xs) - 1)
    stub = _line_counts(chars, xs[:split + 1], top, bottom)
    body = _line_counts(chars, xs[split:], top, bottom)
    if not body:
        stub, body = [], stub
    if len(stub) + len(body) < 2 or min(body) < 2 or min(body) != max(body):
        return False
    return all(count >= body[0] for count in stub)


def _wraps(chars: Sequence[Char], xs: Sequence[float], lines: list[float]) -> bool:
    """Does a cell wrap in some band between consecutive `lines` (a column holding two text
    lines or more)?"""
    return any(max(_line_counts(chars, xs, upper, lower), default=0) >= 2
               for upper, lower in zip(lines, lines[1:], strict=False))


def _strong(shaded: list[float], wide: list[float]) -> list[float]:
    """Row lines from both: between the first and the last shaded edge the shading alone
    says where rows meet (a band, and a stretch between two bands, is one row: a gap inside a
    cell's text is no row's end), outside them the wide gaps do."""
    if not shaded:
        return wide
    lines = list(shaded)
    lines += [at for at in wide
              if (at < shaded[0] - SAME_GAP or at > shaded[-1] + SAME_GAP)]
    return sorted(lines)


def _heads(chars: Sequence[Char], xs: Sequence[float], top: float, bottom: float) -> bool:
    """Does the line between top and bottom print in most columns (a header row: a heading
    over each column or group of them), not in a few (a tall cell's first line)?"""
    filled = sum(any(left <= c.h_mid < right and top <= c.v_mid < bottom for c in chars)
                 for left, right in zip(xs, xs[1:], strict=False))
    return filled * 2 > len(xs) - 1


def row_bands(xs: Sequence[float], ys: list[float], chars: Sequence[Char],
              fills: Sequence[Fill], stub_end: float) -> list[float]:
    """The row lines of a rule-less table whose candidate row lines are `ys` (one between
    every two text lines): the shaded bands' edges and the wide gaps of the body (right of
    `stub_end`), each band between two of them one row, unless every column holds the same
    number of lines in it, or a column two cells (then a row per line: the candidates)."""
    top, bottom = ys[0], ys[-1]
    inside = [c for c in chars if xs[0] <= c.h_mid <= xs[-1] and top <= c.v_mid <= bottom]
    shaded = _edges(fills, (xs[0], top, xs[-1], bottom))
    if shaded and not _wraps(inside, xs, shaded):
        shaded = []  # rows of one line each: the lines say all the shading does
    body = [c for c in inside if c.h_mid >= stub_end]
    columns = _cells(body, xs) if body else []
    strong = _strong(shaded, _wide_gaps(columns))
    if not strong:
        return ys
    if len(ys) > 2 and ys[1] < strong[0] - SAME_GAP and _heads(inside, xs, top, ys[1]):
        strong.insert(0, ys[1])  # the first line is the header row
    found, whole = [top], False
    for upper, lower in zip([top, *strong], [*strong, bottom], strict=False):
        within = [y for y in ys[1:-1] if upper + SAME_EDGE < y < lower - SAME_EDGE]
        if _lines_apiece(inside, xs, upper, lower, stub_end) or not _one_cell_apiece(
                columns, upper, lower):
            found += within
        elif within:
            whole = True  # a band of several lines kept one row: cells wrap
        found.append(lower)
    if not whole:
        return ys  # the gaps part groups of one-line rows only: a row per line
    return _without_empty(found, ys, inside)


def _without_empty(found: list[float], ys: list[float], chars: Sequence[Char]) -> list[float]:
    """`found` without the lines that leave a band with no text (a wide gap's middle and a
    line between the same two text lines): of the two, the candidate stays."""
    kept = [found[0]]
    for at in found[1:]:
        if any(kept[-1] <= c.v_mid < at for c in chars if not c.text.isspace()):
            kept.append(at)
        elif at == found[-1]:
            if len(kept) > 1:
                kept[-1] = at
            else:
                kept.append(at)
        elif len(kept) > 1 and kept[-1] not in ys:
            kept[-1] = at
    return kept
