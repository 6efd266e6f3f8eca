"""The business plan (事業計画) as LibreOffice Writer prints it: python-docx document → PDF.

This is how the shipped plan was made. The document has the shipped page (A4, 10.5 pt body at
an exact 17.5 pt pitch, page numbers in the footer), a larger centred title, every block of the
truth in order (headings number + text, measures number + space + text, paragraphs with a
first-line indent; the indents of tests/variants/plan_pdf.py), then for ＜主要計数＞ and
＜諸比率＞ a caption line with the （単位：…） label and the table, and 以上. Options:

  table_style     "grid" (every cell ruled, as shipped), "rows_only" (rules between rows, above
                  and below; no verticals, no frame at the sides: 決算短信 and many Word tables),
                  "header_verticals" (rows_only, plus vertical rules in the header rows only),
                  "none" (no rules at all in the captioned block), "zebra" (no rules, every
                  other body row shaded grey: cell shading, a filled rectangle per cell);
  split_key_figures  k: the key-figure table starts at the foot of a page so that its header
                  rows and k number rows end that page and the other number rows start the
                  next (a page break, then a blank of exact height, then caption and table: row
                  heights are exact, so the page ends where it is computed to); None: no split;
                  k = -1: the caption (and unit line) alone end the page, the table overleaf
                  (needs keep_captions=False);
  split_ratios    k: likewise for the ratio table (the key-figure table whole above it on the
                  same page: a page break, a blank, both captions and tables);
  keep_captions   False: a caption is not kept with its table (Word's "keep with next" off),
                  so a page break may fall between them;
  repeat_header   the figure tables' header rows are Word "repeat header rows", printed again
                  above the rows continued on the next page. Writer never leaves repeated
                  header rows alone at the foot of a page (it moves them on with the first
                  number row), so with repeat_header k must be ≥ 1; k = 0 (the header rows
                  alone end the page) is a table without repeat_header;
  unit_line       "same": （単位：…） right-aligned on the caption's line (as shipped); "own": on a
                  line of its own under the caption;
  font            "IPAexMincho" | "IPAexGothic";
  transposed      print both figure tables the other way round, items across and 計 / 無担保 /
                  有担保 down the rows (tests/variants/plan_layout.py), in the same table_style,
                  the text set smaller where the items would not fit their columns;
  side_label      with transposed: 計画値 merged down beside the condition labels (True) or
                  left out (False).

The figures are printed from the truth: key_figures rows in key_figures.unit with
key_figures.negative_sign, the total column headed key_figures.header.total ("" prints no
label: 計画値 spans the three value columns), ratios as their value_text; see
tests/variants/editions.py for those truth-format extensions. The truth returned (and written
beside the PDF) is the plan's truth (`editions.truth_of`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tests.variants.editions import figure_text, truth_of
from tests.variants.office import OfficeJob, render_office
from tests.variants.plan_layout import FigureGrid, ems, fitted_widths, shown, transposed_grids

FONTS = ("IPAexMincho", "IPAexGothic")
TABLE_STYLES = ("grid", "rows_only", "header_verticals", "none", "zebra")
ZEBRA = "D9D9D9"  # the shading of every other body row of a "zebra" table
SIZE = 10.5
PITCH = 17.5
TITLE_SIZE = 16.0
PAGE_W, PAGE_H = 595.3, 841.9
LEFT, RIGHT, TOP, BOTTOM = 65.3, 66.0, 72.0, 72.0
FOOTER = 36.0
TEXT_W = PAGE_W - LEFT - RIGHT
TABLE_INDENT = 2.7 * SIZE
ROW_H = 20.0
KEY_WIDTHS = (160.0, 100.0, 100.0, 100.0)
RATIO_WIDTHS = (160.0, 100.0)
FIGURE_COLUMNS = ("total", "unsecured", "secured")
# Indent in characters: (first line, continuation lines) of a paragraph at each level.
PARAGRAPH_INDENT = {0: (1, 0), 1: (2, 1), 2: (2, 1), 3: (4, 3)}
DEEP_PARAGRAPH_INDENT = (4, 4)
NUMBER_INDENT = (0, 0, 0, 1, 4)  # characters, of a numbered block at each level
FIXED_TIME = dt.datetime(2025, 4, 1)
LAYOUT_MARGIN = 2.0  # points a cell of a transposed table keeps free at each side, and inset
# Least width of a transposed table's label column: 項目, centred over 計画値 and the condition
# labels, then stands in the gutter between them with room on both sides (in an unruled table
# a heading filling that gutter would join the two label columns).
LABEL_WIDTH = 7 * SIZE
RULE = {"val": "single", "sz": "4", "space": "0", "color": "000000"}  # 0.5 pt
NO_RULE = {"val": "nil"}


def numbered_indent(level: int) -> int:
    """Indent, in characters, of a numbered block's first line at outline `level`."""
    return NUMBER_INDENT[min(level, len(NUMBER_INDENT) - 1)]


