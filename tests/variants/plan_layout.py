"""The business plan's figure tables as grids of merged boxes, either way round, for any producer.

The normal orientation (as shipped) has the items down the rows and the conditions across:
項目 merged over two header rows, 計画値 merged over the value columns 計 | 無担保 | 有担保 (the
total's label as key_figures.header.total prints it, "" for none). The transposed orientation
has the items across the columns and the conditions down the rows:

  項目 (over both label columns) | 新規保証引受 | 保証債務残高 | …
  計画値 (merged down) | 計       | 1,814,456    | 15,497,614  | …
                       | 無担保   | 480,409      | …
                       | 有担保   | …

with `side_label=False` the 計画値 column is left out (項目 over the one label column). The
ratio table (one value per item) transposed is one row of values: 項目 | 延滞率 | … over
計画値 | 0.11 | …. Every producer draws these boxes with its own widths and rules (the
generators in tests/variants/docx_plan.py, html_print.py and plan_pdf.py); what a reader
must get back does not change with the orientation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from tests.variants.editions import figure_text

FIGURE_COLUMNS = ("total", "unsecured", "secured")


@dataclass(frozen=True)
class Box:
    """One (merged) cell of a figure table: slot, span, text and role."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    role: str  # head (項目, 計画値) | item | condition | number


@dataclass(frozen=True)
class FigureGrid:
    """A figure table to draw: caption and unit line, size, boxes, and how many of its rows are
    header rows and of its columns label columns (what is left holds the numbers)."""

    caption: str
    unit_label: str
    n_rows: int
    n_cols: int
    header_rows: int
    label_cols: int
    boxes: tuple[Box, ...]
    fill: bool = True  # as wide as the text (False: each column as wide as its text needs)

    def column_texts(self, col: int) -> list[str]:
        """Every text printed in column `col` (a box starting there), for sizing it."""
        return [shown(box) for box in self.boxes if box.col == col and box.colspan == 1]


def shown(box: Box) -> str:
    """A box's text as printed: headings and condition labels spaced out (計 画 値, 無 担 保),
    as the shipped tables print them; items and numbers as they are."""
    if box.role in ("head", "condition"):
        return " ".join(box.text.replace(" ", ""))
    return box.text


def _key_values(plan: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The key figures' condition labels (total, unsecured, secured) and each item's printed
    numbers in that order."""
    figures = plan["key_figures"]
    head = figures["header"]
    labels = [head.get("total", ""), head["unsecured"], head["secured"]]
    numbers = [[figure_text(plan, row[c]) for c in FIGURE_COLUMNS] for row in figures["rows"]]
    return labels, numbers


def transposed_key_figures(plan: dict[str, Any], side_label: bool = True) -> FigureGrid:
    """＜主要計数＞ with the items across and 計 / 無担保 / 有担保 down the rows."""
    figures = plan["key_figures"]
    head = figures["header"]
    labels, numbers = _key_values(plan)
    items = [row["item"] for row in figures["rows"]]
    side = 1 if side_label else 0
    label_cols = side + 1
    boxes = [Box(0, 0, 1, label_cols, head["item"], "head")]
    boxes += [Box(0, label_cols + i, 1, 1, item, "item") for i, item in enumerate(items)]
    if side_label:
        boxes.append(Box(1, 0, len(labels), 1, head["plan"], "head"))
    for r, label in enumerate(labels, start=1):
        boxes.append(Box(r, side, 1, 1, label, "condition"))
        boxes += [Box(r, label_cols + i, 1, 1, values[r - 1], "number")
                  for i, values in enumerate(numbers)]
    return FigureGrid(figures["caption"], figures["unit_label"], 1 + len(labels),
                      label_cols + len(items), 1, label_cols, tuple(boxes))


def transposed_ratios(plan: dict[str, Any]) -> FigureGrid:
    """＜諸比率＞ with the items across and one row of values under them, labelled 計画値."""
    ratios = plan["ratios"]
    rows = ratios["rows"]
    boxes = [Box(0, 0, 1, 1, ratios["header"]["item"], "head"),
             Box(1, 0, 1, 1, ratios["header"]["plan"], "head")]
    boxes += [Box(0, 1 + i, 1, 1, row["item"], "item") for i, row in enumerate(rows)]
    boxes += [Box(1, 1 + i, 1, 1, row["value_text"], "number") for i, row in enumerate(rows)]
    return FigureGrid(ratios["caption"], ratios["unit_label"], 2, 1 + len(rows), 1, 1,
                      tuple(boxes), fill=False)


def transposed_grids(plan: dict[str, Any], side_label: bool = True) -> list[FigureGrid]:
    """Both figure tables of `plan` transposed (the ratio table only if the plan has one)."""
    grids = [transposed_key_figures(plan, side_label)]
    if plan.get("ratios"):
        grids.append(transposed_ratios(plan))
    return grids


def fitted_widths(grid: FigureGrid, measure: Any, room: float, pad: float,
                  label_min: float) -> tuple[tuple[float, ...], float]:
    """Column widths and the scale (≤ 1) the text must be set at so that every column's widest
    text fits on one line: the value columns share what `room` points leave them (a grid that
    does not `fill` takes only what its widest text needs, at least `label_min`);
    `measure(text)` is a text's width at full size, `pad` the points a cell keeps free,
    `label_min` the least width of a label column."""
    need = [max([measure(t) for t in grid.column_texts(c)] + [0.0]) for c in range(grid.n_cols)]
    labels = [max(label_min, need[c] + pad) for c in range(grid.label_cols)]
    values = need[grid.label_cols:]
    widest = max(values + [1.0])
    per = (room - sum(labels)) / max(1, len(values))
    if not grid.fill:  # as narrow as its text lets it, under a caption line that fits
        caption = measure(grid.caption + grid.unit_label) + 2 * pad
        per = min(per, max(label_min, widest + 2 * pad,
                           (caption - sum(labels)) / max(1, len(values))))
    scale = min(1.0, (per - pad) / widest)
    return tuple(labels + [per] * len(values)), scale


def ems(text: str) -> float:
    """A text's width in ems, roughly as the IPAex fonts set it: a wide character one em, any
    other (digits, commas, Latin) at most 0.6 em."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)
