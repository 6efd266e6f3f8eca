"""The header of a comparison table: which columns each bank owns, and what each sub-column holds.

The header row is the first row naming banks; the label columns are those left of the first
bank; each bank owns the columns under its header cell. Inside a bank's columns the first holds
the mark or value, a column of unit words is the unit, the rest is the note; in a table without
vertical rules, where the text stands says which is which (zones.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Cell, Grid
from pipeline.core.text import clean_cell, squeeze
from pipeline.kinds.npo_loan.clean.values import UNITS
from pipeline.kinds.npo_loan.clean.zones import Zones, aligned_zones, ruled_zones
from schemas.reference import is_labour_bank


@dataclass(frozen=True)
class BankColumns:
    """A bank's header cell and the grid columns under it, with each sub-column's role."""

    name: str
    start: int
    width: int
    roles: tuple[str, ...] = ()
    # Where its sub-columns stand on the page, for cells printing them unruled.
    zones: Zones | None = None
    # The table draws no vertical rules: its sub-columns are where the text stands.
    unruled: bool = False

    @property
    def cols(self) -> range:
        return range(self.start, self.start + self.width)


def names_bank(cell: Cell) -> bool:
    return is_labour_bank(squeeze(cell.text))


def header_row(grid: Grid) -> int | None:
    """The first grid row with a cell naming a bank, if any."""
    for row in range(grid.n_rows):
        if any(names_bank(cell) for cell in grid.row_cells(row)):
            return row
    return None


def data_start(grid: Grid, header: int) -> int:
    """First grid row below the header block: a header cell spanning rows (項目 over the banks'
    sub-column titles 金額｜単位｜備考) pushes it down."""
    return max(cell.last_row for cell in grid.row_cells(header)) + 1


def first_bank_cell(cells: list[Cell]) -> int:
    """Index of the header cell where the banks start.

    The label part of the header is a bank name's absence: blank corner cells up to and including
    the first named cell (項目), unless that cell is already a bank (a page without labels).
    Whatever follows is a bank column, so a non-bank there is an error, not a label column.
    """
    for i, cell in enumerate(cells):
        if names_bank(cell):
            return i
        if squeeze(cell.text):
            return i + 1
    return len(cells)


def roles(grid: Grid, start: int, bank: BankColumns) -> tuple[str, ...]:
    """value for the first sub-column, unit for one holding unit words, note for the rest."""
    found = ["value"]
    for col in bank.cols[1:]:
        texts = [
            clean_cell(c.text)
            for c in grid.within(range(start, grid.n_rows), range(col, col + 1))
            if c.colspan == 1 and clean_cell(c.text)
        ]
        units = sum(text in UNITS for text in texts)
        is_unit = texts and units * 2 > len(texts) and "unit" not in found
        found.append("unit" if is_unit else "note")
    return tuple(found)


def bank_columns(grid: Grid, name: str, start: int, width: int, data: int) -> BankColumns:
    """A bank owning `width` grid columns from `start`, with its sub-columns' roles and zones
    read from the data rows (from grid row `data` down)."""
    bank = BankColumns(name, start, width)
    bank_roles = roles(grid, data, bank)
    unruled = grid.method != "ruled"
    zones = None
    if width == 1 or unruled:
        zones = aligned_zones(grid.within(range(data, grid.n_rows), bank.cols))
    if zones is None and width > 1:
        zones = ruled_zones(grid, start, bank_roles)
    return BankColumns(name, start, width, bank_roles, zones, unruled and width > 1)


# Points a continued table's column lines may lie off the first part's.
SAME_COLUMN = 3.0


def continued_banks(grid: Grid, before: Grid, banks_before: list[BankColumns]
                    ) -> list[BankColumns] | None:
    """The banks of a table printing no header, if it continues `before` (the previous page's
    part of the table, whose header named `banks_before`): every bank's edges stand on its
    column lines. None when it does not continue it. Ruled, an edge is the line within
    SAME_COLUMN of it; where the text implies the lines (no vertical rules) they stand where
    each page's text leaves room: the line nearest the edge between the middles of the two
    columns it parts (the label columns, a bank)."""
    if not grid.xs or not before.xs or not banks_before:
        return None
    ruled = grid.method == "ruled" and before.method == "ruled"
    middles = [(before.xs[0] + before.xs[banks_before[0].start]) / 2] + [
        (before.xs[b.start] + before.xs[b.start + b.width]) / 2 for b in banks_before]

    def line(x: float, low: float, high: float) -> int | None:
        near = sorted((abs(at - x), i) for i, at in enumerate(grid.xs)
                      if (abs(at - x) <= SAME_COLUMN if ruled else low < at < high))
        return near[0][1] if near else None

    found = []
    for n, bank in enumerate(banks_before):
        left = line(before.xs[bank.start], middles[n], middles[n + 1])
        end = bank.start + bank.width
        # the table's right edge is the other's (a header row alone, boxed by its text)
        right = (len(grid.xs) - 1 if end == len(before.xs) - 1 else
                 line(before.xs[end], middles[n + 1],
                      middles[n + 2] if n + 2 < len(middles) else grid.xs[-1] + 1))
        if left is None or right is None or right <= left:
            return None
        found.append(bank_columns(grid, bank.name, left, right - left, 0))
    return found


def banks(grid: Grid, header: int) -> tuple[list[BankColumns], int]:
    """Bank column groups of the header row and the number of label columns left of them."""
    cells = grid.row_cells(header)
    first = first_bank_cell(cells)
    if grid.method != "ruled":  # label columns the text implies, that 項目 does not reach
        while first < len(cells) - 1 and not squeeze(cells[first].text):
            first += 1
    n_label_cols = cells[first].col
    found = []
    for cell in cells[first:]:
        if not names_bank(cell):
            if not squeeze(cell.text):
                raise PipelineError("header cell is empty where a bank name belongs", cell=cell.ref)
            raise PipelineError(f"header cell '{squeeze(cell.text)}' is not a bank", cell=cell.ref)
        found.append(bank_columns(grid, squeeze(cell.text), cell.col, cell.colspan,
                                  data_start(grid, header)))
    parted = {bank.name: parted_width(grid, bank, header) for bank in found}
    widths = Counter(parted.values())
    if len(widths) > 1:
        usual = max(widths, key=lambda w: (widths[w], w))  # a tie: a column is missing, not extra
        odd = next(bank for bank in found if parted[bank.name] != usual)
        raise PipelineError(
            f"bank {odd.name} has {parted[odd.name]} sub-columns where the others have {usual}"
        )
    return found, n_label_cols


def parted_width(grid: Grid, bank: BankColumns, header: int) -> int:
    """The sub-columns a bank's cells (from the header row down) are parted into: its grid
    columns less the lines no cell starts or ends at (a scan's stray rule fragment, which
    every cell it stands in spans)."""
    inner = range(bank.start + 1, bank.start + bank.width)
    used = set()
    for cell in grid.within(range(header, grid.n_rows), bank.cols):
        used |= {cell.col, cell.last_col + 1} & set(inner)
    return 1 + len(used)
