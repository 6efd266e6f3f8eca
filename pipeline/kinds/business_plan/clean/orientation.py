"""Which way round a figure table is printed: items down the rows (as shipped) or across.

Decided from what the labels say, never from where they stand. The conditions are a small
known set (schemas.reference.PLAN_CONDITIONS: 計, 合計, 総計, 無担保, 有担保, or a blank for the
total under 計画値); a table whose value columns are labelled with conditions (or blanks) has
its items down the rows, as shipped; one whose value rows are labelled with conditions and
whose columns are not has its items across (新規保証引受 | 保証債務残高 | … over the rows
計 / 無担保 / 有担保, 計画値 perhaps merged down beside them; a ratio table as one row of values
under its items). Anything else is read as shipped, as before.

A label is the text of the cells heading a line of values (a column's header cells, a row's
label cells), joined by "/", leaving out what names the table's values as a whole: a heading
word (PLAN_VALUE_HEADINGS: 計画値) and, where there are several lines, a cell spanning all of
them (計画値 merged over every value column, or down beside every condition row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Cell, Grid
from pipeline.core.text import squeeze
from schemas.reference import PLAN_CONDITIONS, PLAN_TOTAL, PLAN_VALUE_HEADINGS


@dataclass(frozen=True)
class Label:
    """The label of one line of values (a row or a column) and the first cell printing it."""

    text: str
    cell: Cell | None


def _label(cells: Sequence[Cell], spans_all: Sequence[bool], lines: int) -> Label:
    parts: list[str] = []
    first = None
    for cell, spanning in zip(cells, spans_all, strict=True):
        text = squeeze(cell.text)
        if text in PLAN_VALUE_HEADINGS or (spanning and lines > 1):
            continue
        first = first or cell
        if text and text not in parts:
            parts.append(text)
    return Label("/".join(parts), first or (cells[0] if cells else None))


def column_labels(grid: Grid, header_rows: range, value_cols: Sequence[int]) -> list[Label]:
    """Each value column's label from the header cells over it."""
    labels = []
    for col in value_cols:
        cells = [cell for row in header_rows
                 if (cell := grid.at(row, col)) is not None and cell.row == row]
        spans = [c.col <= value_cols[0] and c.last_col >= value_cols[-1] for c in cells]
        labels.append(_label(cells, spans, len(value_cols)))
    return labels


def row_labels(grid: Grid, rows: Sequence[int], label_cols: range) -> list[Label]:
    """Each value row's label from the label cells left of it."""
    labels = []
    for row in rows:
        cells: list[Cell] = []
        for col in label_cols:
            cell = grid.at(row, col)
            if cell is not None and cell not in cells:
                cells.append(cell)
        spans = [c.row <= rows[0] and c.last_row >= rows[-1] for c in cells]
        labels.append(_label(cells, spans, len(rows)))
    return labels


def _conditions_only(labels: Sequence[Label]) -> bool:
    return bool(labels) and all(not lab.text or lab.text in PLAN_CONDITIONS for lab in labels)


def items_across(columns: Sequence[Label], rows: Sequence[Label]) -> bool:
    """True when the conditions stand down the rows and the items across the columns: the rows'
    labels are all conditions (or blank) and the columns' are not."""
    return not _conditions_only(columns) and _conditions_only(rows)


def conditions(labels: Sequence[Label], what: str = "rows") -> list[str]:
    """The published condition of each line of a condition axis: its label's condition, the
    one blank line the total when there are several lines, "" for a single line (one value
    per item: the ratio table). Two blank lines are an error (which is the total?)."""
    blank = [lab for lab in labels if not lab.text]
    if len(labels) > 1 and len(blank) > 1:
        refs = ", ".join(lab.cell.ref for lab in blank if lab.cell is not None)
        raise PipelineError(f"value {what} {refs} have no label: cannot tell the total")
    if len(labels) == 1 and not labels[0].text:
        return [""]
    return [PLAN_CONDITIONS.get(lab.text, lab.text) if lab.text else PLAN_TOTAL
            for lab in labels]
