"""Turn a pdfplumber table into a grid of cells with explicit row and column spans.

pdfplumber reports a merged cell once, at its top-left slot, and None in the slots it covers.
We keep each cell once with its span, so no text is lost and none is duplicated.
"""

from __future__ import annotations

from bisect import bisect_left

from pdfplumber.table import Table

from pipeline.core.grid import Cell

EDGE_TOLERANCE = 1.0


def _edges(values: list[float]) -> list[float]:
    """Sorted distinct coordinates, merging those closer than the tolerance."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    i = bisect_left(edges, value - EDGE_TOLERANCE)
    return min(i, len(edges) - 1)


def table_cells(table: Table) -> tuple[list[Cell], int, int]:
    """Cells of `table` with spans, plus the grid's row and column counts."""
    boxes = [box for box in table.cells]
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    texts = _cell_texts(table)
    cells = []
    for box in boxes:
        x0, top, x1, bottom = box
        col, row = _index(xs, x0), _index(ys, top)
        cells.append(
            Cell(
                row=row,
                col=col,
                rowspan=max(1, _index(ys, bottom) - row),
                colspan=max(1, _index(xs, x1) - col),
                text=texts.get(box, ""),
                bbox=box,
            )
        )
    cells.sort(key=lambda c: (c.row, c.col))
    return cells, len(ys) - 1, len(xs) - 1


def _cell_texts(table: Table) -> dict[tuple, str]:
    """Text of every cell, keyed by its bbox, from a single pass of pdfplumber's extract."""
    texts: dict[tuple, str] = {}
    for row, values in zip(table.rows, table.extract(), strict=True):
        for box, value in zip(row.cells, values, strict=True):
            if box is not None:
                texts[box] = value or ""
    return texts
