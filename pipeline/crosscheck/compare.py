"""Compare the extract stage's span grids with camelot's, cell by cell, by position on the page.

Cells are paired by geometry, not by grid index, so an engine that sees one more or one fewer
rule still lines up everywhere else. Texts are compared NFKC-folded with all whitespace removed
(the engines break lines differently); a cell's span must agree too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.core.grid import Cell
from pipeline.core.text import squeeze
from pipeline.crosscheck.camelot_grid import SpanTable
from pipeline.extract.engines import DEFAULT as DEFAULT_ENGINE

# Points two engines' rule positions may differ by (camelot finds rules in a rendered image).
TOLERANCE = 3.0
MIN_TABLE_OVERLAP = 0.5

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Disagreement:
    """One cell (or table) the engines read differently."""

    page: int
    table: int
    cell: str
    why: str
    ours: str | None
    theirs: str | None
    engine: str = DEFAULT_ENGINE

    def __str__(self) -> str:
        return (f"page {self.page} table {self.table} {self.cell}: {self.why}: "
                f"{self.engine} {self.ours!r} camelot {self.theirs!r}")


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _intersection(a: Box, b: Box) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _centre_inside(inner: Box, outer: Box) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] - TOLERANCE <= cx <= outer[2] + TOLERANCE and (
        outer[1] - TOLERANCE <= cy <= outer[3] + TOLERANCE
    )


def _same_box(a: Box, b: Box) -> bool:
    return all(abs(u - v) <= TOLERANCE for u, v in zip(a, b, strict=True))


def _ref(cell: dict[str, Any] | Cell) -> str:
    row, col = (cell["row"], cell["col"]) if isinstance(cell, dict) else (cell.row, cell.col)
    return f"R{row + 1}C{col + 1}"


def match_table(table: dict[str, Any], theirs: list[SpanTable]) -> SpanTable | None:
    """camelot's table covering most of `table` (an extract-artifact table), if any."""
    box = tuple(table["bbox"])
    best = max(theirs, key=lambda t: _intersection(box, t.bbox), default=None)
    if best is None or _intersection(box, best.bbox) < MIN_TABLE_OVERLAP * _area(box):
        return None
    return best


def compare_table(
    page: int, number: int, ours: dict[str, Any], theirs: SpanTable, engine: str = DEFAULT_ENGINE
) -> list[Disagreement]:
    """Every cell of `ours` whose text or span camelot reads differently, and camelot's extras."""
    problems = []
    claimed: set[int] = set()
    for cell in ours["cells"]:
        box = tuple(cell["bbox"])
        inside = [i for i, t in enumerate(theirs.cells) if _centre_inside(t.bbox, box)]
        claimed.update(inside)
        text = "".join(theirs.cells[i].text for i in inside) if inside else None
        why = None
        if not inside:
            why = "no camelot cell here"
        elif squeeze(cell["text"]) != squeeze(text):
            why = "text differs"
        elif len(inside) > 1:
            why = f"camelot splits the cell in {len(inside)}"
        elif not _same_box(box, theirs.cells[inside[0]].bbox):
            why = f"span differs (camelot {_ref(theirs.cells[inside[0]])} " \
                  f"{theirs.cells[inside[0]].rowspan}x{theirs.cells[inside[0]].colspan})"
        if why:
            problems.append(Disagreement(page, number, _ref(cell), why, cell["text"], text,
                                         engine))
    for i, extra in enumerate(theirs.cells):
        if i not in claimed:
            problems.append(Disagreement(page, number, f"camelot {_ref(extra)}",
                                         "cell only camelot sees", None, extra.text, engine))
    return problems


def compare_page(page: dict[str, Any], theirs: list[SpanTable], engine: str = DEFAULT_ENGINE
                 ) -> list[Disagreement]:
    """Disagreements on one page of an extract artifact, given camelot's tables on it."""
    problems = []
    used: set[int] = set()
    for number, table in enumerate(page["tables"], start=1):
        match = match_table(table, theirs)
        if match is None:
            problems.append(Disagreement(page["page"], number, "-", "table camelot does not see",
                                         f"{table['n_rows']}x{table['n_cols']} grid", None,
                                         engine))
            continue
        used.add(id(match))
        problems += compare_table(page["page"], number, table, match, engine)
    for extra in theirs:
        if id(extra) not in used and len(extra.cells) > 1:
            problems.append(Disagreement(page["page"], 0, "-", "table only camelot sees", None,
                                         f"{extra.n_rows}x{extra.n_cols} grid", engine))
    return problems
