"""A business plan's ruled figure tables (＜主要計数＞, ＜諸比率＞) → one figure per cell.

Everything is read from the table and the lines just above it:
  - the caption ＜…＞ and the unit （単位：…） are the nearest lines above the table (one line may
    hold both); a table without a caption is an error, so nothing is read unnamed;
  - the header rows are those above the first row holding a number; the label columns are those
    left of the first column holding numbers, the value columns the rest;
  - a value column's condition is the header text over it, leaving out a header cell that spans
    every value column (計画値: it names the whole table, not one column);
  - in a table with several value columns, the one left without a label is the total (計);
  - a table printed the other way round, items across and conditions down, is read the same
    (which way round is told by orientation.py from what the labels say).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Cell, Grid
from pipeline.core.numbers import read_number
from pipeline.core.reading import least
from pipeline.core.text import DASHES, has_cid_garbage, squeeze
from pipeline.kinds.business_plan.clean.captions import Caption
from pipeline.kinds.business_plan.clean.orientation import (
    Label,
    column_labels,
    conditions,
    items_across,
    row_labels,
)
from schemas.reference import PLAN_CONDITIONS, PLAN_TOTAL, YEN_PER_UNIT

TOTAL = PLAN_TOTAL


@dataclass(frozen=True)
class Figure:
    """One printed number of a figure table."""

    table: str
    item: str
    condition: str
    value_text: str
    value: Decimal
    unit: str
    cell: str
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    confidence: float | None = None  # OCR's, the least sure of its label's and value's cells

    @property
    def amount_yen(self) -> int | None:
        return amount_yen(self.value, self.unit)


def amount_yen(value: Decimal, unit: str) -> int | None:
    """A figure in yen for a money unit (百万円 × 1,000,000); None for a ratio."""
    factor = YEN_PER_UNIT.get(unit)
    return None if factor is None else int((value * factor).to_integral_value())


def parse_number(text: str) -> Decimal | None:
    """A printed figure: 1,814,456 → 1814456; 0.11; △12 (a negative) → -12. None if not one."""
    printed = read_number(squeeze(text))
    return printed.value if printed else None


def _is_blank(text: str) -> bool:
    value = squeeze(text)
    return not value or value in DASHES


def _first_number_row(grid: Grid) -> int | None:
    """The first row holding a number right of the label column, if any."""
    for row in range(grid.n_rows):
        if any(c.col > 0 and parse_number(c.text) is not None for c in grid.row_cells(row)):
            return row
    return None


def _value_columns(grid: Grid, first_row: int) -> list[int]:
    """The columns holding numbers from `first_row` down."""
    return sorted({
        c.col
        for r in range(first_row, grid.n_rows)
        for c in grid.row_cells(r)
        if c.col > 0 and c.colspan == 1 and parse_number(c.text) is not None
    })


# Points a continued table's column may stand off the first part's.
SAME_COLUMN = 6.0


def _matching(grid: Grid, reference: Grid, cols: list[int]) -> list[int]:
    """`reference`'s columns `cols` as columns of `grid` (another page's part of the same
    table), matched by where their middles stand; by number when the grids lack positions."""
    if not grid.xs or not reference.xs:
        return cols
    found = []
    for col in cols:
        middle = (reference.xs[col] + reference.xs[col + 1]) / 2
        hit = next((c for c in range(grid.n_cols)
                    if grid.xs[c] - SAME_COLUMN <= middle <= grid.xs[c + 1] + SAME_COLUMN), None)
        if hit is None:
            raise PipelineError("the table's continuation does not line up with its columns")
        found.append(hit)
    return found


def _conditions(grid: Grid, header_rows: range, value_cols: list[int]) -> dict[int, str]:
    """Each value column's condition label from the header rows above it."""
    labels: dict[int, str] = {}
    for col in value_cols:
        parts: list[str] = []
        for row in header_rows:
            cell = grid.at(row, col)
            if cell is None or cell.row != row:
                continue
            if cell.col <= value_cols[0] and cell.last_col >= value_cols[-1]:
                continue  # spans every value column: names the table's values (計画値)
            text = squeeze(cell.text)
            if text and text not in parts:
                parts.append(text)
        label = "/".join(parts)
        labels[col] = TOTAL if PLAN_CONDITIONS.get(label) == TOTAL else label
    unlabelled = [col for col, label in labels.items() if not label]
    if len(value_cols) > 1 and unlabelled:
        if len(unlabelled) > 1:
            refs = ", ".join(f"C{col + 1}" for col in unlabelled)
            raise PipelineError(f"value columns {refs} have no header: cannot tell the total")
        labels[unlabelled[0]] = TOTAL
    return labels


def _label(grid: Grid, row: int, label_cols: range) -> tuple[str, Cell | None]:
    parts: list[str] = []
    first = None
    for col in label_cols:
        cell = grid.at(row, col)
        if cell is None:
            continue
        first = first or cell
        text = squeeze(cell.text)
        if text and text not in parts:
            parts.append(text)
    return "/".join(parts), first


