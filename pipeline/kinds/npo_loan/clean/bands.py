"""The logical rows of a comparison table: the band of grid rows under one innermost label."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.core.text import has_cid_garbage, squeeze
from pipeline.kinds.npo_loan.clean.labels import strip_label


@dataclass(frozen=True)
class Band:
    """One logical row: the grid rows under one innermost label cell, and its label path."""

    rows: range
    item: str
    condition: str


def _label_path(grid: Grid, row: int, n_label_cols: int) -> list[str]:
    """The labels of the label cells covering `row`, outer to inner."""
    path: list[str] = []
    seen: set[int] = set()
    for col in range(n_label_cols):
        cell = grid.at(row, col)
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        if has_cid_garbage(cell.text):
            raise PipelineError("label extracts as (cid:…) codes", cell=cell.ref)
        label = strip_label(cell.text)
        if label:
            path.append(label)
    return path


def bands(grid: Grid, start: int, n_label_cols: int) -> list[Band]:
    """The bands from grid row `start` down, read from the label columns."""
    found: list[Band] = []
    row = start
    while row < grid.n_rows:
        inner = grid.at(row, n_label_cols - 1)
        if inner is None:
            raise PipelineError("no label cell", cell=f"R{row + 1}C{n_label_cols}")
        rows = range(row, inner.last_row + 1)
        path = _label_path(grid, row, n_label_cols)
        if path:
            found.append(Band(rows, path[0], "/".join(path[1:])))
        elif any(squeeze(c.text) for c in grid.within(rows, range(n_label_cols, grid.n_cols))):
            raise PipelineError("row has values but no label", cell=inner.ref)
        row = rows.stop
    return found


def shift(previous: list[Band], start: int) -> list[Band]:
    """The previous table's row bands, moved to start under this table's header."""
    shifted, row = [], start
    for band in previous:
        shifted.append(Band(range(row, row + len(band.rows)), band.item, band.condition))
        row += len(band.rows)
    return shifted
