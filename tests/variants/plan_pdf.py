"""Render a business plan (事業計画) in the truth-file format as a PDF, like the published one.

The plan is a dict as in tests/data/business_plan_2025.truth.json: title, blocks (kind, level,
number, text) in reading order, key_figures and ratios (caption, unit_label, header, rows) and
closing. The drawing mimics the published layout: a larger centred title, headings printed as
number + text, measures as number + gap + text, paragraphs with a first-line indent, lines
wrapped at the right margin (never inside an ASCII word; a space at a break is dropped, so the
lines join back to the text up to that space), a blank line before a heading that follows
text, page numbers in the footer, and at the end the two ruled tables under their caption
and unit: ＜主要計数＞ with 項目 merged over two header rows and 計画値 merged over three
value columns of which only 無担保 and 有担保 are labelled, ＜諸比率＞ with one value
column, row labels spaced out (distributed alignment), then 以上. Whatever a new year may
change is a parameter.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from tests.variants.editions import figure_text
from tests.variants.plan_layout import FigureGrid, fitted_widths, shown, transposed_grids
from tests.variants.rotate import page_canvas

DATA = Path(__file__).resolve().parents[1] / "data"
TRUTH = DATA / "business_plan_2025.truth.json"

LEFT = 65.0
TOP = 72.0
BOTTOM = 90.0
TITLE_SCALE = 1.5
LEADING = 1.65
RULE = 0.5
FIGURE_COLUMNS = ("total", "unsecured", "secured")
# Where lines may not start (禁則): closing brackets and punctuation stay on the line before.
NO_LINE_START = set("、。，．）」』】〕・ーっゃゅょァィゥェォッャュョ")
# Indent in characters: (first line, continuation lines) of a paragraph at each level.
PARAGRAPH_INDENT = {0: (1, 0), 1: (2, 1), 2: (2, 1), 3: (4, 3)}
DEEP_PARAGRAPH_INDENT = (4, 4)
# Indent in characters of a numbered block at each level; deeper levels use the last.
NUMBER_INDENT = (0, 0, 0, 1, 4)
# The gap printed between a measure's number and its text.
GAP = " "


def load_truth_plan() -> dict[str, Any]:
    """The 2025 plan as recorded in the truth file."""
    return json.loads(TRUTH.read_text("utf-8"))


def plan_copy(plan: dict[str, Any]) -> dict[str, Any]:
    """A deep copy to edit into another edition."""
    return copy.deepcopy(plan)


def retitle(plan: dict[str, Any], title: str, fiscal_year: int) -> dict[str, Any]:
    """`plan` (edited in place and returned) with a new title, in both places it is recorded."""
    plan["title"] = title
    plan["fiscal_year"] = fiscal_year
    for block in plan["blocks"]:
        if block["kind"] == "title":
            block["text"] = title
    return plan


def _title(plan: dict[str, Any]) -> str:
    titles = [block["text"] for block in plan["blocks"] if block["kind"] == "title"]
    return titles[0] if titles else plan["title"]


@dataclass(frozen=True)
class PrintLine:
    """One line to draw: text, indent in points, font size, or a blank line."""

    text: str
    indent: float = 0.0
    size: float = 0.0
    centred: bool = False
    block: int | None = None  # index in plan["blocks"] of the block this line opens

    @property
    def blank(self) -> bool:
        return not self.text


def _breakable(text: str, i: int) -> bool:
    """May a line break fall before text[i]?"""
    before, after = text[i - 1], text[i]
    if before.isspace() or after.isspace():
        return True  # the space is dropped at the break, as a typesetter does
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return False
    return after not in NO_LINE_START


def wrap(text: str, first_width: float, width: float, font: str, size: float) -> list[str]:
    """Lines of `text` no wider than the widths, broken only where _breakable allows."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        limit = first_width if not lines else width
        end = start + 1
        last_ok = None
        while end <= len(text) and pdfmetrics.stringWidth(text[start:end], font, size) <= limit:
            if end == len(text) or _breakable(text, end):
                last_ok = end
            end += 1
        if end > len(text) and last_ok == len(text):
            lines.append(text[start:])
            break
        cut = last_ok if last_ok and last_ok > start else max(start + 1, end - 1)
        lines.append(text[start:cut].rstrip())
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    return lines