def _set_fonts(element: Any, font: str) -> None:
    """Font `font` for every script (ASCII, East Asian) and Japanese language on an rPr."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font)
    lang = element.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        element.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")


def _setup(doc: Any, font: str) -> None:
    """Page, margins, default font and exact line pitch; the footer's page number."""
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Pt(PAGE_W), Pt(PAGE_H)
    section.left_margin, section.right_margin = Pt(LEFT), Pt(RIGHT)
    section.top_margin, section.bottom_margin = Pt(TOP), Pt(BOTTOM)
    section.footer_distance = Pt(FOOTER)
    section.header_distance = Pt(FOOTER)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(SIZE)
    _set_fonts(normal.element.get_or_add_rPr(), font)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(PITCH)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = text
            run._r.append(instr)
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    doc.core_properties.author = "rokin-tables tests"


def _paragraph(doc: Any, text: str, *, first: float = 0.0, rest: float = 0.0,
               bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
               size: float | None = None) -> Paragraph:
    p = doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.left_indent = Pt(rest * SIZE)
    p.paragraph_format.first_line_indent = Pt((first - rest) * SIZE)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return p


def _body(doc: Any, plan: dict[str, Any]) -> None:
    """Title and every block, a blank line before a heading that follows text."""
    titles = [b["text"] for b in plan["blocks"] if b["kind"] == "title"]
    title = _paragraph(doc, titles[0] if titles else plan["title"], align=WD_ALIGN_PARAGRAPH.CENTER,
                       size=TITLE_SIZE)
    title.paragraph_format.line_spacing = Pt(TITLE_SIZE * 1.6)
    _paragraph(doc, "")
    previous = "title"
    for block in plan["blocks"]:
        kind, level, number, text = block["kind"], block["level"], block["number"], block["text"]
        if kind == "title":
            continue
        if kind == "heading" and previous not in ("heading", "title"):
            _paragraph(doc, "")
        if number:
            printed = number + (" " if kind == "outline" else "") + text
            first = numbered_indent(level)
            rest = numbered_indent(level + 1) if kind == "heading" else first
        else:
            printed = text
            first, rest = PARAGRAPH_INDENT.get(level, DEEP_PARAGRAPH_INDENT)
        _paragraph(doc, printed, first=first, rest=rest, bold=kind == "heading")
        previous = kind


def _borders(parent: Any, tag: str, sides: dict[str, dict[str, str]]) -> None:
    """Set the border element `tag` (tblBorders / tcBorders) of a tblPr / tcPr."""
    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    borders = OxmlElement(f"w:{tag}")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side not in sides:
            continue
        element = OxmlElement(f"w:{side}")
        for key, value in sides[side].items():
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    parent.append(borders)


def _table_rules(table: Table, style: str, n_header: int) -> None:
    """Rules of a figure table in `style` (see the module docstring)."""
    tbl_pr = table._tbl.tblPr
    if style == "grid":
        sides = dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"), RULE)
    elif style in ("rows_only", "header_verticals"):
        sides = {"top": RULE, "bottom": RULE, "insideH": RULE,
                 "left": NO_RULE, "right": NO_RULE, "insideV": NO_RULE}
    else:
        sides = dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"), NO_RULE)
    _borders(tbl_pr, "tblBorders", sides)
    if style == "zebra":
        for row in table.rows[n_header + 1::2]:
            for cell in row.cells:
                shading = OxmlElement("w:shd")
                for key, value in (("val", "clear"), ("color", "auto"), ("fill", ZEBRA)):
                    shading.set(qn(f"w:{key}"), value)
                cell._tc.get_or_add_tcPr().append(shading)
    if style == "header_verticals":
        for row in table.rows[:n_header]:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                _borders(cell._tc.get_or_add_tcPr(), "tcBorders",
                         {"top": RULE, "bottom": RULE, "left": RULE, "right": RULE})


def _cell_text(cell: _Cell, text: str, align: Any, size: float | None = None,
               inset: float = SIZE * 0.6) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.left_indent = Pt(inset if align == WD_ALIGN_PARAGRAPH.DISTRIBUTE else 0)
    p.paragraph_format.right_indent = Pt(inset)
    if text:
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _spaced(text: str) -> str:
    return " ".join(text.replace(" ", ""))


