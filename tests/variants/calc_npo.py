"""The NPO comparison table (制度概要) as LibreOffice Calc prints it: openpyxl workbook → PDF.

This is how the shipped table was made. Each group of banks printed on its own page is a sheet
(so each page is scaled on its own, like the shipped 7 + 6 pages): the title 制度概要 and the
as-of label in the first row, the table from the second (see tests/variants/npo_layout.py for
its boxes), wrapped text, merged label cells, landscape, a print area and fit-to-page scaling.
Row heights are computed here from the text (Calc keeps the heights a workbook states), so the
layout is the same on every machine. Options, each a class of layout seen in real documents:

  inner_rules     "all" | "none" | "some_rows" | "dashed" | "dotted" | "hair": the vertical rules
                  inside a bank's value | unit | note group (see npo_layout.vertical_rule);
  body_verticals  False: no vertical rules at all below the header row;
  banks_per_page  the banks of each sheet, in order (7, 6 as shipped);
  row_break       k: a manual page break after the k-th row of the table body, so the header
                  and the first k rows end one page and the others continue on the next (the
                  sheet then prints at a fixed scale that fits both parts: a fit-to-page scale
                  would ignore the break); "auto": printed at the scale that fits the width,
                  broken where each page is full (as Calc's own breaks fall, but stated, so
                  the pages are the same on every machine), perhaps inside a merged label;
  repeat_header   with row_break: the title and header rows are Calc print titles, repeated
                  on the continuation page (False: the page starts with the body rows);
  font            "IPAexGothic" | "IPAexMincho";
  paper, orientation  "A3" | "A4", "landscape" | "portrait";
  row_scale       every body row this many times taller (a looser table).

The truth returned (and written beside the PDF as <name>.truth.json) is the edition in the
truth-file format with `pages` as printed: the banks whose columns each PDF page shows (a sheet
broken by row_break gives two pages with the same banks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from tests.variants.npo_layout import (
    THIN,
    Box,
    PageGrid,
    banks_of,
    line_count,
    page_grid,
    paged_truth,
    split_banks,
    vertical_rule,
)
from tests.variants.office import OfficeJob, render_office

FONTS = ("IPAexGothic", "IPAexMincho")
FONT_SIZE = 9.0
TITLE_SIZE = 12.0
PT_PER_UNIT = 7.0  # points per Calc column-width unit, as LibreOffice lays them out
LABEL_UNITS = (10.0, 9.0, 6.0)  # outer to inner label column
BANK_UNITS = (7.0, 4.0, 22.0)  # value | unit | note
PAD = 5.0  # points of a cell's width not available to text
LINE_PITCH = 1.2  # line height in font sizes, generous: text must never be clipped
MIN_ROW = 14.0
TITLE_ROW = 20.0
MARGIN_IN = 0.4
PAPER = {"A3": (841.89, 1190.55), "A4": (595.28, 841.89)}  # portrait width, height in points
FIXED_TIME = dt.datetime(2025, 4, 1)
TOP = 2  # sheet row of the table's header (row 1 holds the title and the as-of label)


def _side(style: str | None) -> Side:
    return Side(style=style) if style else Side()


def _col_widths(grid: PageGrid) -> list[float]:
    widths, seen = [], 0
    for kind, index in grid.columns:
        if kind == "label":
            widths.append(LABEL_UNITS[min(index, len(LABEL_UNITS) - 1)])
        else:
            widths.append(BANK_UNITS[seen % 3])
            seen += 1
    return widths


def _row_heights(grid: PageGrid, widths: list[float], row_scale: float) -> list[float]:
    """Heights (points) of the grid rows that fit every box's lines; a merged box grows its
    last row."""
    n_rows = len(grid.rows)
    heights = [MIN_ROW] * n_rows

    def need(box: Box) -> float:
        width = sum(widths[box.col : box.col + box.colspan]) * PT_PER_UNIT - PAD
        return line_count(box.text, width, FONT_SIZE) * FONT_SIZE * LINE_PITCH + 4.0

    for box in grid.boxes:
        if box.rowspan == 1:
            heights[box.row] = max(heights[box.row], need(box))
    for box in grid.boxes:
        if box.rowspan > 1:
            have = sum(heights[box.row : box.row + box.rowspan])
            if need(box) > have:
                heights[box.row + box.rowspan - 1] += need(box) - have
    return [heights[0]] + [h * row_scale for h in heights[1:]]


def _borders(grid: PageGrid, box: Box, r: int, c: int, **rules: Any) -> Border:
    """Border of sheet cell (grid row r, col c) inside `box`: only the box's outer edges."""
    left = vertical_rule(grid, c, r, **rules) if c == box.col else None
    right = vertical_rule(grid, c + 1, r, **rules) if c == box.col + box.colspan - 1 else None
    top = THIN if r == box.row else None
    bottom = THIN if r == box.row + box.rowspan - 1 else None
    return Border(left=_side(left), right=_side(right), top=_side(top), bottom=_side(bottom))


