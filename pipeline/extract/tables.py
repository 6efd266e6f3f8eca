"""A page's tables: regions found from its rules, each built into a span grid."""

from __future__ import annotations

from typing import Any

from pipeline.core.grid import points
from pipeline.extract.aligned import aligned_regions
from pipeline.extract.primitives import Char, PageContent
from pipeline.extract.regions import find_regions
from pipeline.extract.rules import rule_lines
from pipeline.extract.spangrid import Region, build_cells

MIN_TABLE_CELLS = 2


def _outside(chars: list[Char], regions: list[Region]) -> list[Char]:
    boxes = [r.bbox for r in regions]
    return [c for c in chars
            if not any(b[0] <= c.h_mid <= b[2] and b[1] <= c.v_mid <= b[3] for b in boxes)]


def page_tables(page: PageContent) -> list[dict[str, Any]]:
    """The page's tables as artifact dicts: bbox, grid size, how found (ruled, rows, aligned),
    cells; the rules' tables first, then the rule-less ones among the text left over."""
    horizontal, vertical = rule_lines(page.segments)
    regions = find_regions(horizontal, vertical, page.chars)
    regions += aligned_regions(_outside(page.chars, regions), page.fills)
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
