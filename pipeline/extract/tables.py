"""A page's tables: regions found from its rules, each built into a span grid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pipeline.core.grid import points
from pipeline.extract.aligned import CAPTION, aligned_regions
from pipeline.extract.alignment import merge_distributed
from pipeline.extract.page_turn import lead_of
from pipeline.extract.primitives import Char, PageContent
from pipeline.extract.regions import find_regions
from pipeline.extract.rules import SNAP, RuleLine, rule_lines
from pipeline.extract.spangrid import Region, build_cells
from pipeline.extract.text import runs_of

MIN_TABLE_CELLS = 2
# A row broken by the page starts within this many text sizes under the table's last rule.
ROW_START = 1.5
# A line the page before's table gives, this near (points) to one of this page's, is that
# one (each page's text puts a line it implies where it leaves room).
CARRIED_NEAR = 2 * SNAP
# A rule under the text below a table, across this share of its width, closes that text.
CLOSING = 0.9


def _outside(chars: list[Char], regions: list[Region]) -> list[Char]:
    boxes = [r.bbox for r in regions]
    return [c for c in chars
            if not any(b[0] <= c.h_mid <= b[2] and b[1] <= c.v_mid <= b[3] for b in boxes)]


def _continued(regions: list[Region], chars: list[Char], before: dict[str, Any] | None
               ) -> list[Region]:
    """`regions` with the first one taking the column lines of `before` (the previous page's
    last table) when it goes on with it: a table without vertical rules at the top of the
    page (nothing printed above it), as wide as that one, whose text crosses at most half of
    the lines it lacks (a new table, other columns, crosses most). It takes those its text
    (a distributed label as one word) does not cross: its rows alone may not show every
    column the header above them on the page before did."""
    if not regions:
        return regions
    first = min(regions, key=lambda r: r.bbox[1])
    x0, top, x1, bottom = first.bbox
    if not _goes_on(before, first) or any(c.v_mid < top for c in chars):
        return regions
    assert before is not None
    old = before["xs"]
    lacked = [x for x in old[1:-1] if x0 < x < x1
              and all(abs(x - at) > CARRIED_NEAR for at in first.xs)]
    inside = [c for c in chars if x0 <= c.h_mid <= x1 and top <= c.v_mid <= bottom]
    runs = runs_of(inside)
    # distributed labels (three letters or more: two single letters a gap apart may be any
    # two cells' last and first)
    spread = [r for r in merge_distributed(runs) if r not in runs and len(r[0]) >= 3]
    extra = [x for x in lacked if not any(c.x0 < x < c.x1 for c in inside)
             and not any(r[1] < x < r[3] for r in spread)]
    if not extra or len(extra) * 2 < len(lacked):
        return regions
    grown = replace(first, xs=sorted([*first.xs, *extra]))
    return [grown if r is first else r for r in regions]


def _goes_on(before: dict[str, Any] | None, region: Region) -> bool:
    """Could `region` go on with `before` (the previous page's last table): neither ruled,
    that one as wide as this one, or (found by its text alone) within its width?"""
    if before is None or before.get("method") == "ruled" or region.method == "ruled":
        return False
    old = before.get("xs") or []
    if len(old) < 2:
        return False
    if before.get("method") == "aligned":  # boxed by its text: within this one
        return old[0] >= region.xs[0] - SNAP and old[-1] <= region.xs[-1] + SNAP
    if region.method == "aligned":  # this one boxed by its text: within that one
        return region.xs[0] >= old[0] - SNAP and region.xs[-1] <= old[-1] + SNAP
    return abs(old[0] - region.xs[0]) <= SNAP and abs(old[-1] - region.xs[-1]) <= SNAP


def _with_rest_of_row(regions: list[Region], chars: list[Char], before: dict[str, Any] | None
                      ) -> list[Region]:
    """`regions` with the first one grown up over the text printed above its first rule, when
    it goes on with `before` and that text, all of the page above it, stands inside its width:
    the rest of a row the page broke, whose rule the page before printed."""
    if not regions:
        return regions
    first = min(regions, key=lambda r: r.bbox[1])
    x0, top, x1, _ = first.bbox
    above = [c for c in chars if c.v_mid < top and not c.text.isspace()]
    if (first.method != "rows" or not above or not _goes_on(before, first)
            or any(c.x0 < x0 - SNAP or c.x1 > x1 + SNAP for c in above)):
        return regions
    pad = 0.25 * max(c.size for c in above)
    grown = replace(first, ys=[min(c.top for c in above) - pad, *first.ys])
    return [grown if r is first else r for r in regions]


def _with_start_of_row(regions: list[Region], chars: list[Char],
                       horizontal: Sequence[RuleLine] = ()) -> list[Region]:
    """`regions` with the last one grown down over the text printed below its last rule, when
    that text, all of the page below it, stands inside its width and starts a row (text in
    more than one column right under the rule), and no rule across the table's width closes
    it: a row the page breaks, whose closing rule the next page prints. (Notes under a table
    are prose: a run a line; a table's body under its ruled header, closed by a rule of its
    own, is no row's start.)"""
    if not regions:
        return regions
    last = max(regions, key=lambda r: r.bbox[3])
    x0, _, x1, bottom = last.bbox
    below = [c for c in chars if c.v_mid > bottom and not c.text.isspace()]
    if last.method != "rows" or not below or any(
            c.x0 < x0 - SNAP or c.x1 > x1 + SNAP for c in below):
        return regions
    if any(rule.at > bottom + SNAP and rule.covered(x0, x1) >= CLOSING for rule in horizontal):
        return regions
    size = max(c.size for c in below)
    first = [c for c in below if c.top < min(b.top for b in below) + size / 2]
    if min(c.top for c in below) - bottom > ROW_START * size or len(runs_of(first)) < 2:
        return regions
    grown = replace(last, ys=[*last.ys, max(c.bottom for c in below) + 0.25 * size])
    return [grown if r is last else r for r in regions]


def page_tables(page: PageContent, previous: dict[str, Any] | None = None
                ) -> list[dict[str, Any]]:
    """The page's tables as artifact dicts: bbox, grid size, how found (ruled, rows, aligned),
    cells; the rules' tables first, then the rule-less ones among the text left over.
    `previous`: the previous page's artifact, whose last table a table at the top of this page
    may go on with, or whose closing caption may announce it."""
    before = previous["tables"][-1] if previous and previous["tables"] else None
    horizontal, vertical = rule_lines(page.segments)
    regions = _with_rest_of_row(find_regions(horizontal, vertical, page.chars, page.fills),
                                page.chars, before)
    regions = _with_start_of_row(regions, page.chars, horizontal)
    ceiling = min((r.bbox[1] for r in regions), default=float("inf"))
    regions += aligned_regions(_outside(page.chars, regions), page.fills,
                               lead_of(previous, CAPTION), ceiling)
    regions = _continued(regions, page.chars, before)
    tables = []
    for region in sorted(regions, key=lambda r: (r.bbox[1], r.bbox[0])):
        cells = build_cells(region, page.chars)
        if len(cells) < MIN_TABLE_CELLS:
            continue
        x0, top, x1, bottom = (cells_box := _box(cells))
        tables.append({
            "bbox": [points(v) for v in cells_box],
            "n_rows": len(region.ys) - 1,
            "n_cols": len(region.xs) - 1,
            "method": region.method,
            "xs": [points(x) for x in region.xs],
            "ys": [points(y) for y in region.ys],
            "cells": [cell.to_json() for cell in cells],
        })
    return tables


def _box(cells: list) -> tuple[float, float, float, float]:
    return (min(c.bbox[0] for c in cells), min(c.bbox[1] for c in cells),
            max(c.bbox[2] for c in cells), max(c.bbox[3] for c in cells))