def read_figures(table: dict[str, Any], caption: Caption,
                 continued: Sequence[dict[str, Any]] = ()) -> list[tuple[int, Figure]]:
    """Every printed number of a captioned figure table, as (part, figure): part 0 is `table`,
    part k the k-th of the `continued` tables (its continuation on the following pages, whose
    header, if repeated, is skipped)."""
    grids = [Grid(t) for t in (table, *continued)]
    for grid in grids:
        for cell in grid.cells:
            if has_cid_garbage(cell.text):
                raise PipelineError("text extracts as (cid:…) codes", cell=cell.ref)
    if not caption.unit:
        raise PipelineError(f"table ＜{caption.name}＞ has no （単位：…） line above it")
    firsts = [_first_number_row(grid) for grid in grids]
    numbered = next((k for k, first in enumerate(firsts) if first is not None), None)
    if numbered is None:
        raise PipelineError("table has no numbers")
    reference = grids[numbered]
    reference_cols = _value_columns(reference, firsts[numbered])
    head = grids[0]
    head_cols = _matching(head, reference, reference_cols)
    header_rows = range(firsts[0] if firsts[0] is not None else head.n_rows)
    columns = column_labels(head, header_rows, head_cols)
    rows = row_labels(reference, _printed_rows(reference, firsts[numbered], reference_cols),
                      range(reference_cols[0]))
    if items_across(columns, rows):
        return _read_across(grids, firsts, reference, reference_cols, columns, caption)
    conditions = _conditions(head, header_rows, head_cols)
    by_reference = [conditions[col] for col in head_cols]
    figures: list[tuple[int, Figure]] = []
    for part, (grid, first) in enumerate(zip(grids, firsts, strict=True)):
        if first is None:
            continue
        value_cols = _matching(grid, reference, reference_cols)
        figures += [(part, figure) for figure in _rows(grid, first, value_cols, by_reference,
                                                        caption)]
    return figures


def _rows(grid: Grid, first_row: int, value_cols: list[int], conditions: list[str],
          caption: Caption) -> list[Figure]:
    """The figures of a grid's number rows, each value column with its condition."""
    label_cols = range(value_cols[0])
    figures: list[Figure] = []
    for row in range(first_row, grid.n_rows):
        item, label_cell = _label(grid, row, label_cols)
        values = [(condition, grid.at(row, col))
                  for col, condition in zip(value_cols, conditions, strict=True)]
        printed = [(condition, cell) for condition, cell in values
                   if cell is not None and cell.row == row and not _is_blank(cell.text)]
        if not printed:
            continue
        if not item:
            ref = label_cell.ref if label_cell else f"R{row + 1}C1"
            raise PipelineError(f"table ＜{caption.name}＞: row has numbers but no label", cell=ref)
        for condition, cell in printed:
            value = parse_number(cell.text)
            if value is None:
                raise PipelineError(
                    f"table ＜{caption.name}＞ {item}: '{squeeze(cell.text)}' is not a number",
                    cell=cell.ref,
                )
            sure = least([cell.confidence, label_cell.confidence if label_cell else None])
            figures.append(Figure(caption.name, item, condition, squeeze(cell.text), value,
                                  caption.unit, cell.ref, cell.bbox, sure))
    return figures


def _printed_rows(grid: Grid, first_row: int, value_cols: list[int]) -> list[int]:
    """The rows from `first_row` down that print something in a value column."""
    return [row for row in range(first_row, grid.n_rows)
            if any((cell := grid.at(row, col)) is not None and cell.row == row
                   and not _is_blank(cell.text) for col in value_cols)]


def _read_across(grids: list[Grid], firsts: list[int | None], reference: Grid,
                 reference_cols: list[int], items: list[Label],
                 caption: Caption) -> list[tuple[int, Figure]]:
    """The figures of a table printed with its items across the value columns (labelled by
    `items`, the head's header cells) and its conditions down the value rows of every part."""
    for label, col in zip(items, reference_cols, strict=True):
        if not label.text:
            cell = reference.at(firsts[0] or 0, col) if label.cell is None else label.cell
            ref = cell.ref if cell is not None else f"R1C{col + 1}"
            raise PipelineError(f"table ＜{caption.name}＞: column has numbers but no item label",
                                cell=ref)
    lines: list[tuple[int, Grid, int, list[int]]] = []
    labels: list[Label] = []
    for part, (grid, first) in enumerate(zip(grids, firsts, strict=True)):
        if first is None:
            continue
        value_cols = _matching(grid, reference, reference_cols)
        rows = _printed_rows(grid, first, value_cols)
        lines += [(part, grid, row, value_cols) for row in rows]
        labels += row_labels(grid, rows, range(value_cols[0]))
    found: list[tuple[int, int, int, Figure]] = []
    for (part, grid, row, value_cols), condition in zip(lines, conditions(labels), strict=True):
        for k, (item, col) in enumerate(zip(items, value_cols, strict=True)):
            cell = grid.at(row, col)
            if cell is None or cell.row != row or _is_blank(cell.text):
                continue
            value = parse_number(cell.text)
            if value is None:
                raise PipelineError(
                    f"table ＜{caption.name}＞ {item.text}: '{squeeze(cell.text)}' is not a number",
                    cell=cell.ref,
                )
            sure = least([cell.confidence, item.cell.confidence if item.cell else None])
            found.append((part, k, row, Figure(caption.name, item.text, condition,
                                               squeeze(cell.text), value, caption.unit,
                                               cell.ref, cell.bbox, sure)))
    return [(part, figure) for part, _, _, figure in sorted(found, key=lambda f: f[:3])]
