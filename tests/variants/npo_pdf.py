"""Render an edition of the NPO loan comparison table (制度概要) as a ruled PDF.

The edition is a dict in the truth-file format (title, as_of_label, pages, rows,
cells[bank][row] = {mark, value, unit, note}). The drawing mimics the published table: a header
row (項目 over the label columns, each bank over its value | unit | note sub-columns), label cells
merged over the rows they head, mark rows with the mark in the value sub-column and the note over
unit + note, and a one-cell note across a bank for rows without marks or values. What a new year
may change is a parameter: page split, font, column widths, border style, drawing order, date.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A3, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from tests.variants.npo_layout import Box, label_boxes, row_kind, split_banks
from tests.variants.rotate import page_canvas

DATA = Path(__file__).resolve().parents[1] / "data"
TRUTH = DATA / "npo_loan_comparison_2025-04-01.truth.json"
FIELDS = ("mark", "value", "unit", "note")

LABEL_WIDTHS = (44.0, 40.0, 26.0)  # points, outer to inner label column
BANK_WIDTHS = (30.0, 18.0, 92.0)  # value | unit | note
FONT_SIZE = 5.5
TITLE_SIZE = 8.0
LEADING = 1.3
PAD = 2.0
MIN_ROW = 10.0
MARGIN = 30.0
RULE = 0.5
SHADE = 0.85  # grey of a shaded row
# Dashed and dotted borders drawn stroke by stroke: (stroke, gap) lengths in points.
DASHES = {"dashes": (3.0, 4.0), "dots": (0.6, 2.4)}


def load_truth_edition() -> dict[str, Any]:
    """The 2025 edition as recorded in the truth file (only the keys an edition needs)."""
    data = json.loads(TRUTH.read_text("utf-8"))
    edition = {key: data[key] for key in ("title", "as_of", "as_of_label", "pages", "rows")}
    edition["cells"] = {
        bank: {row: {f: cell.get(f) for f in FIELDS} for row, cell in rows.items()}
        for bank, rows in data["cells"].items()
    }
    return edition


def edit_cell(edition: dict[str, Any], bank: str, row: str, **fields: str | None) -> dict[str, Any]:
    """A deep copy of `edition` with some of mark/value/unit/note of one cell replaced."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown cell fields {sorted(unknown)}")
    new = copy.deepcopy(edition)
    new["cells"][bank][row].update(fields)
    return new


def _text(cell: dict[str, Any], field: str) -> str:
    return cell.get(field) or ""


def _bank_boxes(
    edition: dict[str, Any], bank: str, start: int, n_sub: int, kinds: dict[str, str]
) -> list[Box]:
    """A bank's header cell and its cells in every row, laid out by the row's kind."""
    boxes = [Box(0, start, 1, n_sub, bank)]
    for i, row in enumerate(edition["rows"], start=1):
        cell = edition["cells"][bank].get(row)
        if cell is None:
            raise ValueError(f"{bank} has no cell for row {row}")
        kind = kinds[row]
        if kind == "note":
            if any(_text(cell, f) for f in ("mark", "value", "unit")):
                raise ValueError(f"{bank} {row}: a note row cannot print a mark, value or unit")
            boxes.append(Box(i, start, 1, n_sub, _text(cell, "note")))
        elif kind == "mark":
            if _text(cell, "value") or _text(cell, "unit"):
                raise ValueError(f"{bank} {row}: a mark row cannot print a value or unit")
            boxes.append(Box(i, start, 1, 1, _text(cell, "mark")))
            boxes.append(Box(i, start + 1, 1, n_sub - 1, _text(cell, "note"), "left"))
        else:
            if _text(cell, "mark"):
                raise ValueError(f"{bank} {row}: a value row cannot print a mark")
            value, unit = _text(cell, "value"), _text(cell, "unit")
            if n_sub == 2:  # no unit sub-column: the unit is printed after the value
                boxes.append(Box(i, start, 1, 1, value + unit))
            else:
                boxes.append(Box(i, start, 1, 1, value))
                boxes.append(Box(i, start + 1, 1, 1, unit))
            boxes.append(Box(i, start + n_sub - 1, 1, 1, _text(cell, "note"), "left"))
    return boxes


def wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """Printed lines of `text`: its own line breaks, then a break wherever a line would overflow."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if line and pdfmetrics.stringWidth(line + ch, font, size) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _row_heights(boxes: list[Box], lines: dict[Box, list[str]], n_rows: int) -> list[float]:
    """Row heights that fit every cell's lines, spanning cells growing their last row."""
    line_height = FONT_SIZE * LEADING
    heights = [MIN_ROW] * n_rows
    for box in boxes:
        if box.rowspan == 1:
            need = len(lines[box]) * line_height + 2 * PAD
            heights[box.row] = max(heights[box.row], need)
    for box in boxes:
        if box.rowspan > 1:
            need = len(lines[box]) * line_height + 2 * PAD
            have = sum(heights[box.row : box.row + box.rowspan])
            if need > have:
                heights[box.row + box.rowspan - 1] += need - have
    return heights


def _page(
    canvas: Canvas,
    edition: dict[str, Any],
    banks: list[str],
    *,
    font: str,
    col_scale: float,
    borders: str,
    shading: bool,
    rng: random.Random | None,
    as_of_label: str,
    unitless: Collection[str],
    labels: bool,
    row_scale: float = 1.0,
) -> None:
    rows = edition["rows"]
    depth = max(len(row.split("/")) for row in rows)
    kinds = {row: row_kind(edition, row) for row in rows}
    label_widths = [LABEL_WIDTHS[min(k, len(LABEL_WIDTHS) - 1)] for k in range(depth)]
    boxes = ([Box(0, 0, 1, depth, "項目"),
              *label_boxes(rows, depth, edition.get("printed_labels"))] if labels else [])
    widths = list(label_widths) if labels else []
    for bank in banks:
        start = len(widths)
        if bank in unitless:
            widths += [BANK_WIDTHS[0], BANK_WIDTHS[1] + BANK_WIDTHS[2]]
        else:
            widths += list(BANK_WIDTHS)
        boxes += _bank_boxes(edition, bank, start, len(widths) - start, kinds)
    widths = [w * col_scale for w in widths]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)

    lines = {
        box: wrap(box.text, sum(widths[box.col : box.col + box.colspan]) - 2 * PAD, font, FONT_SIZE)
        for box in boxes
    }
    heights = [h * row_scale for h in _row_heights(boxes, lines, len(rows) + 1)]
    top = MARGIN + 2.5 * TITLE_SIZE
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    page_w = max(landscape(A3)[0], xs[-1] + MARGIN)
    page_h = max(landscape(A3)[1], ys[-1] + MARGIN)
    canvas.setPageSize((page_w, page_h))

    def text_op(x: float, top_y: float, s: str, size: float) -> Callable[[], None]:
        def draw() -> None:
            canvas.setFont(font, size)
            canvas.drawString(x, page_h - top_y - size * 0.88, s)

        return draw

    def rule_op(x0: float, y0: float, x1: float, y1: float) -> Callable[[], None]:
        def draw() -> None:
            if borders == "rects":  # a thin filled rectangle, as some spreadsheet exports draw
                canvas.rect(
                    min(x0, x1) - RULE / 2,
                    page_h - max(y0, y1) - RULE / 2,
                    abs(x1 - x0) + RULE,
                    abs(y1 - y0) + RULE,
                    stroke=0,
                    fill=1,
                )
            elif borders in DASHES:  # a dashed/dotted border as many short strokes of its own
                on, off = DASHES[borders]
                length = abs(x1 - x0) + abs(y1 - y0)
                step_x, step_y = (x1 - x0) / length, (y1 - y0) / length
                at = 0.0
                while at < length:
                    end = min(at + on, length)
                    canvas.line(x0 + step_x * at, page_h - (y0 + step_y * at),
                                x0 + step_x * end, page_h - (y0 + step_y * end))
                    at = end + off
            else:
                canvas.line(x0, page_h - y0, x1, page_h - y1)

        return draw

    def band_op(y0: float, y1: float) -> Callable[[], None]:
        def draw() -> None:  # a grey background as tall as the row, across the whole table
            canvas.setFillGray(SHADE)
            canvas.rect(xs[0], page_h - y1, xs[-1] - xs[0], y1 - y0, stroke=0, fill=1)
            canvas.setFillGray(0)

        return draw

    bands = [band_op(ys[i], ys[i + 1]) for i in range(2, len(ys) - 1, 2)] if shading else []
    ops: list[Callable[[], None]] = [text_op(MARGIN, MARGIN, edition["title"], TITLE_SIZE)]
    label = f"（{as_of_label}）"
    label_w = pdfmetrics.stringWidth(label, font, FONT_SIZE)
    ops.append(text_op(xs[-1] - label_w, top - FONT_SIZE * 1.6, label, FONT_SIZE))
    line_height = FONT_SIZE * LEADING
    for box in boxes:
        x0, x1 = xs[box.col], xs[box.col + box.colspan]
        y0, y1 = ys[box.row], ys[box.row + box.rowspan]
        if borders != "none":
            ops += [rule_op(x0, y0, x1, y0), rule_op(x0, y1, x1, y1)]
        if borders not in ("none", "rows"):
            ops += [rule_op(x0, y0, x0, y1), rule_op(x1, y0, x1, y1)]
        text_lines = lines[box]
        first = y0 + (y1 - y0 - len(text_lines) * line_height) / 2
        for n, s in enumerate(text_lines):
            if not s:
                continue
            if box.align == "left":
                x = x0 + PAD
            else:
                x = (x0 + x1 - pdfmetrics.stringWidth(s, font, FONT_SIZE)) / 2
            y = first + n * line_height
            if rng is None:
                ops.append(text_op(x, y, s, FONT_SIZE))
                continue
            for i, ch in enumerate(s):  # shuffled: every character on its own
                dx = pdfmetrics.stringWidth(s[:i], font, FONT_SIZE)
                ops.append(text_op(x + dx, y, ch, FONT_SIZE))
    if rng is not None:
        rng.shuffle(ops)
    canvas.setLineWidth(RULE)
    for op in [*bands, *ops]:  # the backgrounds first, under the text and rules
        op()
    canvas.showPage()