def _numbered_indent(level: int) -> int:
    return NUMBER_INDENT[min(level, len(NUMBER_INDENT) - 1)]


def body_lines(plan: dict[str, Any], font: str, size: float, width: float) -> list[PrintLine]:
    """The title and every block as printed lines, blank lines included."""
    em = pdfmetrics.stringWidth("あ", font, size)
    out = [PrintLine(_title(plan), size=size * TITLE_SCALE, centred=True), PrintLine("")]
    previous = "title"
    for index, block in enumerate(plan["blocks"]):
        kind, level, number, text = block["kind"], block["level"], block["number"], block["text"]
        if kind == "title":
            continue
        if kind == "heading" and previous not in ("heading", "title"):
            out.append(PrintLine("", block=index))
        if number:
            printed = number + (GAP if kind == "outline" else "") + text
            first = _numbered_indent(level)
            rest = _numbered_indent(level + 1) if kind == "heading" else first
        else:
            printed = text
            first, rest = PARAGRAPH_INDENT.get(level, DEEP_PARAGRAPH_INDENT)
        lines = wrap(printed, width - first * em, width - rest * em, font, size)
        opens = None if out[-1].block == index else index
        for n, line in enumerate(lines):
            indent = (first if n == 0 else rest) * em
            out.append(PrintLine(line, indent, size, block=opens if n == 0 else None))
        previous = kind
    return out


def _spaced(text: str) -> str:
    return " ".join(text)


@dataclass(frozen=True)
class TableSpec:
    """A figure table to draw: caption, unit label, column widths, header cells and body rows."""

    caption: str
    unit_label: str
    widths: tuple[float, ...]
    header: tuple[tuple[int, int, int, int, str], ...]  # row, col, rowspan, colspan, text
    rows: tuple[tuple[str, ...], ...]


def table_specs(plan: dict[str, Any], scale: float = 1.0) -> list[TableSpec]:
    """The key-figure table and (if any) the ratio table of a plan, ready to draw."""
    specs = []
    figures = plan["key_figures"]
    head = figures["header"]
    specs.append(TableSpec(
        figures["caption"], figures["unit_label"],
        tuple(w * scale for w in (160.0, 100.0, 100.0, 100.0)),
        (
            (0, 0, 2, 1, head["item"]),
            (0, 1, 1, 3, head["plan"]),
            (1, 1, 1, 1, head.get("total", "")),
            (1, 2, 1, 1, head["unsecured"]),
            (1, 3, 1, 1, head["secured"]),
        ),
        tuple(
            (row["item"], *(figure_text(plan, row[column]) for column in FIGURE_COLUMNS))
            for row in figures["rows"]
        ),
    ))
    ratios = plan.get("ratios")
    if ratios:
        specs.append(TableSpec(
            ratios["caption"], ratios["unit_label"],
            tuple(w * scale for w in (160.0, 100.0)),
            ((0, 0, 1, 1, ratios["header"]["item"]), (0, 1, 1, 1, ratios["header"]["plan"])),
            tuple((row["item"], row["value_text"]) for row in ratios["rows"]),
        ))
    return specs


class _Pages:
    """A canvas with a cursor that starts a new page (with its footer) when one is full."""

    def __init__(self, canvas: Canvas, font: str, size: float, lines_per_page: int | None,
                 running_head: str | None) -> None:
        self.canvas, self.font, self.size = canvas, font, size
        self.width, self.height = A4
        self.pitch = size * LEADING
        room = int((self.height - TOP - BOTTOM) / self.pitch)
        self.lines_per_page = min(lines_per_page or room, room)
        self.running_head = running_head
        self.number = 0
        self.y = 0.0
        self.used = 0
        self._new_page()

    def _new_page(self) -> None:
        if self.number:
            self._footer()
            self.canvas.showPage()
        self.number += 1
        self.y = TOP
        self.used = 0
        if self.running_head:
            self.canvas.setFont(self.font, self.size * 0.8)
            self.canvas.drawRightString(self.width - LEFT, self.height - TOP / 2, self.running_head)

    def _footer(self) -> None:
        self.canvas.setFont(self.font, self.size)
        self.canvas.drawCentredString(self.width / 2, BOTTOM / 2, str(self.number))

    def text(self, line: PrintLine) -> None:
        if line.blank:
            if self.used:
                self.y += self.pitch
                self.used += 1
            if self.used >= self.lines_per_page:
                self._new_page()
            return
        if self.used >= self.lines_per_page:
            self._new_page()
        size = line.size or self.size
        self.canvas.setFont(self.font, size)
        baseline = self.height - self.y - size * 0.88
        if line.centred:
            self.canvas.drawCentredString(self.width / 2, baseline, line.text)
        else:
            self.canvas.drawString(LEFT + line.indent, baseline, line.text)
        self.y += max(self.pitch, size * LEADING)
        self.used += 1

    def room_for(self, height: float) -> None:
        if self.y + height > self.height - BOTTOM:
            self._new_page()

    def break_page(self) -> None:
        self._new_page()

    def finish(self) -> None:
        self._footer()
        self.canvas.showPage()