def _fill_sheet(
    ws: Worksheet, edition: dict[str, Any], banks: list[str], *, font: str, row_scale: float,
    rules: dict[str, Any],
) -> tuple[list[float], list[float]]:
    """Write title, as-of label and table into `ws`; the column widths and row heights."""
    grid = page_grid(edition, banks)
    widths = _col_widths(grid)
    heights = _row_heights(grid, widths, row_scale)
    for c, units in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = units
    ws.row_dimensions[1].height = TITLE_ROW
    title = ws.cell(1, 1, edition["title"])
    title.font = Font(name=font, size=TITLE_SIZE, bold=True)
    title.alignment = Alignment(horizontal="left", vertical="bottom")
    label = ws.cell(1, len(widths), f"（{edition['as_of_label']}）")
    label.font = Font(name=font, size=FONT_SIZE)
    label.alignment = Alignment(horizontal="right", vertical="bottom")
    for r, height in enumerate(heights):
        ws.row_dimensions[TOP + r].height = round(height, 1)
    body_font = Font(name=font, size=FONT_SIZE)
    for box in grid.boxes:
        row, col = TOP + box.row, 1 + box.col
        first = ws.cell(row, col, box.text or None)
        if box.rowspan > 1 or box.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + box.rowspan - 1,
                           end_column=col + box.colspan - 1)
        first.alignment = Alignment(horizontal=box.align, vertical="center", wrap_text=True)
        first.font = body_font
        for r in range(box.row, box.row + box.rowspan):
            for c in range(box.col, box.col + box.colspan):
                ws.cell(TOP + r, 1 + c).border = _borders(grid, box, r, c, **rules)
    return widths, heights


def _room(paper: str, orientation: str) -> tuple[float, float]:
    """Printable width and height of a page, in points, with a little to spare."""
    short, long_ = PAPER[paper]
    page_w, page_h = (long_, short) if orientation == "landscape" else (short, long_)
    return page_w - 2 * MARGIN_IN * 72 - 10, page_h - 2 * MARGIN_IN * 72 - 10


def _natural_breaks(heights: list[float], scale: float, room_h: float,
                    repeat_header: bool) -> list[int]:
    """Body rows after which a page is full at `scale` (what Calc's own breaks would be)."""
    breaks: list[int] = []
    used = TITLE_ROW + heights[0]
    for k, height in enumerate(heights[1:]):
        if k and (used + height) * scale > room_h * 0.97:
            breaks.append(k)
            used = TITLE_ROW + heights[0] if repeat_header else 0.0
        used += height
    return breaks


def _page_setup(
    ws: Worksheet, widths: list[float], heights: list[float], *, paper: str, orientation: str,
    row_break: int | str | None, repeat_header: bool,
) -> int:
    """Paper, margins, print area, scale, breaks and print titles; the number of pages."""
    last = f"{get_column_letter(len(widths))}{TOP + len(heights) - 1}"
    ws.print_area = f"A1:{last}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if paper == "A3" else ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = MARGIN_IN
    ws.page_margins.header = ws.page_margins.footer = 0.0
    if row_break is None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1
        return 1
    room_w, room_h = _room(paper, orientation)
    table_w = sum(widths) * PT_PER_UNIT
    if row_break == "auto":
        scale = min(room_w / table_w, 1.0)
        breaks = _natural_breaks(heights, scale, room_h, repeat_header)
    elif isinstance(row_break, int) and 1 <= row_break < len(heights) - 1:
        first = TITLE_ROW + sum(heights[: 1 + row_break])
        rest = sum(heights[1 + row_break :]) + (TITLE_ROW + heights[0] if repeat_header else 0.0)
        scale = min(room_w / table_w, room_h / max(first, rest), 1.0)
        breaks = [row_break]
    else:
        raise ValueError(f"row_break must be None, 'auto' or a row inside the table's "
                         f"{len(heights) - 1} rows, not {row_break!r}")
    ws.page_setup.scale = max(10, int(scale * 100) - 2)
    ws.row_breaks = RowBreak()
    for k in breaks:
        ws.row_breaks.append(Break(id=TOP + k))  # below the k-th body row
    if repeat_header:
        ws.print_title_rows = f"1:{TOP}"
    return 1 + len(breaks)


def build_workbook(
    edition: dict[str, Any],
    xlsx: Path,
    *,
    inner_rules: str = "all",
    body_verticals: bool = True,
    banks_per_page: Sequence[int] = (7, 6),
    row_break: int | str | None = None,
    repeat_header: bool = True,
    font: str = "IPAexGothic",
    paper: str = "A3",
    orientation: str = "landscape",
    row_scale: float = 1.0,
) -> dict[str, Any]:
    """Write `edition` as the workbook `xlsx` (one sheet per page group); returns its truth."""
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    groups = split_banks(banks_of(edition), banks_per_page)
    rules = {"inner_rules": inner_rules, "body_verticals": body_verticals}
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "rokin-tables tests"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    pages: list[list[str]] = []
    for n, banks in enumerate(groups, start=1):
        ws = wb.create_sheet(f"p{n}")
        widths, heights = _fill_sheet(ws, edition, banks, font=font, row_scale=row_scale,
                                      rules=rules)
        n_pages = _page_setup(ws, widths, heights, paper=paper, orientation=orientation,
                              row_break=row_break, repeat_header=repeat_header)
        pages += [list(banks)] * n_pages
    wb.save(xlsx)
    return paged_truth(edition, pages)


def calc_job(edition: dict[str, Any], pdf: Path, **options: Any) -> OfficeJob:
    """A job for `render_office`: `edition` printed by Calc to `pdf`."""
    return OfficeJob(build_workbook, edition, Path(pdf), options, ".xlsx")


def render_calc_npo(edition: dict[str, Any], pdf: Path, **options: Any) -> dict[str, Any]:
    """`edition` printed by LibreOffice Calc to `pdf` (one soffice call); returns its truth."""
    return render_office([calc_job(edition, pdf, **options)])[0]
