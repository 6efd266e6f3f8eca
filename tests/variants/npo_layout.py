"""The NPO comparison table (制度概要) as a grid of merged boxes with rules, for any producer.

One page's table is laid out once here and drawn by the office and browser generators: a header
row (項目 over the label columns, each bank over its value | unit | note sub-columns), label
cells merged over the rows they head, and per row kind (see `row_kind`) the bank's cells. Which
vertical edges are ruled, and in which border style, is `vertical_rule`'s answer for an edge's
kind (frame, label, bank group, inside a bank) and row: the classes of ruling seen in real
tables are the `INNER_RULES` options and `body_verticals`, and `RULINGS` for the whole table:
"grid" (as those options say), "rows_only" (horizontal rules between the rows, above and below,
and no vertical rule anywhere, not even the frame or the header: Word and Writer house style)
or "none" (no rule at all: an HTML table, told apart by its text, or shaded on alternate rows).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tests.variants.editions import truth_of

# How the item labels are printed: with their mark legend, or spaced out for alignment.
PRINTED_LABEL = {
    "資金使途": "資金使途\n○：対象\n×：対象外",
    "融資の種類": "融資の種類\n○：あり\n×：なし",
    "金利": "金　利",
}
INNER_RULES = ("all", "none", "some_rows", "dashed", "dotted", "hair")
RULINGS = ("grid", "rows_only", "none")
# Rows (by item) that keep their inner rules under inner_rules="some_rows".
SOME_ROWS = ("融資額限度", "金利")
THIN = "thin"


@dataclass(frozen=True)
class Box:
    """One (merged) cell: grid slot and span, text, alignment, role and owning bank."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    align: str = "center"
    role: str = "label"  # label | header | mark | value | unit | note
    bank: int | None = None  # index of the bank on the page; None for label cells
    truth_row: str = ""  # the truth row this box is in ("" for the header)


@dataclass(frozen=True)
class PageGrid:
    """A page's table: boxes, the owner of every column and the truth row of every grid row."""

    boxes: tuple[Box, ...]
    columns: tuple[tuple[str, int], ...]  # ("label", depth index) or ("bank", bank index)
    rows: tuple[str, ...]  # "" for the header row, else the truth row name

    @property
    def n_cols(self) -> int:
        return len(self.columns)


def row_kind(edition: dict[str, Any], row: str) -> str:
    """How a row is laid out: 'value' (value | unit | note), 'mark' (mark | note) or 'note'."""
    cells = [rows[row] for rows in edition["cells"].values() if row in rows]
    if any(c.get("value") or c.get("unit") for c in cells):
        return "value"
    if any(c.get("mark") for c in cells):
        return "mark"
    return "note"


def label_boxes(rows: Sequence[str], depth: int,
                printed: dict[str, str] | None = None) -> list[Box]:
    """Label cells: each path part merged over the consecutive rows that share it; an outer
    label printed as `printed` says (an edition's "printed_labels"), else as PRINTED_LABEL."""
    printed = {**PRINTED_LABEL, **(printed or {})}
    boxes = []
    paths = [row.split("/") for row in rows]
    for i, path in enumerate(paths):
        for k, part in enumerate(path):
            if i > 0 and paths[i - 1][: k + 1] == path[: k + 1] and k < len(path) - 1:
                continue  # covered by the merged cell above
            last = k == len(path) - 1
            span = 1
            if not last:
                while i + span < len(paths) and paths[i + span][: k + 1] == path[: k + 1]:
                    span += 1
            text = printed.get(part, part) if k == 0 else part
            boxes.append(Box(1 + i, k, span, depth - k if last else 1, text, truth_row=rows[i]))
    return boxes


def _text(cell: dict[str, Any], field: str) -> str:
    return cell.get(field) or ""


