"""camelot's grid slots with missing borders become one cell with a span, as in the extract."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.crosscheck.camelot_grid import span_cells


@dataclass
class Slot:
    x1: float
    y1: float
    x2: float
    y2: float
    left: bool = True
    right: bool = True
    top: bool = True
    bottom: bool = True
    text: str = ""


def grid(n_rows: int, n_cols: int, size: float = 10.0, height: float = 100.0) -> list[list[Slot]]:
    return [[Slot(c * size, height - (r + 1) * size, (c + 1) * size, height - r * size)
             for c in range(n_cols)] for r in range(n_rows)]


def test_fully_ruled_grid_is_one_cell_per_slot() -> None:
    slots = grid(2, 3)
    slots[1][2].text = "x"
    cells = span_cells(slots, 100.0)
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in cells] == [
        (r, c, 1, 1) for r in range(2) for c in range(3)
    ]
    assert cells[-1].text == "x"
    assert cells[0].bbox == (0.0, 0.0, 10.0, 10.0)  # top-left origin, like pdfplumber


def test_missing_borders_merge_slots_into_spans() -> None:
    slots = grid(3, 3)
    # R1C1 spans two columns: the border between its slots is missing on both sides.
    slots[0][0].right = slots[0][1].left = False
    slots[0][0].text = "項目"
    # C3 spans rows 1-3.
    for r in range(2):
        slots[r][2].bottom = slots[r + 1][2].top = False
    slots[2][2].text = "下"
    cells = {(c.row, c.col): c for c in span_cells(slots, 100.0)}
    assert (cells[0, 0].rowspan, cells[0, 0].colspan, cells[0, 0].text) == (1, 2, "項目")
    assert (0, 1) not in cells
    assert (cells[0, 2].rowspan, cells[0, 2].colspan, cells[0, 2].text) == (3, 1, "下")
    assert cells[0, 2].bbox == (20.0, 0.0, 30.0, 30.0)
    assert len(cells) == 9 - 1 - 2


def test_a_border_seen_on_one_side_only_still_separates_nothing() -> None:
    slots = grid(1, 2)
    slots[0][0].right = False  # camelot saw no rule right of the first slot
    cells = span_cells(slots, 100.0)
    assert [(c.col, c.colspan) for c in cells] == [(0, 2)]
