"""The NPO comparison table (制度概要) as a word processor prints it: python-docx → Writer → PDF.

Word and Writer house style: the title and the as-of label on a line, then one Word table per
group of banks (the boxes of tests/variants/npo_layout.py: 項目 over the label columns, each
bank over its value | unit | note, label cells merged down over the rows they head). Row
heights are Writer's own, from the text. Options, each a class of layout seen in real
documents:

  ruling          "rows_only" (horizontal rules between the rows, above and below, and no
                  vertical rule anywhere, not even the frame), "grid" or "none"
                  (npo_layout.RULINGS);
  zebra           every other body row shaded grey (cell shading: Writer paints each cell's
                  box, a merged label from such a row all over);
  banks_per_table the banks of each table, in order (7, 6);
  flow            False: each table starts a page of its own and is set small enough to fit
                  it; True: the tables follow one another, each running on over the page
                  breaks where the page is full (rows break across pages, so a page may start
                  inside a row: its cells go on, its label was printed on the page before);
  repeat_header   the header row repeated on a page a table runs onto (Word's "repeat as
                  header row"; False: the page starts with the rows it continues);
  font, size      "IPAexGothic" | "IPAexMincho", points;
  paper, orientation  "A3" | "A4", "landscape" | "portrait".

The truth (written beside the PDF) has `pages` as the groups of banks in printed order: the
read-back compares banks in that order, and where a table breaks is Writer's to decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

from tests.variants.docx_plan import NO_RULE, RULE, _borders, _set_fonts
from tests.variants.npo_layout import RULINGS, banks_of, page_grid, paged_truth, split_banks
from tests.variants.office import OfficeJob, render_office

FONTS = ("IPAexGothic", "IPAexMincho")
PAPER = {"A3": (841.89, 1190.55), "A4": (595.28, 841.89)}  # portrait width, height
MARGIN = 28.35  # 10 mm
LABEL_WIDTHS = (70.0, 63.0, 42.0)  # relative, outer to inner label column
BANK_WIDTHS = (49.0, 28.0, 154.0)  # value | unit | note
ZEBRA = "D9D9D9"
FIXED_TIME = dt.datetime(2025, 4, 1)
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT}


def _page(doc: Any, paper: str, orientation: str) -> float:
    """Paper, orientation and margins of the document; the width between the margins."""
    short, long_ = PAPER[paper]
    section = doc.sections[0]
    landscape = orientation == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Pt(long_ if landscape else short)
    section.page_height = Pt(short if landscape else long_)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(MARGIN))
    return (long_ if landscape else short) - 2 * MARGIN


def _title(doc: Any, edition: dict[str, Any], width: float, *, new_page: bool) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.page_break_before = new_page
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT)
    title = p.add_run(edition["title"])
    title.bold = True
    title.font.size = Pt(12)
    p.add_run(f"\t（{edition['as_of_label']}）")


def _widths(columns: Sequence[tuple[str, int]], width: float) -> list[float]:
    raw, seen = [], 0
    for kind, index in columns:
        if kind == "label":
            raw.append(LABEL_WIDTHS[min(index, len(LABEL_WIDTHS) - 1)])
        else:
            raw.append(BANK_WIDTHS[seen % 3])
            seen += 1
    scale = width / sum(raw)
    return [w * scale for w in raw]


def _shade(cell: Any) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), ZEBRA)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(doc: Any, edition: dict[str, Any], banks: list[str], width: float, *,
           ruling: str, zebra: bool, flow: bool, repeat_header: bool) -> Table:
    grid = page_grid(edition, banks)
    widths = _widths(grid.columns, width)
    table = doc.add_table(rows=len(grid.rows), cols=grid.n_cols)
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for grid_col, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = Pt(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Pt(w)
        if not flow:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if repeat_header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for box in grid.boxes:
        cell = table.cell(box.row, box.col)
        if box.rowspan > 1 or box.colspan > 1:
            cell = cell.merge(table.cell(box.row + box.rowspan - 1, box.col + box.colspan - 1))
        lines = box.text.split("\n") if box.text else [""]
        first = cell.paragraphs[0]
        for n, line in enumerate(lines):
            p = first if n == 0 else cell.add_paragraph()
            p.alignment = ALIGN[box.align]
            if line:
                p.add_run(line)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if zebra and box.row > 0 and box.row % 2 == 0:
            _shade(cell)
    across = NO_RULE if ruling == "none" else RULE
    down = RULE if ruling == "grid" else NO_RULE
    _borders(table._tbl.tblPr, "tblBorders", {
        "top": across, "bottom": across, "insideH": across,
        "left": down, "right": down, "insideV": down})
    return table


def build_document(
    edition: dict[str, Any],
    docx: Path,
    *,
    ruling: str = "rows_only",
    zebra: bool = False,
    banks_per_table: Sequence[int] = (7, 6),
    flow: bool = False,
    repeat_header: bool = False,
    font: str = "IPAexGothic",
    size: float = 6.0,
    paper: str = "A3",
    orientation: str = "landscape",
) -> dict[str, Any]:
    """Write `edition` as the document `docx`; returns its truth."""
    if ruling not in RULINGS:
        raise ValueError(f"ruling must be one of {RULINGS}, not {ruling!r}")
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    groups = split_banks(banks_of(edition), banks_per_table)
    doc = Document()
    width = _page(doc, paper, orientation)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    _set_fonts(normal.element.get_or_add_rPr(), font)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    doc.core_properties.author = "rokin-tables tests"
    for n, banks in enumerate(groups):
        if n == 0 or not flow:
            _title(doc, edition, width, new_page=n > 0)
        else:
            doc.add_paragraph()  # a blank line between two tables that follow one another
        _table(doc, edition, banks, width, ruling=ruling, zebra=zebra, flow=flow,
               repeat_header=repeat_header)
    doc.save(docx)
    return paged_truth(edition, groups)


def docx_npo_job(edition: dict[str, Any], pdf: Path, **options: Any) -> OfficeJob:
    """A job for `render_office`: `edition` printed by Writer (from a Word document) to `pdf`."""
    return OfficeJob(build_document, edition, Path(pdf), options, ".docx")


def render_docx_npo(edition: dict[str, Any], pdf: Path, **options: Any) -> dict[str, Any]:
    """`edition` printed by LibreOffice Writer to `pdf` (one soffice call); returns its truth."""
    return render_office([docx_npo_job(edition, pdf, **options)])[0]
