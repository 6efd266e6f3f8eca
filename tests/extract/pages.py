"""Small generated pages for the table finder's tests: text and rules placed from the top left."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from pipeline.extract.engines import open_document
from pipeline.extract.tables import page_tables

WIDTH, HEIGHT = 612, 792


class Page:
    """A reportlab page addressed in top-left coordinates (as the extract stage reads it)."""

    def __init__(self, path: Path, font: str = "Helvetica", size: float = 9) -> None:
        self.path = path
        self.canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT), invariant=1)
        self.font, self.size = font, size
        self.canvas.setFont(font, size)

    def text(self, x: float, top: float, text: str, *, right: bool = False,
             font: str | None = None, size: float | None = None) -> None:
        """`text` with its baseline one font size below `top`, left- or right-aligned at x."""
        size = size or self.size
        self.canvas.setFont(font or self.font, size)
        baseline = HEIGHT - top - size
        if right:
            self.canvas.drawRightString(x, baseline, text)
        else:
            self.canvas.drawString(x, baseline, text)

    def row(self, top: float, cells: Sequence[tuple[float, str]], *, right_from: int = 1) -> None:
        """One table row: (x, text) pairs; cells from `right_from` on are right-aligned at x."""
        for n, (x, text) in enumerate(cells):
            if text:
                self.text(x, top, text, right=n >= right_from)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, HEIGHT - y, x1, HEIGHT - y)

    def vline(self, x: float, top: float, bottom: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x, HEIGHT - top, x, HEIGHT - bottom)

    def fill(self, x0: float, top: float, x1: float, bottom: float,
             grey: float = 0.85) -> None:
        """A filled rectangle without a border (a coloured cell background)."""
        self.canvas.setFillGray(grey)
        self.canvas.rect(x0, HEIGHT - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        self.canvas.setFillGray(0)

    def save(self) -> Path:
        self.canvas.save()
        return self.path


def tables_on(path: Path) -> list[dict]:
    """The first page's tables as the extract stage builds them."""
    with open_document(path) as document:
        return page_tables(next(document.pages()))


def grid_of(table: dict) -> list[list[str]]:
    """The table's text as rows of cells (a spanning cell at its first slot, others empty)."""
    rows = [["" for _ in range(table["n_cols"])] for _ in range(table["n_rows"])]
    for cell in table["cells"]:
        rows[cell["row"]][cell["col"]] = cell["text"]
    return rows