def page_grid(edition: dict[str, Any], banks: Sequence[str], *, labels: bool = True) -> PageGrid:
    """The table of one page showing `banks` (row 0 the header, then one grid row per row)."""
    rows = list(edition["rows"])
    depth = max(len(row.split("/")) for row in rows)
    boxes: list[Box] = []
    columns: list[tuple[str, int]] = []
    if labels:
        boxes += [Box(0, 0, 1, depth, "項目", role="header"),
                  *label_boxes(rows, depth, edition.get("printed_labels"))]
        columns += [("label", k) for k in range(depth)]
    kinds = {row: row_kind(edition, row) for row in rows}
    for b, bank in enumerate(banks):
        start = len(columns)
        columns += [("bank", b)] * 3
        boxes.append(Box(0, start, 1, 3, bank, role="header", bank=b))
        for i, row in enumerate(rows, start=1):
            cell = edition["cells"][bank].get(row)
            if cell is None:
                raise ValueError(f"{bank} has no cell for row {row}")
            kind = kinds[row]
            if kind == "note":
                boxes.append(Box(i, start, 1, 3, _text(cell, "note"), "center", "note", b, row))
            elif kind == "mark":
                boxes.append(Box(i, start, 1, 1, _text(cell, "mark"), "center", "mark", b, row))
                boxes.append(Box(i, start + 1, 1, 2, _text(cell, "note"), "center", "note", b, row))
            else:
                boxes += [
                    Box(i, start, 1, 1, _text(cell, "value"), "center", "value", b, row),
                    Box(i, start + 1, 1, 1, _text(cell, "unit"), "center", "unit", b, row),
                    Box(i, start + 2, 1, 1, _text(cell, "note"), "left", "note", b, row),
                ]
    return PageGrid(tuple(boxes), tuple(columns), ("", *rows))


def edge_kind(grid: PageGrid, col: int) -> str:
    """The vertical edge left of grid column `col`: frame, label, group or inner."""
    if col <= 0 or col >= grid.n_cols:
        return "frame"
    left, right = grid.columns[col - 1], grid.columns[col]
    if "label" in (left[0], right[0]):
        return "label"
    return "group" if left != right else "inner"


def vertical_rule(
    grid: PageGrid, col: int, row: int, *, inner_rules: str = "all", body_verticals: bool = True,
    ruling: str = "grid",
) -> str | None:
    """Border style of the vertical edge left of `col` in grid row `row` (None: not ruled)."""
    if inner_rules not in INNER_RULES:
        raise ValueError(f"inner_rules must be one of {INNER_RULES}, not {inner_rules!r}")
    if ruling not in RULINGS:
        raise ValueError(f"ruling must be one of {RULINGS}, not {ruling!r}")
    if ruling != "grid":
        return None
    if row == 0:
        return THIN  # the header always boxes 項目 and every bank
    if not body_verticals:
        return None
    kind = edge_kind(grid, col)
    if kind != "inner" or inner_rules == "all":
        return THIN
    if inner_rules == "none":
        return None
    if inner_rules == "some_rows":
        return THIN if grid.rows[row].split("/")[0] in SOME_ROWS else None
    return inner_rules  # dashed, dotted, hair


def horizontal_rule(ruling: str = "grid") -> str | None:
    """Border style of every horizontal edge of a table ruled `ruling` (None: not ruled)."""
    return None if ruling == "none" else THIN


def text_width(text: str, size: float) -> float:
    """A generous estimate of the printed width of one line (full-width 1 em, others 0.6 em)."""
    return sum(size if unicodedata.east_asian_width(ch) in "WFA" else 0.6 * size for ch in text)


def line_count(text: str, width: float, size: float) -> int:
    """Lines `text` needs in a cell `width` points wide: its own breaks, then wraps."""
    lines = 0
    for paragraph in text.split("\n"):
        line = 0.0
        lines += 1
        for ch in paragraph:
            w = text_width(ch, size)
            if line and line + w > width:
                lines += 1
                line = 0.0
            line += w
    return lines


def banks_of(edition: dict[str, Any]) -> list[str]:
    """Every bank of an edition, in printed order."""
    return [bank for page in edition["pages"] for bank in page]


def paged_truth(edition: dict[str, Any], pages: Sequence[Sequence[str]]) -> dict[str, Any]:
    """`edition`'s truth with the banks each printed page holds, named as the reader must give
    them back (⻑野県労働金庫 printed, 長野県労働金庫 read)."""
    truth = truth_of(edition)
    named = dict(zip(banks_of(edition), banks_of(truth), strict=True))
    truth["pages"] = [[named[bank] for bank in page] for page in pages]
    return truth


def split_banks(banks: list[str], banks_per_page: Sequence[int]) -> list[list[str]]:
    """`banks` in consecutive groups of the given sizes."""
    if sum(banks_per_page) != len(banks) or any(n < 1 for n in banks_per_page):
        raise ValueError(f"banks_per_page {tuple(banks_per_page)} do not split {len(banks)} banks")
    pages, at = [], 0
    for n in banks_per_page:
        pages.append(banks[at : at + n])
        at += n
    return pages