def _fixed_table(doc: Any, n_rows: int, widths: tuple[float, ...], row_height: float, *,
                 margin: float | None = None) -> Table:
    """An empty table of fixed layout, indented as the text is, its columns `widths` wide and
    its rows exactly `row_height` tall (points); `margin`: the cells' left and right margins."""
    table = doc.add_table(rows=n_rows, cols=len(widths))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    if margin is not None:
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:w"), str(round(margin * 20)))
            edge.set(qn("w:type"), "dxa")
            margins.append(edge)
        tbl_pr.append(margins)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(round(TABLE_INDENT * 20)))
    indent.set(qn("w:type"), "dxa")
    tbl_pr.append(indent)
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = Pt(width)
    for row in table.rows:
        row.height = Pt(row_height)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)
    return table


def _figure_table(
    doc: Any, widths: tuple[float, ...], header: list[list[tuple[int, int, str]]],
    rows: list[tuple[str, ...]], *, style: str, repeat_header: bool,
) -> Table:
    """A ruled figure table: header rows of (col, colspan, text) ("" text under a vertical
    merge from above), then body rows of label + right-aligned numbers."""
    n_header = len(header)
    table = _fixed_table(doc, n_header + len(rows), widths, ROW_H)
    for r, cells in enumerate(header):
        for col, span, text in cells:
            cell = table.cell(r, col)
            if span > 1:
                cell = cell.merge(table.cell(r, col + span - 1))
            _cell_text(cell, _spaced(text), WD_ALIGN_PARAGRAPH.CENTER)
    if n_header > 1:  # 項目 merged down over the header rows
        top = table.cell(0, 0)
        top.merge(table.cell(n_header - 1, 0))
    for i, values in enumerate(rows, start=n_header):
        _cell_text(table.cell(i, 0), values[0], WD_ALIGN_PARAGRAPH.DISTRIBUTE)
        for c, text in enumerate(values[1:], start=1):
            _cell_text(table.cell(i, c), text, WD_ALIGN_PARAGRAPH.RIGHT)
    if repeat_header:
        for row in table.rows[:n_header]:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _table_rules(table, style, n_header)
    return table


def _layout_widths(grid: FigureGrid) -> tuple[tuple[float, ...], float]:
    """Column widths within the text width and the scale of the text (plan_layout)."""
    return fitted_widths(grid, lambda text: ems(text) * SIZE, TEXT_W - TABLE_INDENT,
                         4 * LAYOUT_MARGIN + 2.5, LABEL_WIDTH)


def _layout_table(doc: Any, grid: FigureGrid, *, style: str, repeat_header: bool) -> Table:
    """A figure table laid out by tests/variants/plan_layout.py, its widths filling the text
    width and its text set small enough (in half points) for every item to fit on one line."""
    widths, scale = _layout_widths(grid)
    size = min(SIZE, int(SIZE * scale * 2) / 2)
    # rows as much closer as the text is smaller
    table = _fixed_table(doc, grid.n_rows, widths, ROW_H * size / SIZE, margin=LAYOUT_MARGIN)
    for box in grid.boxes:
        cell = table.cell(box.row, box.col)
        if box.rowspan > 1 or box.colspan > 1:
            cell = cell.merge(table.cell(box.row + box.rowspan - 1, box.col + box.colspan - 1))
        align = WD_ALIGN_PARAGRAPH.RIGHT if box.role == "number" else WD_ALIGN_PARAGRAPH.CENTER
        _cell_text(cell, shown(box), align, size, inset=LAYOUT_MARGIN)
        cell.paragraphs[0].paragraph_format.line_spacing = Pt(size * 1.4)
    if repeat_header:
        for row in table.rows[:grid.header_rows]:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _table_rules(table, style, grid.header_rows)
    return table


def _transposed_tables(doc: Any, plan: dict[str, Any], *, side_label: bool, style: str,
                       repeat_header: bool, unit_line: str) -> None:
    """Both figure tables printed with the items across, each under its caption."""
    for n, grid in enumerate(transposed_grids(plan, side_label)):
        if n:
            _paragraph(doc, "")
        widths, _ = _layout_widths(grid)
        _caption(doc, grid.caption, grid.unit_label, LEFT + TABLE_INDENT + sum(widths),
                 unit_line)
        _layout_table(doc, grid, style=style, repeat_header=repeat_header)