def _draw_distributed(canvas: Canvas, text: str, x0: float, x1: float, baseline: float,
                      font: str, size: float) -> None:
    """Spread the characters of `text` evenly across x0..x1 (均等割り付け)."""
    chars = [ch for ch in text if not ch.isspace()]
    if len(chars) == 1:
        canvas.drawCentredString((x0 + x1) / 2, baseline, chars[0])
        return
    widths = [pdfmetrics.stringWidth(ch, font, size) for ch in chars]
    gap = (x1 - x0 - sum(widths)) / (len(chars) - 1)
    x = x0
    for ch, w in zip(chars, widths, strict=True):
        canvas.drawString(x, baseline, ch)
        x += w + gap


def _draw_table(pages: _Pages, spec: TableSpec, indent: float, *, ruled: bool = True,
                text_size: float | None = None, row_height: float | None = None) -> None:
    canvas, font, size = pages.canvas, pages.font, text_size or pages.size
    row_h = row_height or pages.size * 1.6
    n_header = max(r + rs for r, _, rs, _, _ in spec.header)
    n_rows = n_header + len(spec.rows)
    pages.room_for(pages.pitch + row_h * n_rows)
    x = [LEFT + indent]
    for w in spec.widths:
        x.append(x[-1] + w)
    caption_base = pages.height - pages.y - pages.size * 0.88
    canvas.setFont(font, pages.size)
    canvas.drawString(x[0], caption_base, spec.caption)
    canvas.drawRightString(x[-1], caption_base, spec.unit_label)
    canvas.setFont(font, size)
    top = pages.y + pages.pitch
    y = [top + row_h * r for r in range(n_rows + 1)]

    def hline(x0: float, x1: float, yy: float) -> None:
        if ruled:
            canvas.line(x0, pages.height - yy, x1, pages.height - yy)

    def vline(xx: float, y0: float, y1: float) -> None:
        if ruled:
            canvas.line(xx, pages.height - y0, xx, pages.height - y1)

    canvas.setLineWidth(RULE)
    cells = list(spec.header) + [
        (n_header + r, c, 1, 1, text)
        for r, row in enumerate(spec.rows)
        for c, text in enumerate(row)
    ]
    for row, col, rowspan, colspan, text in cells:
        x0, x1 = x[col], x[col + colspan]
        y0, y1 = y[row], y[row + rowspan]
        hline(x0, x1, y0)
        hline(x0, x1, y1)
        vline(x0, y0, y1)
        vline(x1, y0, y1)
        if not text:
            continue
        baseline = pages.height - (y0 + y1) / 2 - size * 0.35
        pad = size * 0.6
        if row >= n_header and col > 0:
            canvas.drawRightString(x1 - pad, baseline, text)
        elif row >= n_header:
            _draw_distributed(canvas, text, x0 + 2 * pad, x1 - 2 * pad, baseline, font, size)
        else:
            spaced = _spaced(text.replace(" ", ""))
            canvas.drawCentredString((x0 + x1) / 2, baseline, spaced)
    pages.y = y[-1] + pages.pitch


