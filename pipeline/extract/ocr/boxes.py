"""The boxes a scanned table's rules enclose: what is read as one crop.

The table regions are the project's own (`find_regions` on the rules alone); inside one, slots
not parted by a drawn rule are one box, grown to a rectangle. A box may hold what the text path
later splits into several cells (an unruled value | unit | note): the characters read from it
keep their places, so `build_cells` parts them as it parts a text PDF's.
"""

from __future__ import annotations

from pipeline.extract.rules import COVERED, RuleLine
from pipeline.extract.spangrid import Region, Slots, rectangles

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points


def _drawn(line: RuleLine | None, start: float, end: float) -> bool:
    return line is not None and line.covered(start, end) >= COVERED


def ruled_boxes(region: Region) -> list[Box]:
    """The rectangles of the region's slots joined across every undrawn boundary."""
    xs, ys = region.xs, region.ys
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    slots = Slots(n_rows, n_cols)
    for r in range(n_rows):
        for c in range(1, n_cols):
            if not _drawn(region.verticals.get(xs[c]), ys[r], ys[r + 1]):
                slots.join((r, c - 1), (r, c))
    for c in range(n_cols):
        for r in range(1, n_rows):
            if not _drawn(region.horizontals.get(ys[r]), xs[c], xs[c + 1]):
                slots.join((r - 1, c), (r, c))
    boxes = [(xs[c], ys[r], xs[c + colspan], ys[r + rowspan])
             for r, c, rowspan, colspan in rectangles(slots, n_rows, n_cols)]
    return sorted(boxes, key=lambda b: (b[1], b[0]))
