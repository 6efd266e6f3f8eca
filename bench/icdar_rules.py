"""Rules drawn on a PDF page near a table region: is the table ruled, and where is its frame.

A rule is a drawn segment: a line object, a thin rectangle (≤ 2 pt across: many PDFs draw rules
as filled hairline rects) or an edge of a stroked rectangle. Filled, unstroked rectangles wider
than that are shading, not rules. Curves are ignored.

A ground-truth table is *ruled* when its grid is drawn both ways: a rule passes between at least
`RULED_SHARE` of its cells and their right-hand neighbours (a vertical rule) and at least that
share of its cells and their neighbours below (a horizontal rule), cells and neighbours being
those of the adjacency relations, boxes from `-str.xml`. Counting rules in the region is not
enough: eu-016's 30 horizontal rules and 5 vertical ones hide that the verticals stop at the
header, so its body rows are one cell each to a lines-based engine; a two-column table needs one
vertical rule only. The cruder reading (`has_rules`: at least `MIN_RULES` distinct horizontal
and vertical rule positions cross the region) is there for comparison (`--ruled-by rules`).
"""

from __future__ import annotations

from typing import Any

Box = tuple[float, float, float, float]

THIN = 2.0  # a filled rect this thin (either way) is a rule
MIN_LENGTH = 5.0  # shorter segments are glyph parts or ticks, not rules
NEAR = 3.0  # rules this far outside a region still belong to it
MERGE = 1.0  # rule positions closer than this are one rule (double strokes, rect edges)
RULED_SHARE = 0.5
MIN_RULES = 3


def rule_segments(page: Any) -> list[Box]:
    """The page's rules as (x0, top, x1, bottom) boxes in pdfplumber's frame."""
    segments = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in page.lines]
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if min(x1 - x0, bottom - top) <= THIN:
            segments.append((x0, top, x1, bottom))
        elif rect.get("stroke"):
            segments += [(x0, top, x1, top), (x0, bottom, x1, bottom),
                         (x0, top, x0, bottom), (x1, top, x1, bottom)]
    return segments


def _positions(values: list[float]) -> int:
    count, last = 0, None
    for value in sorted(values):
        if last is None or value - last > MERGE:
            count += 1
        last = value
    return count


def count_rules(segments: list[Box], region: Box) -> tuple[int, int]:
    """(horizontal, vertical) distinct rule positions crossing `region` grown by NEAR."""
    x0, top, x1, bottom = region
    horizontal, vertical = [], []
    for a, b, c, d in segments:
        if c < x0 - NEAR or a > x1 + NEAR or d < top - NEAR or b > bottom + NEAR:
            continue
        width, height = c - a, d - b
        if width >= height and width >= MIN_LENGTH:
            horizontal.append((b + d) / 2)
        elif height > width and height >= MIN_LENGTH:
            vertical.append((a + c) / 2)
    return _positions(horizontal), _positions(vertical)


def is_ruled(right: float, below: float) -> bool:
    """Whether shares of neighbours separated by rules (see `separated`) make a drawn grid."""
    return right >= RULED_SHARE and below >= RULED_SHARE


def has_rules(horizontal: int, vertical: int) -> bool:
    """The crude reading: a box and one inner rule each way (see `count_rules`)."""
    return horizontal >= MIN_RULES and vertical >= MIN_RULES


def frame(segments: list[Box], region: Box, page_box: Box) -> Box:
    """`region` grown to the ends of the rules that cross into it, plus NEAR, within the page.

    Ground-truth regions are the bounding box of the table's text; a ruled table's border lies
    a few points outside it (on the right, up to 90 on ICDAR 2013: right-aligned last columns).
    An engine that reads rules must be given the frame, or it loses the outer row or column.
    """
    x0, top, x1, bottom = region
    gx0, gtop, gx1, gbottom = x0, top, x1, bottom
    for a, b, c, d in segments:
        if c < x0 or a > x1 or d < top or b > bottom:
            continue
        gx0, gtop = min(gx0, a), min(gtop, b)
        gx1, gbottom = max(gx1, c), max(gbottom, d)
    return (max(gx0 - NEAR, page_box[0]), max(gtop - NEAR, page_box[1]),
            min(gx1 + NEAR, page_box[2]), min(gbottom + NEAR, page_box[3]))


def _between(segment: Box, a: Box, b: Box, way: str) -> bool:
    """Whether `segment` is a rule passing between cell boxes a and b (b right of / below a)."""
    x0, top, x1, bottom = segment
    if way == "right":
        if bottom - top <= x1 - x0:
            return False
        lo, hi = sorted((a[2], b[0]))
        mid = ((a[1] + a[3]) / 2 + (b[1] + b[3]) / 2) / 2
        return lo - NEAR <= (x0 + x1) / 2 <= hi + NEAR and top - NEAR <= mid <= bottom + NEAR
    if x1 - x0 < bottom - top:
        return False
    lo, hi = sorted((a[3], b[1]))
    mid = ((a[0] + a[2]) / 2 + (b[0] + b[2]) / 2) / 2
    return lo - NEAR <= (top + bottom) / 2 <= hi + NEAR and x0 - NEAR <= mid <= x1 + NEAR


def separated(pairs: list[tuple[Box, Box, str]], segments: list[Box]) -> tuple[float, float]:
    """Shares of (right, below) neighbour pairs that a drawn rule separates (1.0 if no pairs)."""
    shares = []
    for way in ("right", "below"):
        mine = [(a, b) for a, b, w in pairs if w == way]
        hit = sum(any(_between(s, a, b, way) for s in segments) for a, b in mine)
        shares.append(hit / len(mine) if mine else 1.0)
    return shares[0], shares[1]
