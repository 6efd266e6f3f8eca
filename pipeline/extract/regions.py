"""Where a page's tables are: clusters of crossing rules, and stacks of horizontal rules.

A ruled table is a set of horizontal and vertical rule pieces that cross each other (within
SNAP). A table ruled by rows only draws no verticals: it shows as a stack of horizontal rules of
about the same extent with text between them. Each cluster becomes a Region whose column and
row lines are the rules' positions, with the frame's sides added where the rules' ends imply
them (an open-sided table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.extract.primitives import Char, Fill
from pipeline.extract.rules import SNAP, RuleLine
from pipeline.extract.spangrid import Region
from pipeline.extract.subgrid import TextRow, refine, text_rows

# Rows-only tables: how many horizontal rules make a stack, how far apart two may be and how
# tall most of its rows may be (in multiples of the text's size: a tall row holds a wrapped
# note, a stack of tall bands is prose between page rules), how much their extents overlap.
MIN_STACK = 3
MAX_GAP_SIZES = 60.0
ROW_SIZES = 12.0
STACK_OVERLAP = 0.8


@dataclass(frozen=True)
class Piece:
    """One stretch of a rule line."""

    line: RuleLine
    start: float
    end: float
    horizontal: bool


def _pieces(lines: Sequence[RuleLine], horizontal: bool) -> list[Piece]:
    return [Piece(line, a, b, horizontal) for line in lines for a, b in line.pieces]


def _cross(h: Piece, v: Piece) -> bool:
    return (h.start - SNAP <= v.line.at <= h.end + SNAP
            and v.start - SNAP <= h.line.at <= v.end + SNAP)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _ruled_clusters(hs: list[Piece], vs: list[Piece]) -> list[list[Piece]]:
    """Groups of pieces connected by crossings; each with at least one of each direction."""
    pieces = hs + vs
    union = _Union(len(pieces))
    by_x = sorted(range(len(hs), len(pieces)), key=lambda k: pieces[k].line.at)
    for a, h in enumerate(hs):
        for b in by_x:
            v = pieces[b]
            if v.line.at > h.end + SNAP:
                break
            if _cross(h, v):
                union.join(a, b)
    groups: dict[int, list[Piece]] = {}
    for k, piece in enumerate(pieces):
        groups.setdefault(union.find(k), []).append(piece)
    return [g for g in groups.values()
            if any(p.horizontal for p in g) and any(not p.horizontal for p in g)]


def _region(pieces: list[Piece], method: str) -> Region:
    """Column lines at the verticals (and the horizontals' ends where no frame is drawn), row
    lines at the horizontals (and the verticals' ends)."""
    hs = [p for p in pieces if p.horizontal]
    vs = [p for p in pieces if not p.horizontal]
    verticals = {p.line.at: p.line for p in vs}
    horizontals = {p.line.at: p.line for p in hs}
    xs = set(verticals)
    ys = set(horizontals)
    if hs:
        left, right = min(p.start for p in hs), max(p.end for p in hs)
        if not xs or left < min(xs) - SNAP:
            xs.add(left)
        if not xs or right > max(xs) + SNAP:
            xs.add(right)
    if vs:
        top, bottom = min(p.start for p in vs), max(p.end for p in vs)
        if not ys or top < min(ys) - SNAP:
            ys.add(top)
        if not ys or bottom > max(ys) + SNAP:
            ys.add(bottom)
    # Where a rule stops inside the table, a column (row) of cells begins: a rows-only table
    # rules the rows of a merged label's sub-labels from the sub-label column on.
    _add_ends(xs, [end for p in hs for end in (p.start, p.end)])
    _add_ends(ys, [end for p in vs for end in (p.start, p.end)])
    return Region(sorted(xs), sorted(ys), verticals, horizontals, method)


# A rule ending this close to a line reaches it (a dashed rule stops a gap short of the frame).
END_SNAP = 2 * SNAP


def _add_ends(lines: set[float], ends: list[float]) -> None:
    """Rule ends well inside the span of `lines`, not at one already, added as lines."""
    low, high = min(lines), max(lines)
    for end in sorted(ends):
        if low + END_SNAP < end < high - END_SNAP and all(abs(end - at) > END_SNAP
                                                          for at in lines):
            lines.add(end)


def _stacks(hs: list[Piece], chars: Sequence[Char], size: float) -> list[list[Piece]]:
    """Horizontal pieces stacked like the rules of a rows-only table: about the same extent,
    one under another at row-like distances, with text between the first and last; a stack is
    cut where a band between two of its rules holds no table (see `_cut`)."""
    stacks: list[list[Piece]] = []
    for piece in sorted(hs, key=lambda p: (p.line.at, p.start)):
        for stack in stacks:
            last = stack[-1]
            overlap = min(piece.end, last.end) - max(piece.start, last.start)
            shorter = min(piece.end - piece.start, last.end - last.start)
            longer = max(piece.end - piece.start, last.end - last.start)
            near = 0 < piece.line.at - last.line.at <= MAX_GAP_SIZES * size
            if near and shorter > 0 and overlap >= STACK_OVERLAP * longer:
                stack.append(piece)
                break
        else:
            stacks.append([piece])
    found = []
    lines: list[TextRow] | None = None
    for whole in stacks:
        if len({p.line.at for p in whole}) < MIN_STACK:
            continue
        if lines is None:
            lines = text_rows(chars)
        for stack in _cut(whole, lines, size):
            rows = sorted({p.line.at for p in stack})
            if len(rows) < MIN_STACK:
                continue
            short = sum(b - a <= ROW_SIZES * size for a, b in zip(rows, rows[1:], strict=False))
            if short * 2 < len(rows) - 1:
                continue
            top, bottom = stack[0].line.at, stack[-1].line.at
            left, right = min(p.start for p in stack), max(p.end for p in stack)
            if any(left <= c.h_mid <= right and top <= c.v_mid <= bottom for c in chars):
                found.append(stack)
    return found


# A band holding this many lines of prose (one run across at least PROSE_WIDTH of the rules'
# width) parts two tables, as does an empty band as tall as a blank line (BLANK_LINE text sizes:
# two tables one under the other, a blank paragraph between them; a double rule is closer), or
# one of NOTE_LINES lines or more each a single run (a table's notes and the next one's
# caption: a table's row has text in more than one place on some line, or fewer lines).
PROSE_LINES = 2
PROSE_WIDTH = 0.5
NOTE_LINES = 3
BLANK_LINE = 0.8


def _cut(stack: list[Piece], lines: list[TextRow], size: float) -> list[list[Piece]]:
    """`stack` cut at the bands between its rules that hold prose, lines of notes, or nothing
    over a line's height: notes and the next table's caption between two tables, a blank line
    between two tables, a page's header rule."""
    left, right = min(p.start for p in stack), max(p.end for p in stack)
    width = right - left
    parts = [[stack[0]]]
    for piece in stack[1:]:
        top, bottom = parts[-1][-1].line.at, piece.line.at
        if bottom - top > SNAP:
            own = [line for line in lines if top < line.mid < bottom
                   and line.x1 > left and line.x0 < right]
            prose = sum(len(line.runs) == 1 and line.x1 - line.x0 >= PROSE_WIDTH * width
                        for line in own)
            notes = len(own) >= NOTE_LINES and all(len(line.runs) == 1 for line in own)
            if prose >= PROSE_LINES or notes or (not own and bottom - top >= BLANK_LINE * size):
                parts.append([piece])
                continue
        parts[-1].append(piece)
    return parts


def _inside(piece: Piece, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    if piece.horizontal:
        return (top - SNAP <= piece.line.at <= bottom + SNAP
                and piece.start >= x0 - SNAP and piece.end <= x1 + SNAP)
    return (x0 - SNAP <= piece.line.at <= x1 + SNAP
            and piece.start >= top - SNAP and piece.end <= bottom + SNAP)


def find_regions(horizontal: list[RuleLine], vertical: list[RuleLine],
                 chars: Sequence[Char], fills: Sequence[Fill] = ()) -> list[Region]:
    """Every table region the rules draw: ruled clusters, rows-only stacks, and a ruled part
    (a header) continued by a stack of rows below it as one region; pieces inside a region's
    box join it."""
    hs, vs = _pieces(horizontal, True), _pieces(vertical, False)
    clusters: list[tuple[list[Piece], str]] = [(c, "ruled") for c in _ruled_clusters(hs, vs)]
    owner = {id(p): n for n, (cluster, _) in enumerate(clusters) for p in cluster}
    for stack in _stacks(hs, chars, _text_size(chars)):
        free = [p for p in stack if id(p) not in owner]
        if not free:
            continue  # a ruled table's own rows
        shared = sorted({owner[id(p)] for p in stack if id(p) in owner})
        if not shared:
            clusters.append((stack, "rows"))
            for piece in free:
                owner[id(piece)] = len(clusters) - 1
            continue
        # Rows continuing a ruled part (a header): one table, ruled by rows below it. A rule
        # reaching past the ruled part's width (a heading's underline) is no row of it.
        for piece in free:
            fits = [n for n in shared if _within_width(piece, clusters[n][0])]
            if fits:
                n = min(fits, key=lambda k: _distance(piece, clusters[k][0]))
                clusters[n][0].append(piece)
                clusters[n] = (clusters[n][0], "rows")
                owner[id(piece)] = n
    regions = []
    for cluster, method in clusters:
        region = _region(cluster, method)
        members = {id(q) for q in cluster}
        extra = [p for p in hs + vs if id(p) not in members and _inside(p, region.bbox)]
        if extra:
            region = _region(cluster + extra, method)
        if len(region.xs) < 2 or len(region.ys) < 2:
            continue  # rules crossing at a point: no area
        regions.append(region)
    return [refine(region, chars, fills) for region in _without_nested(regions)]


def _within_width(piece: Piece, cluster: list[Piece]) -> bool:
    """Does the horizontal `piece` stay within the width of the cluster's horizontals?"""
    left = min(p.start for p in cluster if p.horizontal)
    right = max(p.end for p in cluster if p.horizontal)
    return piece.start >= left - END_SNAP and piece.end <= right + END_SNAP


def _distance(piece: Piece, cluster: list[Piece]) -> float:
    """How far the horizontal `piece` lies above or below the cluster's horizontals."""
    ats = [p.line.at for p in cluster if p.horizontal]
    return max(min(ats) - piece.line.at, piece.line.at - max(ats), 0.0)


def _text_size(chars: Sequence[Char]) -> float:
    sizes = sorted(c.size for c in chars if c.size > 0)
    return sizes[len(sizes) // 2] if sizes else 10.0


def _without_nested(regions: list[Region]) -> list[Region]:
    """Regions not lying inside another (a rows stack inside a ruled table is that table's)."""
    def within(a: Region, b: Region) -> bool:
        ax0, at, ax1, ab = a.bbox
        bx0, bt, bx1, bb = b.bbox
        return bx0 - SNAP <= ax0 and ax1 <= bx1 + SNAP and bt - SNAP <= at and ab <= bb + SNAP

    kept = []
    for n, region in enumerate(regions):
        if not any(m != n and within(region, other) and not within(other, region)
                   for m, other in enumerate(regions)):
            kept.append(region)
    return sorted(kept, key=lambda r: (r.bbox[1], r.bbox[0]))