def render_npo_pdf(
    edition: dict[str, Any],
    path: Path,
    *,
    banks_per_page: Sequence[int] = (7, 6),
    font: str = "HeiseiKakuGo-W5",
    col_scale: float = 1.0,
    borders: str = "lines",
    shading: bool = False,
    shuffle_seed: int | None = None,
    as_of_label: str | None = None,
    unitless_banks: Collection[str] = (),
    repeat_labels: bool = True,
    rotate: int = 0,
    row_scale: Sequence[float] = (),
) -> Path:
    """Draw `edition` into the PDF `path` and return the path.

    banks_per_page splits the banks (in the edition's order) over pages; font is a reportlab
    built-in CID font (HeiseiKakuGo-W5, HeiseiMin-W3); col_scale widens or narrows every column;
    borders is "lines", "rects" (thin filled rectangles), or "dashes" / "dots" (every rule
    as many short strokes with gaps wider than a join tolerance, as some exporters draw dashed
    and dotted borders), "rows" (the horizontal rules only) or "none" (no rule at all);
    shading paints every other body row's background grey, a filled rectangle as tall as the
    row across the whole table (zebra rows); shuffle_seed draws every character
    and rule on its own, in a shuffled order; as_of_label replaces the edition's date text
    (令和7年4月1日現在); repeat_labels=False leaves the label columns off every page but the
    first; unitless_banks are drawn with no unit sub-column (a broken layout, for error tests);
    row_scale[n] makes the rows of page n + 1 that many times taller (text set in rows far
    apart).
    """
    if borders not in {"lines", "rects", "rows", "none", *DASHES}:
        raise ValueError(f"borders must be lines, rects, rows, none, {', '.join(DASHES)}, "
                         f"not {borders!r}")
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    banks = [bank for page in edition["pages"] for bank in page]
    rng = random.Random(shuffle_seed) if shuffle_seed is not None else None
    path = Path(path)
    canvas = page_canvas(path, rotate, invariant=1)
    canvas.setTitle(edition["title"])
    for number, page_banks in enumerate(split_banks(banks, banks_per_page)):
        _page(
            canvas,
            edition,
            page_banks,
            font=font,
            col_scale=col_scale,
            borders=borders,
            shading=shading,
            rng=rng,
            as_of_label=as_of_label or edition["as_of_label"],
            unitless=set(unitless_banks),
            labels=repeat_labels or number == 0,
            row_scale=row_scale[number] if number < len(row_scale) else 1.0,
        )
    canvas.save()
    return path
