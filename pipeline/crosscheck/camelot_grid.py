"""Read a PDF's ruled tables with camelot's lattice engine, as span grids like the extract stage's.

camelot reports a merged cell as several grid slots whose shared borders are missing (the text
in one of them, "" in the others); slots joined by a missing border are one cell with a span.
camelot (and its OpenCV) is imported here only, so the rest of the pipeline never loads it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Cell


@dataclass(frozen=True)
class SpanTable:
    """A table as merged cells, on a 1-based page."""

    page: int
    bbox: tuple[float, float, float, float]
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]


def _find(parent: dict, slot: tuple[int, int]) -> tuple[int, int]:
    while parent[slot] != slot:
        parent[slot] = parent[parent[slot]]
        slot = parent[slot]
    return slot


def _slot_groups(slots: list[list[Any]]) -> list[list[tuple[int, int]]]:
    """camelot's grid slots joined wherever the border between two of them is missing."""
    n_rows, n_cols = len(slots), len(slots[0]) if slots else 0
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}
    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not (slots[r][c].right and slots[r][c + 1].left):
                parent[_find(parent, (r, c + 1))] = _find(parent, (r, c))
            if r + 1 < n_rows and not (slots[r][c].bottom and slots[r + 1][c].top):
                parent[_find(parent, (r + 1, c))] = _find(parent, (r, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for slot in sorted(parent):
        groups.setdefault(_find(parent, slot), []).append(slot)
    return list(groups.values())


def _merged(members: list[tuple[int, int]], slots: list[list[Any]], page_height: float) -> Cell:
    """One cell covering the slots `members`: their span, joined text and outer box."""
    rows = [r for r, _ in members]
    cols = [c for _, c in members]
    parts = [slots[r][c] for r, c in members]
    return Cell(
        row=min(rows),
        col=min(cols),
        rowspan=max(rows) - min(rows) + 1,
        colspan=max(cols) - min(cols) + 1,
        text="".join(p.text for p in parts),
        bbox=(
            min(p.x1 for p in parts),
            page_height - max(p.y2 for p in parts),
            max(p.x2 for p in parts),
            page_height - min(p.y1 for p in parts),
        ),
    )


def span_cells(slots: list[list[Any]], page_height: float) -> list[Cell]:
    """Merge camelot's grid slots (objects with x1 y1 x2 y2, right, bottom, text) into cells."""
    cells = [_merged(members, slots, page_height) for members in _slot_groups(slots)]
    return sorted(cells, key=lambda cell: (cell.row, cell.col))


def read_tables(pdf: Path, page_heights: dict[int, float]) -> list[SpanTable]:
    """Every ruled table camelot's lattice engine finds on the given 1-based pages."""
    import camelot  # heavy (OpenCV): only the cross-check needs it

    pages = ",".join(str(n) for n in sorted(page_heights))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no tables found on page-N" is an answer, not news
            # split_text: a text line running across a rule belongs to the cells on each side,
            # as it does for pdfplumber, which assigns each character by its position.
            found = camelot.read_pdf(str(pdf), pages=pages, flavor="lattice", split_text=True)
    except Exception as exc:  # camelot wraps many libraries; any failure is the PDF's
        text = " ".join(str(exc).split())[:160]
        raise PipelineError(f"camelot cannot read the PDF: {type(exc).__name__}: {text}",
                            file=pdf.name) from exc
    tables = []
    for table in found:
        page = int(table.page)
        height = page_heights[page]
        x0, y0, x1, y1 = table._bbox
        cells = span_cells(table.cells, height)
        tables.append(
            SpanTable(
                page=page,
                bbox=(x0, height - y1, x1, height - y0),
                n_rows=len(table.cells),
                n_cols=len(table.cells[0]) if table.cells else 0,
                cells=tuple(cells),
            )
        )
    return tables
