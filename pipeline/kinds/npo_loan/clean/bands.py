"""The logical rows of a comparison table: the band of grid rows under one innermost label."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.core.text import has_cid_garbage, squeeze
from pipeline.kinds.npo_loan.clean.labels import strip_label

# A label cell left empty where a page break cut a merged label: its text stands on the other
# page (above: the page before; below: the page after).
CUT_ABOVE, CUT_BELOW = "\x00above", "\x00below"
CUTS = (CUT_ABOVE, CUT_BELOW)


@dataclass(frozen=True)
class Band:
    """One logical row: the grid rows under one innermost label cell, and its label path."""

    rows: range
    item: str
    condition: str
    # "top" / "bottom": a label cell of it is empty and cut by the table's edge (a page break
    # inside a merged label): the label is printed on the neighbouring page.
    # "continued": no label at all, first on a page that goes on with the table of the page
    # before: the rest of that page's last row, broken by the page (its cells go on here).
    # "breaks": no label at all, last on its page: a row the page broke whose label stands on
    # the next page, if the table goes on there.
    cut: str = ""
    # The label of each label column ("" where none stands or the cell is the one left of
    # it; CUT_ABOVE / CUT_BELOW where a page break cut it).
    levels: tuple[str, ...] = ()
    # The label cell covering each label column: its top-left slot and its text as printed.
    cells: tuple[tuple[tuple[int, int], str] | None, ...] = ()


def _levels(grid: Grid, row: int, start: int, n_label_cols: int
            ) -> tuple[tuple[str, ...], tuple[tuple[tuple[int, int], str] | None, ...]]:
    """The label of each label column in `row` and the cell it stands in (see Band). A label
    cell left of the innermost one and of every label of the row that is empty and touches the
    table's first labelled row (`start`, or above) or its last row was cut by a page break (or
    left as no cell at all, unruled at the page's edge)."""
    levels: list[str] = []
    cells: list[tuple[tuple[int, int], str] | None] = []
    seen: set[int] = set()
    last = grid.n_rows - 1
    for col in range(n_label_cols):
        cell = grid.at(row, col)
        # a merged label a page break cut stands left of the row's own labels (an empty label
        # column right of a label is one the label's text does not reach)
        outer = col < n_label_cols - 1 and not any(level and level not in CUTS
                                                   for level in levels)
        cells.append(None if cell is None else ((cell.row, cell.col), cell.text))
        if cell is None:
            levels.append(CUT_ABOVE if outer and row <= start else
                          CUT_BELOW if outer and row == last else "")
            continue
        if id(cell) in seen:
            levels.append("")
            continue
        seen.add(id(cell))
        if has_cid_garbage(cell.text):
            raise PipelineError("label extracts as (cid:…) codes", cell=cell.ref)
        label = strip_label(cell.text)
        if not label and outer:
            label = CUT_ABOVE if cell.row <= start else CUT_BELOW if cell.last_row == last else ""
        levels.append(label)
    return tuple(levels), tuple(cells)


def _named(band: Band, levels: tuple[str, ...], cut: str = "") -> Band:
    """`band` with `levels`, its item and condition read from them; a band a label of which
    is still cut has none yet."""
    if any(level in CUTS for level in levels):
        cut = cut or ("top" if CUT_ABOVE in levels else "bottom")
        return replace(band, item="", condition="", cut=cut, levels=levels)
    path = [level for level in levels if level]
    return replace(band, item=path[0] if path else "", condition="/".join(path[1:]), cut=cut,
                   levels=levels)


def _band_end(grid: Grid, row: int, n_label_cols: int) -> int:
    """The row after the band starting at `row` (its innermost label cell's last row)."""
    inner = grid.at(row, n_label_cols - 1)
    return row + 1 if inner is None else inner.last_row + 1


def _own_label(grid: Grid, rows: range, n_label_cols: int) -> bool:
    """Does a label cell within `rows` (not a merged label over more rows) print a label?"""
    return any(cell.row >= rows.start and cell.last_row < rows.stop and strip_label(cell.text)
               for col in range(n_label_cols) if (cell := grid.at(rows.start, col)) is not None)