def _draw_grid(pages: _Pages, grid: FigureGrid, indent: float, room: float) -> None:
    """A figure table laid out by tests/variants/plan_layout.py (the transposed tables), every
    box ruled, its text set small enough for each item to fit its column on one line."""
    canvas, font = pages.canvas, pages.font
    pad = pages.size * 0.3
    widths, scale = fitted_widths(
        grid, lambda text: pdfmetrics.stringWidth(text, font, pages.size), room, 3 * pad,
        pages.size * 3)
    size = pages.size * scale
    row_h = pages.size * 1.6
    pages.room_for(pages.pitch + row_h * grid.n_rows)
    x = [LEFT + indent]
    for w in widths:
        x.append(x[-1] + w)
    caption_base = pages.height - pages.y - pages.size * 0.88
    canvas.setFont(font, pages.size)
    canvas.drawString(x[0], caption_base, grid.caption)
    canvas.drawRightString(x[-1], caption_base, grid.unit_label)
    top = pages.y + pages.pitch
    y = [top + row_h * r for r in range(grid.n_rows + 1)]
    canvas.setLineWidth(RULE)
    canvas.setFont(font, size)
    for box in grid.boxes:
        x0, x1 = x[box.col], x[box.col + box.colspan]
        y0, y1 = y[box.row], y[box.row + box.rowspan]
        canvas.rect(x0, pages.height - y1, x1 - x0, y1 - y0)
        if not box.text:
            continue
        baseline = pages.height - (y0 + y1) / 2 - size * 0.35
        if box.role == "number":
            canvas.drawRightString(x1 - pad, baseline, box.text)
        else:
            canvas.drawCentredString((x0 + x1) / 2, baseline, shown(box))
    pages.y = y[-1] + pages.pitch


def render_plan_pdf(
    truth: dict[str, Any],
    path: Path,
    *,
    font: str = "HeiseiMin-W3",
    lines_per_page: int | None = None,
    size: float = 10.5,
    text_width: float = 465.0,
    table_scale: float = 1.0,
    running_head: str | None = None,
    page_breaks_before: Sequence[int] = (),
    transposed: bool = False,
    side_label: bool = True,
    rotate: int = 0,
    table_style: str = "grid",
    table_size: float | None = None,
    row_height: float | None = None,
) -> Path:
    """Draw the plan `truth` (truth-file format) into the PDF `path` and return the path.

    font is a reportlab built-in CID font (HeiseiMin-W3, HeiseiKakuGo-W5); lines_per_page caps
    the body lines on a page (None fills each page); size is the body font size; text_width the
    width lines wrap at, in points; table_scale widens or narrows the table columns;
    running_head prints a line at the top right of every page; page_breaks_before starts a new
    page before the blocks with these 0-based indexes in truth["blocks"]; transposed prints the
    figure tables with the items across and the conditions down (tests/variants/plan_layout.py,
    text set smaller where the items would not fit), side_label with 計画値 merged down beside
    the condition labels; rotate (90, 180, 270) stores every page turned, with /Rotate and the
    content turned back, so it shows as drawn (tests/variants/rotate.py); table_style "grid"
    rules every cell of the figure tables (as shipped), "none" draws no rule; table_size sets
    their text (default the body size) and row_height their rows (default 1.6 × the body
    size), as shipped tables only.
    """
    if table_style not in ("grid", "none"):
        raise ValueError(f"table_style must be 'grid' or 'none', not {table_style!r}")
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    path = Path(path)
    canvas = page_canvas(path, rotate, pagesize=A4, invariant=1)
    canvas.setTitle(_title(truth))
    pages = _Pages(canvas, font, size, lines_per_page, running_head)
    breaks = set(page_breaks_before)
    for line in body_lines(truth, font, size, text_width):
        if line.block in breaks and pages.used:
            pages.break_page()
        pages.text(line)
    pages.text(PrintLine(""))
    if transposed:
        for grid in transposed_grids(truth, side_label):
            _draw_grid(pages, grid, size * 2.7, text_width - size * 2.7)
    else:
        for spec in table_specs(truth, table_scale):
            _draw_table(pages, spec, size * 2.7, ruled=table_style == "grid",
                        text_size=table_size, row_height=row_height)
    closing = truth.get("closing")
    if closing:
        pages.room_for(pages.pitch)
        canvas.setFont(font, size)
        right = LEFT + text_width - size
        canvas.drawRightString(right, pages.height - pages.y - size * 0.88, "　".join(closing))
    pages.finish()
    canvas.save()
    return path

