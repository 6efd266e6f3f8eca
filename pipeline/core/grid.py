"""The span grid: a table as cells with explicit row and column spans.

The extract stage writes every table in this form (each merged cell once, at its top-left slot,
with its span); the cleaners read it back through `Grid`, which answers which cell covers a slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]
# A piece of a cell's text on one line, with its box: (text, x0, top, x1, bottom).
Run = tuple[str, float, float, float, float]


def union_box(boxes: Iterable[Box]) -> Box | None:
    """The smallest box holding every box (page points, x0, top, x1, bottom); None for none."""
    found = [b for b in boxes if b[2] > b[0] or b[3] > b[1]]
    if not found:
        return None
    return (min(b[0] for b in found), min(b[1] for b in found),
            max(b[2] for b in found), max(b[3] for b in found))


def box_text(box: Box | None) -> str:
    """A box as the datasets' source_bbox writes it: "x0,top,x1,bottom", 2 decimals, in PDF
    points from the page's top-left corner (pdfplumber's convention); "" for no box."""
    if box is None:
        return ""
    return ",".join(f"{points(v):.2f}" for v in box)


# Two readings of one position closer than this are the same position read in other floats
# (PDFium's are float32: at most about 3e-5 off a page's coordinates).
FLOAT_NOISE = 1e-4


def points(value: float) -> float:
    """A position as the artifacts and datasets keep it: PDF points to 2 decimals. A value within
    float noise of 3 decimals is that value first, so the engines' readings of one rule (PDFium's
    251.72499, pdfminer's 251.725) do not round apart."""
    snapped = round(value, 3)
    if abs(value - snapped) < FLOAT_NOISE:
        value = snapped
    return round(value, 2) + 0.0  # + 0.0: never -0.0


def parse_box(text: str) -> Box | None:
    """The box a source_bbox text names, or None for an empty or malformed one."""
    parts = str(text).split(",")
    if len(parts) != 4:
        return None
    try:
        x0, top, x1, bottom = (float(p) for p in parts)
    except ValueError:
        return None
    return (x0, top, x1, bottom)


_CELL = re.compile(r"R(\d+)C(\d+)")


def cell_position(cell: object) -> tuple[int, int]:
    """(row, column) of a grid cell label R10C4 (a source_cell); (0, 0) when there is none."""
    match = _CELL.fullmatch(str(cell))
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


@dataclass(frozen=True)
class Cell:
    """One (possibly merged) cell: top-left slot, span, text and page bbox (x0, top, x1, bottom);
    `confidence` (0–1), only for a cell read by OCR, is its least sure character's."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    bbox: Box = (0.0, 0.0, 0.0, 0.0)
    runs: tuple[Run, ...] = ()
    confidence: float | None = None

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

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"row": self.row, "col": self.col, "rowspan": self.rowspan,
                                "colspan": self.colspan, "text": self.text,
                                "bbox": [points(v) for v in self.bbox]}
        if self.runs:  # (dataclasses.asdict deep-copies every field: ten times slower)
            data["runs"] = [list(run) for run in self.runs]
        if self.confidence is not None:
            data["confidence"] = self.confidence
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cell:
        bbox = tuple(data.get("bbox") or (0.0, 0.0, 0.0, 0.0))
        runs = tuple(tuple(run) for run in data.get("runs", ()))
        return cls(data["row"], data["col"], data["rowspan"], data["colspan"],
                   data["text"] or "", bbox, runs,  # type: ignore[arg-type]
                   data.get("confidence"))


class Grid:
    """A table of the extract artifact as cells with spans, addressable by slot."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.n_rows: int = table["n_rows"]
        self.n_cols: int = table["n_cols"]
        # Column and row line positions (n_cols + 1 and n_rows + 1 of them), where known.
        self.xs: list[float] = table.get("xs", [])
        self.ys: list[float] = table.get("ys", [])
        # How extract found it: ruled, rows (horizontal rules only) or aligned (no rules).
        self.method: str = table.get("method", "ruled")
        self.cells = [Cell.from_json(c) for c in table["cells"]]
        self._slots: dict[tuple[int, int], Cell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    self._slots.setdefault((r, c), cell)

    def at(self, row: int, col: int) -> Cell | None:
        """The cell covering slot (row, col), if any."""
        return self._slots.get((row, col))

    def row_cells(self, row: int) -> list[Cell]:
        """Distinct cells that start on `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def within(self, rows: range, cols: range) -> list[Cell]:
        """Cells whose top-left slot lies in the given rows and columns, in reading order."""
        return [c for c in self.cells if c.row in rows and c.col in cols]
