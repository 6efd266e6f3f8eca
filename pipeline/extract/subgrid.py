"""Rows and columns a table's rules leave out: text lines of a tall band, sub-columns.

Many tables rule only their frame and header (booktabs, statistical offices): the body is one
band between two rules holding many text lines, each a row of its own. A band is split at its
lines when they read as rows: every line with text in more than one place has a stub (its
leftmost text, however indented or right-aligned) and text further right, with a gap between
the two that every such line keeps. A line with text in the stub alone (starting at the
table's left edge, or indented a little) is a row of its own (a section heading) when it opens
the band or stands after a wider gap than the band's lines; any other line continues the row
above it (a wrapped cell), so a band with one row and wrapped cells stays one row; without
ruled columns, so does a band whose lines' first pieces share no x (a label, and a value's
wrapped lines beside it). A band
with a line of several pieces right of the stub (a cell's lines beside a label standing
centred) is left as it is. Where columns
are ruled, a band is split only when each of its (three or more) lines has its stub in the
first column (anywhere in it) and text in another, and the columns its first line fills hold
text on half its lines or more: a ruled cell's few lines are one cell's, a label beside a
merged label's wrapped lines one row's; and only between two drawn rules: a band a page break
cuts open is the rest of one row.

A ruled column may hold sub-columns its rules do not draw (Male | Female under one group). Its
text's gutters become columns when every row below the first keeps to them and some line of the
first row (the header) has text on both sides: a merged box whose pieces (value, unit, note)
sit apart in some rows only is left one box. Where no column is ruled, the columns are the
text's gutters and a line in every gap between the first row's headings (extract/header.py).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from pipeline.extract.alignment import MIN_GUTTER, gutters, merge_distributed
from pipeline.extract.header import header_lines
from pipeline.extract.heading_columns import joined_headings
from pipeline.extract.primitives import Char, Fill
from pipeline.extract.row_bands import shaded_rows
from pipeline.extract.rules import SNAP, RuleLine
from pipeline.extract.spangrid import Region
from pipeline.extract.text import lines_of, runs_of

# A stub-only line after a gap this many times the band's usual one is a heading, not a wrap.
HEADING_GAP = 1.5
# A band of a table with ruled columns is split only when it holds this many lines, each with
# its stub in the first column and text in another (a ruled cell's few lines are one cell's).
MIN_RULED_LINES = 3
# How far right of the table's left edge (in font sizes) a stub may start (indented under a
# section heading).
STUB_INDENT = 2.0


@dataclass
class TextRow:
    """One text line of a table: its extent and its runs (distributed labels merged), left to
    right."""

    top: float
    bottom: float
    chars: list[Char]
    runs: list[list]
    text: str = ""  # as words by spaces

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return min(r[1] for r in self.runs)

    @property
    def x1(self) -> float:
        return max(r[3] for r in self.runs)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)


def text_rows(chars: Sequence[Char]) -> list[TextRow]:
    """The text lines of `chars`, top to bottom."""
    found = []
    for line in lines_of(chars):
        own = [c for w in line.words for c in w.chars]
        # left to right (runs_of orders by top first: a piece set a hair higher comes first)
        runs = sorted(merge_distributed(runs_of(own)), key=lambda r: r[1])
        if runs:
            found.append(TextRow(line.top, line.bottom, own, runs, line.text))
    return found


def _between(above: TextRow, below: TextRow) -> float:
    if above.bottom <= below.top:
        return (above.bottom + below.top) / 2
    return (above.top + above.bottom + below.top + below.bottom) / 4


def row_starts(lines: list[TextRow], left: float,
               stub_band: tuple[float, float] | None = None,
               first_column: float = float("inf")) -> list[int] | None:
    """Indexes of the lines that open a row of their own, or None when the lines do not read
    as rows with a stub (see the module docstring). A stub starts within STUB_INDENT font sizes
    of `left` (the table's text's left edge). With `stub_band` (a ruled table's first column)
    every line must have its stub there and text beyond it, and a stub may start anywhere in
    that column (its rules, not the text's left edge, say where the stub is). Without it, the
    stubs must stand in one column, reaching left of `first_column` (where the table's second
    column starts, where rules' ends say so)."""
    def stubbed(line: TextRow) -> bool:
        if stub_band is not None:
            return line.runs[0][1] < stub_band[1]
        return line.runs[0][1] <= left + STUB_INDENT * line.size

    multi = [line for line in lines if len(line.runs) >= 2]
    if not multi:
        return None
    stub_end = max(line.runs[0][3] for line in multi)
    rest = min(line.runs[1][1] for line in multi)
    if stub_end >= rest:
        return None
    if stub_band is None and (max(line.runs[0][1] for line in multi) >= min(
            line.runs[0][3] for line in multi) or min(
            line.runs[0][1] for line in multi) >= first_column):
        return None  # the lines' first pieces stand in no one column, or right of the first
        # column: a label and a value's wrapped lines beside it, other cells' lines
    if stub_band is not None:
        low, high = stub_band
        if len(multi) < len(lines) or any(
                not low <= (line.runs[0][1] + line.runs[0][3]) / 2 <= high
                or line.runs[-1][3] <= high for line in lines):
            return None
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False))
    usual = max(gaps[len(gaps) // 2], 0.1 * lines[0].size) if gaps else 0.0
    starts = []
    for n, line in enumerate(lines):
        heading = line.x1 < rest and stubbed(line) and (
            n == 0 or line.top - lines[n - 1].bottom > HEADING_GAP * usual)
        if len(line.runs) >= 2 or heading:
            starts.append(n)
        elif n == 0:
            return None  # the band opens with a line that is no row's start
    return starts


def _within(lines: list[TextRow], left: float, right: float) -> list[TextRow]:
    """`lines` with only their runs centred inside [left, right] (lines left with none go)."""
    kept = []
    for line in lines:
        runs = [r for r in line.runs if left <= (r[1] + r[3]) / 2 <= right]
        if len(runs) == len(line.runs):
            kept.append(line)
        elif runs:
            kept.append(replace(line, runs=runs))
    return kept


def _label_beside(lines: list[TextRow], left: float, right: float) -> bool:
    """Is the text of `lines` left or right of [left, right] a label's (one run a line each
    side), not rows' cells in columns of their own (a rule under some columns only, the
    table's rows going on beside it)?"""
    for line in lines:
        middles = [(r[1] + r[3]) / 2 for r in line.runs]
        if sum(m < left for m in middles) > 1 or sum(m > right for m in middles) > 1:
            return False
    return True


def _band_extent(top: float, bottom: float,
                 horizontals: dict[float, RuleLine]) -> tuple[float, float] | None:
    """Where the rules above and below a band both reach: left and right of it, the text
    belongs to a taller merged cell (a label the band's rules stop at). None: no such rules."""
    above, below = horizontals.get(top), horizontals.get(bottom)
    if above is None or below is None:
        return None
    return max(above.start, below.start), min(above.end, below.end)


def split_bands(ys: list[float], lines: list[TextRow],
                stub_band: tuple[float, float] | None = None,
                horizontals: dict[float, RuleLine] | None = None,
                first_column: float = float("inf"), painted: Collection[float] = ()
                ) -> list[float]:
    """Row lines inside the bands of `ys` whose text lines read as rows of their own; only
    the text between the ends of a band's own rules counts (`horizontals`: the drawn rules).
    A band with an edge in `painted` (where rows' backgrounds meet) is one row: the shading
    says where its rows meet."""
    found = []
    least = MIN_RULED_LINES if stub_band is not None else 2
    table_left = min(line.x0 for line in lines)
    for top, bottom in zip(ys, ys[1:], strict=False):
        own = [line for line in lines if top <= line.mid < bottom]
        if top in painted or bottom in painted:
            continue
        if stub_band is not None and ((top == ys[0] and top not in (horizontals or {}))
                                      or (bottom == ys[-1]
                                          and bottom not in (horizontals or {}))):
            continue  # a band a page break cuts (no rule closes the table): one row's rest
        extent = _band_extent(top, bottom, horizontals or {})
        if extent is not None and not _label_beside(own, extent[0] - SNAP, extent[1] + SNAP):
            extent = None  # columns of rows beside a shorter rule: the band's own text
        if extent is not None:
            own = _within(own, extent[0] - SNAP, extent[1] + SNAP)
        if len(own) < least:
            continue
        if stub_band is not None:
            own = [_stub_joined(line, stub_band[1]) for line in own]
        if not _columns_kept(own):
            continue
        # the stub of a band a merged label stands beside is where the band's own text starts
        left = table_left if extent is None else min(line.x0 for line in own)
        starts = row_starts(own, left, stub_band, first_column)
        if starts is None or len(starts) < 2:
            continue
        found += [_between(own[n - 1], own[n]) for n in starts[1:]]
    return found


def _columns_kept(lines: list[TextRow]) -> bool:
    """Do the columns the band's first line fills right of its stub hold text on at least
    half of its lines (rows of a body), not on the first alone (one row: a label and a mark
    beside a merged label's and a note's wrapped lines)?"""
    for run in lines[0].runs[1:]:
        filled = sum(any(r[1] < run[3] and run[1] < r[3] for r in line.runs) for line in lines)
        if filled * 2 < len(lines):
            return False
    return True


def _stub_joined(line: TextRow, edge: float) -> TextRow:
    """`line` with its runs left of the ruled first column's right `edge` as one run: the
    column's rule, not the spacing of its words, says where the stub ends."""
    stub = [r for r in line.runs if (r[1] + r[3]) / 2 < edge]
    if len(stub) < 2:
        return line
    joined = [" ".join(r[0] for r in stub), stub[0][1], min(r[2] for r in stub),
              max(r[3] for r in stub), max(r[4] for r in stub)]
    return replace(line, runs=[joined, *line.runs[len(stub):]])


def _band_runs(lines: list[TextRow], ys: list[float], x0: float, x1: float) -> list[list[list]]:
    """The runs inside [x0, x1] of each band of `ys` (by their middle)."""
    bands: list[list[list]] = [[] for _ in ys[1:]]
    for line in lines:
        for run in line.runs:
            if x0 <= (run[1] + run[3]) / 2 <= x1:
                for j in range(len(ys) - 1):
                    if ys[j] <= line.mid < ys[j + 1]:
                        bands[j].append(run)
                        break
    return bands


def sub_columns(xs: list[float], ys: list[float], lines: list[TextRow]) -> list[float]:
    """Column lines inside the column bands of `xs` that the text keeps to in every row."""
    found = []
    size = max((c.size for line in lines for c in line.chars), default=0.0)
    for x0, x1 in zip(xs, xs[1:], strict=False):
        bands = _band_runs(lines, ys, x0, x1)
        filled = [band for band in bands if band]
        if len(filled) < 3:
            continue
        spans = sorted((r[1], r[3]) for band in filled if len(band) >= 2 for r in band)
        if not spans:
            continue
        reach = spans[0][1]
        for start, end in spans[1:]:
            if start - reach >= MIN_GUTTER * size and _kept(filled, reach, start):
                found.append((reach + start) / 2)
            reach = max(reach, end)
    return found


def _kept(filled: list[list[list]], left: float, right: float) -> bool:
    """Does every band after the first keep out of the gap (left, right), and does the first
    (the header) have text on both sides of it?"""
    header = filled[0]
    if not (any(r[3] <= left for r in header) and any(r[1] >= right for r in header)):
        return False
    both = 0
    for band in filled[1:]:
        if any(r[1] < right and r[3] > left for r in band):
            return False
        both += any(r[3] <= left for r in band) and any(r[1] >= right for r in band)
    return both * 2 >= len(filled) - 1


# An edge nearer a text line's middle than this share of its height runs through it (glyph
# boxes reach a little past the background of their row).
CROSSES = 0.3


def _shaded(region: Region, lines: list[TextRow], fills: Sequence[Fill]) -> list[float]:
    """Row lines where rows painted across the region meet, when its rules draw no row line
    inside it (a boxed table whose rows only its backgrounds part; where rules draw rows, they
    say where rows meet, a background inset in a cell or a note's paragraph says nothing),
    none through a line of text."""
    if len(region.ys) > 2:
        return []
    return [at for at in shaded_rows(fills, region.bbox)
            if all(abs(at - y) > SNAP for y in region.ys)
            and not any(abs(at - line.mid) < CROSSES * (line.bottom - line.top)
                        for line in lines)]


def refine(region: Region, chars: Sequence[Char], fills: Sequence[Fill] = ()) -> Region:
    """`region` with the rows of its tall bands (its rows' backgrounds' edges, `fills`, where
    no rule parts them), and its columns: the text's gutters where no column is ruled, the
    sub-columns of its ruled columns otherwise."""
    x0, top, x1, bottom = region.bbox
    inside = [c for c in chars if x0 <= c.h_mid <= x1 and top <= c.v_mid <= bottom]
    if not inside:
        return region
    lines = text_rows(inside)
    painted = _shaded(region, lines, fills)
    if painted:
        region = replace(region, ys=sorted([*region.ys, *painted]),
                         implied_ys=region.implied_ys | frozenset(painted))
    ruled = any(x in region.verticals for x in region.xs[1:-1])
    new_ys = split_bands(region.ys, lines, (region.xs[0], region.xs[1]) if ruled else None,
                         region.horizontals, region.xs[1] if len(region.xs) > 2 else float("inf"),
                         frozenset(painted))
    ys = sorted([*region.ys, *new_ys])
    if not ruled:
        xs = sorted([*region.xs, *gutters(region.xs, ys, chars)])
        xs = sorted([*xs, *header_lines(xs, ys, chars)])
        xs = joined_headings(xs, ys, chars, fixed=region.xs)
        new_xs: list[float] = []
    else:
        new_xs = sub_columns(region.xs, ys, lines)
        xs = sorted([*region.xs, *new_xs])
    return replace(region, xs=xs, ys=ys, implied_xs=region.implied_xs | frozenset(new_xs),
                   implied_ys=region.implied_ys | frozenset(new_ys))