def bands(grid: Grid, start: int, n_label_cols: int, continued: bool = False) -> list[Band]:
    """The bands from grid row `start` down, read from the label columns. With `continued`
    (the table goes on from the page before), a first row without any label is the rest of
    the row the page broke; a last row without any label is one the page breaks, if the table
    goes on."""
    found: list[Band] = []
    row = edge = start  # edge: the first row below the rest of a row the page broke
    while row < grid.n_rows:
        inner = grid.at(row, n_label_cols - 1)
        if inner is None:
            raise PipelineError("no label cell", cell=f"R{row + 1}C{n_label_cols}")
        rows = range(row, inner.last_row + 1)
        levels, cells = _levels(grid, row, edge, n_label_cols)
        band = Band(rows, "", "", "", levels, cells)
        valued = any(squeeze(c.text)
                     for c in grid.within(rows, range(n_label_cols, grid.n_cols)))
        broken = (continued and row == start) or rows.stop == grid.n_rows
        if valued and broken and not _own_label(grid, rows, n_label_cols):
            # no label of its own at the page's edge: a row the page broke (the merged labels
            # around it may print a piece of their text here); on the page it goes on to, the
            # unlabelled rows that follow are more of it
            if continued and row == start:
                while rows.stop < grid.n_rows and not _own_label(
                        grid, range(rows.stop, rows.stop + 1), n_label_cols) and not any(
                        level and level not in CUTS
                        for level in _levels(grid, rows.stop, rows.stop, n_label_cols)[0]):
                    rows = range(rows.start, _band_end(grid, rows.stop, n_label_cols))
            found.append(replace(band, rows=rows, cut="continued" if continued and row == start
                                 else "breaks"))
            edge = rows.stop
        elif any(level and level not in CUTS for level in levels):
            found.append(_named(band, levels))
        elif valued:
            raise PipelineError("row has values but no label", cell=inner.ref)
        row = rows.stop
    return found


def shift(previous: list[Band], start: int) -> list[Band]:
    """The previous table's row bands, moved to start under this table's header."""
    shifted, row = [], start
    for band in previous:
        shifted.append(replace(band, rows=range(row, row + len(band.rows)), cells=()))
        row += len(band.rows)
    return shifted


def _filled(band: Band, reference: tuple[str, ...]) -> Band:
    """`band` with its cut labels taken from the same columns of `reference` (the levels of
    the row on the other side of the page break)."""
    levels = tuple(
        reference[k] if level in CUTS and k < len(reference) and reference[k] not in CUTS
        else level for k, level in enumerate(band.levels))
    return _named(band, levels, "continued" if band.cut == "continued" else "")


def _one_label(before: list[Band], after: list[Band]) -> None:
    """The row a page break cut in two (the last of `before`, the first of `after`) stands in
    the same merged label cells on both pages: each such cell's two pieces are one label (its
    text may be cut mid-word, 資金使途 ○：対 / 象 ×：対象外), given to every row of both."""
    last, first = before[-1], after[0]
    for k, (top, bottom) in enumerate(zip(last.cells, first.cells, strict=False)):
        if top is None or bottom is None or k >= len(last.levels) - 1:
            continue
        label = strip_label(top[1] + "\n" + bottom[1])
        if not label:
            continue
        for bands, piece in ((before, top), (after, bottom)):
            for n, band in enumerate(bands):
                if k < len(band.cells) and band.cells[k] == piece and band.levels[k] != "":
                    levels = band.levels[:k] + (label,) + band.levels[k + 1:]
                    bands[n] = _named(band, levels, band.cut if band.cut in (
                        "continued", "breaks") else "")


def joined_across_pages(before: list[Band], after: list[Band]) -> tuple[list[Band], list[Band]]:
    """Two consecutive parts of one table, their cut labels completed from each other: the
    rows a page break cut out of a merged label take it from the last row of the page before
    (or the first of the page after), and a row the break cut in two is one row, labelled
    from whichever page prints its labels."""
    if not before or not after:
        return before, after
    after, before = list(after), list(before)
    if before[-1].cut == "breaks" and after[0].cut in ("", "top"):
        before[-1] = replace(before[-1], cut="")
        after[0] = replace(after[0], cut="continued" if after[0].cut == "" else "top")
        split = "labels after"
    elif after[0].cut == "continued":
        split = "labels before"
    else:
        split = ""
    if split:
        _one_label(before, after)
    if split == "labels before":
        last = before[-1]
        after[0] = replace(after[0], item=last.item, condition=last.condition, cut="continued",
                           levels=last.levels)
    below = next((b for b in after if b.cut == "" and b.item), None)
    for n in reversed(range(len(before))):
        if before[n].cut != "bottom" or below is None:
            break
        before[n] = _filled(before[n], below.levels)
    above = before[-2] if split == "labels after" and len(before) > 1 else before[-1]
    for n, band in enumerate(after):
        if band.cut == "continued" and split != "labels after":
            continue
        if band.cut not in ("top", "continued") or not above.item:
            break
        after[n] = _filled(band, above.levels)
    if split == "labels after":
        first = after[0]
        before[-1] = replace(before[-1], item=first.item, condition=first.condition,
                             levels=first.levels)
        after[0] = replace(first, cut="continued")
    return before, after
