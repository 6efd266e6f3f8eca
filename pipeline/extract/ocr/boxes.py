"""The boxes a scanned table's rules enclose: what is read as one crop.

The table regions are the project's own (`find_regions` on the rules alone); inside one, slots
not parted by a drawn rule are one box, grown to a rectangle. A box may hold what the text path
later splits into several cells (an unruled value | unit | note): the characters read from it
keep their places, so `build_cells` parts them as it parts a text PDF's.
"""

from __future__ import annotations

from pipeline.extract.rules import COVERED, RuleLine
from pipeline.extract.spangrid import Region

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points


def _drawn(line: RuleLine | None, start: float, end: float) -> bool:
    return line is not None and line.covered(start, end) >= COVERED


def ruled_boxes(region: Region) -> list[Box]:
    """The rectangles of the region's slots joined across every undrawn boundary."""
    xs, ys = region.xs, region.ys
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(slot: tuple[int, int]) -> tuple[int, int]:
        while parent[slot] != slot:
            parent[slot] = parent[parent[slot]]
            slot = parent[slot]
        return slot

    def join(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(1, n_cols):
            if not _drawn(region.verticals.get(xs[c]), ys[r], ys[r + 1]):
                join((r, c - 1), (r, c))
    for c in range(n_cols):
        for r in range(1, n_rows):
            if not _drawn(region.horizontals.get(ys[r]), xs[c], xs[c + 1]):
                join((r - 1, c), (r, c))
    changed = True
    while changed:  # a group's bounding rectangle swallows the groups it overlaps
        changed = False
        groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for slot in parent:
            groups.setdefault(find(slot), []).append(slot)
        for members in groups.values():
            rows = [r for r, _ in members]
            cols = [c for _, c in members]
            box = [(r, c) for r in range(min(rows), max(rows) + 1)
                   for c in range(min(cols), max(cols) + 1)]
            if len(box) != len(members):
                for slot in box:
                    join(members[0], slot)
                changed = True
                break
    boxes = []
    for members in groups.values():
        rows = [r for r, _ in members]
        cols = [c for _, c in members]
        boxes.append((xs[min(cols)], ys[min(rows)], xs[max(cols) + 1], ys[max(rows) + 1]))
    return sorted(boxes, key=lambda b: (b[1], b[0]))
