"""Read-only view of an extracted table grid: which cell covers which slot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GridCell:
    """A cell of the extract artifact, with its span."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    @property
    def ref(self) -> str:
        """Spreadsheet-like reference, 1-based: R3C5."""
        return f"R{self.row + 1}C{self.col + 1}"


class Grid:
    """A table as cells with spans, addressable by slot."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.n_rows: int = table["n_rows"]
        self.n_cols: int = table["n_cols"]
        self.cells = [
            GridCell(c["row"], c["col"], c["rowspan"], c["colspan"], c["text"] or "")
            for c in table["cells"]
        ]
        self._slots: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    self._slots.setdefault((r, c), cell)

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell covering slot (row, col), if any."""
        return self._slots.get((row, col))

    def row_cells(self, row: int) -> list[GridCell]:
        """Distinct cells that start on `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def within(self, rows: range, cols: range) -> list[GridCell]:
        """Cells whose top-left slot lies in the given rows and columns, in reading order."""
        return [c for c in self.cells if c.row in rows and c.col in cols]
