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
    # "top" / "bottom": its outer label cell is empty and cut by the table's edge (a page
    # break inside a merged label): the label is printed on the neighbouring page.
    # "continued": no label at all, first on a page that goes on with the table of the page
    # before: the rest of that page's last row, broken by the page (its cells go on here).
    cut: str = ""


def _outer_cut(grid: Grid, row: int, start: int) -> str:
    """"top" or "bottom" when the outermost label cell of `row` is empty and touches the
    table's first data row or its last row: a page break cut a merged label, whose text stands
    on the other page."""
    outer = grid.at(row, 0)
    if outer is None:  # the cut piece left unruled at the page's edge: no cell at all
        return "top" if row == start else "bottom" if row == grid.n_rows - 1 else ""
    if strip_label(outer.text):
        return ""
    if outer.row == start:
        return "top"
    return "bottom" if outer.last_row == grid.n_rows - 1 else ""


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


def _labelled(grid: Grid, rows: range, n_label_cols: int) -> bool:
    """Does any label cell of `rows` print anything?"""
    return any(strip_label(c.text) for row in rows for col in range(n_label_cols)
               if (c := grid.at(row, col)) is not None)


def bands(grid: Grid, start: int, n_label_cols: int, continued: bool = False) -> list[Band]:
    """The bands from grid row `start` down, read from the label columns. With `continued`
    (the table goes on from the page before), a first row without any label is the rest of
    the row the page broke."""
    found: list[Band] = []
    row = start
    while row < grid.n_rows:
        inner = grid.at(row, n_label_cols - 1)
        if inner is None:
            raise PipelineError("no label cell", cell=f"R{row + 1}C{n_label_cols}")
        rows = range(row, inner.last_row + 1)
        path = _label_path(grid, row, n_label_cols)
        cut = _outer_cut(grid, row, start) if n_label_cols > 1 else ""
        if path and cut:
            found.append(Band(rows, "", "/".join(path), cut))
        elif path:
            found.append(Band(rows, path[0], "/".join(path[1:])))
        elif any(squeeze(c.text) for c in grid.within(rows, range(n_label_cols, grid.n_cols))):
            if continued and row == start and not _labelled(grid, rows, n_label_cols):
                found.append(Band(rows, "", "", "continued"))
                row = rows.stop
                continue
            raise PipelineError("row has values but no label", cell=inner.ref)
        row = rows.stop
    return found


def shift(previous: list[Band], start: int) -> list[Band]:
    """The previous table's row bands, moved to start under this table's header."""
    shifted, row = [], start
    for band in previous:
        shifted.append(Band(range(row, row + len(band.rows)), band.item, band.condition,
                            band.cut))
        row += len(band.rows)
    return shifted


def joined_across_pages(before: list[Band], after: list[Band]) -> tuple[list[Band], list[Band]]:
    """Two consecutive parts of one table, their cut labels completed from each other: the last
    band of `before` and the first of `after` are one merged label's two pieces."""
    if before and after and after[0].cut == "continued":
        last = before[-1]
        after = [Band(after[0].rows, last.item, last.condition, "continued"), *after[1:]]
    if before and after:
        last, first = before[-1], after[0]
        if last.cut == "bottom" and first.item:
            before = [*before[:-1], Band(last.rows, first.item, last.condition)]
        if first.cut == "top" and before[-1].item:
            after = [Band(first.rows, before[-1].item, first.condition), *after[1:]]
    return before, after
