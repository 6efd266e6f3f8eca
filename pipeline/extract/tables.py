"""A page's tables: regions found from its rules, each built into a span grid."""

from __future__ import annotations

from typing import Any

from pipeline.extract.primitives import PageContent
from pipeline.extract.regions import find_regions
from pipeline.extract.rules import rule_lines
from pipeline.extract.spangrid import build_cells

MIN_TABLE_CELLS = 2


def page_tables(page: PageContent) -> list[dict[str, Any]]:
    """The page's tables as artifact dicts: bbox, grid size, how found, cells."""
    horizontal, vertical = rule_lines(page.segments)
    tables = []
    for region in find_regions(horizontal, vertical, page.chars):
        cells = build_cells(region, page.chars)
        if len(cells) < MIN_TABLE_CELLS:
            continue
        x0, top, x1, bottom = (cells_box := _box(cells))
        tables.append({
            "bbox": [round(v, 2) for v in cells_box],
            "n_rows": len(region.ys) - 1,
            "n_cols": len(region.xs) - 1,
            "method": region.method,
            "xs": [round(x, 2) for x in region.xs],
            "ys": [round(y, 2) for y in region.ys],
            "cells": [cell.to_json() for cell in cells],
        })
    return tables


def _box(cells: list) -> tuple[float, float, float, float]:
    return (min(c.bbox[0] for c in cells), min(c.bbox[1] for c in cells),
            max(c.bbox[2] for c in cells), max(c.bbox[3] for c in cells))
