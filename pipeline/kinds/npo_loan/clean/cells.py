"""A bank's cells in one band, sorted into what they print: mark, value, unit and note."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Cell
from pipeline.core.text import fold, has_cid_garbage
from pipeline.kinds.npo_loan.clean.header import BankColumns
from pipeline.kinds.npo_loan.clean.values import is_not_offered, split_mark
from pipeline.kinds.npo_loan.clean.zones import Zones, split_runs


@dataclass
class Parts:
    """The printed texts of one bank in one band, by role, in reading order."""

    mark: list[str] = field(default_factory=list)
    value: list[str] = field(default_factory=list)
    unit: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)


def _first_column(parts: Parts, text: str, spans_to_end: bool) -> None:
    """A cell starting in the bank's first sub-column: a mark (and the note after it), a value,
    or, spanning every sub-column, a note (unless it is the dash of "not offered")."""
    mark, rest = split_mark(fold(text))
    if mark:
        parts.mark.append(mark)
        if rest:
            parts.note.append(rest)
    elif spans_to_end and not is_not_offered(text):
        parts.note.append(text)
    else:
        parts.value.append(text)


def _by_zones(parts: Parts, cell: Cell, bank: BankColumns, zones: Zones | None) -> bool:
    """Sort a cell starting in the bank's first sub-column by where its runs stand, when it
    prints several parts unruled (the bank draws no sub-columns, or not in this row)."""
    unruled = bank.width == 1 or bank.unruled
    if zones is None or not cell.runs or (not unruled and cell.colspan == 1):
        return False
    if is_not_offered(cell.text):
        return False
    found = split_runs(cell.runs, zones, side_by_side=not unruled)
    if found is None:  # one text across the bank: a note spanning it, as a ruled table has it
        if unruled:
            parts.note.append(cell.text)
        return unruled
    if found["value"]:
        _first_column(parts, found["value"], spans_to_end=False)
    if found["unit"]:
        parts.unit.append(found["unit"])
    if found["note"]:
        parts.note.append(found["note"])
    return True


def _as_one(cells: list[Cell], bank: BankColumns) -> Cell:
    """A bank's cells in a band of a table without vertical rules as one box over the bank."""
    runs = tuple(sorted((run for cell in cells for run in cell.runs), key=lambda r: (r[2], r[1])))
    text = "\n".join(cell.text for cell in cells if cell.text.strip())
    first = cells[0]
    return Cell(first.row, bank.start, max(c.last_row for c in cells) - first.row + 1, bank.width,
                text, first.bbox, runs, first.confidence)


def split_cells(cells: list[Cell], bank: BankColumns, zones: Zones | None = None) -> Parts:
    """Sort a bank's cells in one band by the sub-column they start in and its role (by the
    zones its text stands in, where the sub-columns are not ruled there)."""
    parts = Parts()
    last = bank.width - 1
    if bank.unruled and zones is not None:  # the text's positions, not the implied columns
        cells = [_as_one(cells, bank)] if cells else []
    for cell in cells:
        if cell.last_col > bank.cols[-1]:
            raise PipelineError(f"cell runs past bank {bank.name}'s columns", cell=cell.ref)
        start, end = cell.col - bank.start, cell.last_col - bank.start
        if not cell.text.strip():
            continue
        if has_cid_garbage(cell.text):
            raise PipelineError("text extracts as (cid:…) codes", cell=cell.ref)
        if start == 0 and _by_zones(parts, cell, bank, zones):
            continue
        if start == 0:
            _first_column(parts, cell.text, end == last and last > 0)
        elif bank.roles[start] == "unit" and end == start:
            parts.unit.append(cell.text)
        else:
            parts.note.append(cell.text)
    return parts