def _caption(doc: Any, caption: str, unit_label: str, right: float, unit_line: str,
             keep: bool = True) -> None:
    p = _paragraph(doc, "", first=TABLE_INDENT / SIZE, rest=TABLE_INDENT / SIZE,
                   align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.keep_with_next = True  # the unit line, when it has one of its own
    p.add_run(caption)
    if unit_line == "same":
        p.paragraph_format.tab_stops.add_tab_stop(Pt(right - LEFT), WD_TAB_ALIGNMENT.RIGHT)
        p.add_run("\t" + unit_label)
        p.paragraph_format.keep_with_next = keep
        return
    unit = _paragraph(doc, unit_label, align=WD_ALIGN_PARAGRAPH.RIGHT)
    unit.paragraph_format.right_indent = Pt(LEFT + TEXT_W - right)
    unit.paragraph_format.keep_with_next = keep


def _spacer(doc: Any, height: float) -> None:
    """A new page that starts with `height` points of blank."""
    p = doc.add_paragraph()
    p.paragraph_format.page_break_before = True
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(height)


def build_document(
    plan: dict[str, Any],
    docx: Path,
    *,
    table_style: str = "grid",
    split_key_figures: int | None = None,
    split_ratios: int | None = None,
    keep_captions: bool = True,
    repeat_header: bool = True,
    unit_line: str = "same",
    font: str = "IPAexMincho",
    transposed: bool = False,
    side_label: bool = True,
) -> dict[str, Any]:
    """Write `plan` as the document `docx`; returns its truth."""
    if table_style not in TABLE_STYLES:
        raise ValueError(f"table_style must be one of {TABLE_STYLES}, not {table_style!r}")
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    if unit_line not in ("same", "own"):
        raise ValueError(f"unit_line must be 'same' or 'own', not {unit_line!r}")
    if transposed and (split_key_figures, split_ratios) != (None, None):
        raise ValueError("a transposed figure table is not split over pages")
    if split_key_figures is not None and split_ratios is not None:
        raise ValueError("one figure table is split over pages, not both")
    if -1 in (split_key_figures, split_ratios) and keep_captions:
        raise ValueError("a caption left alone at the foot of a page needs keep_captions=False")
    doc = Document()
    _setup(doc, font)
    _body(doc, plan)
    _paragraph(doc, "")
    if transposed:
        _transposed_tables(doc, plan, side_label=side_label, style=table_style,
                           repeat_header=repeat_header, unit_line=unit_line)
        _closing(doc, plan)
        doc.save(docx)
        return truth_of(plan)
    figures = plan["key_figures"]
    head = figures["header"]
    key_header = [
        [(0, 1, head["item"]), (1, 3, head["plan"])],
        [(1, 1, head.get("total", "")), (2, 1, head["unsecured"]), (3, 1, head["secured"])],
    ]
    key_rows = [(row["item"], *(figure_text(plan, row[c]) for c in FIGURE_COLUMNS))
                for row in figures["rows"]]
    caption_lines = 1 if unit_line == "same" else 2
    split = split_key_figures if split_key_figures is not None else split_ratios
    if split is not None:
        if repeat_header and split == 0:
            raise ValueError("Writer moves repeated header rows along with the first number row: "
                             "a split at row 0 needs repeat_header=False")
        room = PAGE_H - TOP - BOTTOM
        header_rows = 2 if split_key_figures is not None else 1
        kept = caption_lines * PITCH + (0 if split < 0 else (header_rows + split) * ROW_H)
        if split_ratios is not None:  # the key-figure table whole, and a blank line, above
            kept += caption_lines * PITCH + (2 + len(key_rows)) * ROW_H + PITCH
        _spacer(doc, room - kept - ROW_H / 2)
    right = LEFT + TABLE_INDENT + sum(KEY_WIDTHS)
    _caption(doc, figures["caption"], figures["unit_label"], right, unit_line, keep_captions)
    _figure_table(doc, KEY_WIDTHS, key_header, key_rows, style=table_style,
                  repeat_header=repeat_header)
    ratios = plan.get("ratios")
    if ratios:
        _paragraph(doc, "")
        right = LEFT + TABLE_INDENT + sum(RATIO_WIDTHS)
        _caption(doc, ratios["caption"], ratios["unit_label"], right, unit_line, keep_captions)
        ratio_header = [[(0, 1, ratios["header"]["item"]), (1, 1, ratios["header"]["plan"])]]
        ratio_rows = [(row["item"], row["value_text"]) for row in ratios["rows"]]
        _figure_table(doc, RATIO_WIDTHS, ratio_header, ratio_rows, style=table_style,
                      repeat_header=repeat_header)
    _closing(doc, plan)
    doc.save(docx)
    return truth_of(plan)


def _closing(doc: Any, plan: dict[str, Any]) -> None:
    """以上, right-aligned after a blank line."""
    closing = plan.get("closing")
    if closing:
        _paragraph(doc, "")
        end = _paragraph(doc, "　".join(closing), align=WD_ALIGN_PARAGRAPH.RIGHT)
        end.paragraph_format.right_indent = Pt(SIZE)


def plan_job(plan: dict[str, Any], pdf: Path, **options: Any) -> OfficeJob:
    """A job for `render_office`: `plan` printed by Writer to `pdf`."""
    return OfficeJob(build_document, plan, Path(pdf), options, ".docx")


def render_docx_plan(plan: dict[str, Any], pdf: Path, **options: Any) -> dict[str, Any]:
    """`plan` printed by LibreOffice Writer to `pdf` (one soffice call); returns its truth."""
    return render_office([plan_job(plan, pdf, **options)])[0]
