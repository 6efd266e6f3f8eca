"""The NPO comparison table (制度概要) as an HTML page opened and printed by LibreOffice Writer.

A word processor's import of an HTML table: the title and as-of label in a paragraph, then one
HTML table per group of banks (the boxes of tests/variants/npo_layout.py), one after another,
each as wide as the page and running on over the page breaks where the page is full. Writer
sets the rows' heights and breaks a row that does not fit across the page; it repeats no
header row (the tables have no <thead>), so a page may start inside a table, inside a row,
with no label beside the cells it goes on with. soffice opens the file as a Writer document
(office.WRITER_HTML) and prints it with Writer's PDF export. Options:

  ruling          "grid" (border="1", as an HTML table mostly is), "rows_only" (frame="hsides"
                  rules="rows": rules between the rows only) or "none" (npo_layout.RULINGS);
  zebra           every other body row shaded (bgcolor on its cells);
  banks_per_table the banks of each table, in order (5, 5, 3);
  font, size      "IPAexGothic" | "IPAexMincho", points;
  paper, orientation  "A3" | "A4", "landscape" | "portrait" (the page's @page rule).

The truth has `pages` as the groups of banks in printed order (where a table breaks is
Writer's to decide).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.variants.npo_layout import RULINGS, banks_of, page_grid, paged_truth, split_banks
from tests.variants.office import OfficeJob, render_office

FONTS = ("IPAexGothic", "IPAexMincho")
PAPER_CM = {"A3": (29.7, 42.0), "A4": (21.0, 29.7)}  # portrait width, height
TABLE_RULES = {
    "grid": 'border="1"',
    "rows_only": 'border="1" frame="hsides" rules="rows"',
    "none": 'border="0"',
}
ZEBRA = "#d9d9d9"


def _e(text: str) -> str:
    return html.escape(text or "").replace("\n", "<br>")


def _table(edition: dict[str, Any], banks: list[str], *, ruling: str, zebra: bool) -> str:
    grid = page_grid(edition, banks)
    rows: list[list[str]] = [[] for _ in grid.rows]
    for box in grid.boxes:
        span = (f' rowspan="{box.rowspan}"' if box.rowspan > 1 else "") + (
            f' colspan="{box.colspan}"' if box.colspan > 1 else "")
        shade = f' bgcolor="{ZEBRA}"' if zebra and box.row > 0 and box.row % 2 == 0 else ""
        tag = "th" if box.row == 0 else "td"
        rows[box.row].append(f'<{tag}{span}{shade} align="{box.align}" valign="middle">'
                             f"{_e(box.text)}</{tag}>")
    body = "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
    return (f'<table {TABLE_RULES[ruling]} cellspacing="0" cellpadding="2" width="100%">'
            f"{body}</table>")


def npo_writer_html(
    edition: dict[str, Any], path: Path, *, banks_per_table: Sequence[int] = (5, 5, 3),
    ruling: str = "grid", zebra: bool = False, font: str = "IPAexGothic", size: float = 8.0,
    paper: str = "A4", orientation: str = "portrait",
) -> dict[str, Any]:
    """Write `edition` as an HTML page for Writer to print; returns its truth."""
    if ruling not in RULINGS:
        raise ValueError(f"ruling must be one of {RULINGS}, not {ruling!r}")
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    groups = split_banks(banks_of(edition), banks_per_table)
    short, long_ = PAPER_CM[paper]
    width, height = (long_, short) if orientation == "landscape" else (short, long_)
    tables = "<p>&nbsp;</p>".join(_table(edition, banks, ruling=ruling, zebra=zebra)
                                  for banks in groups)
    css = (f"@page {{ size: {width}cm {height}cm; margin: 1cm }} "
           f"body, p, td, th {{ font-family: '{font}'; font-size: {size}pt }} "
           "th { font-weight: normal }")
    path.write_text(
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8">'
        f"<title>{_e(edition['title'])}</title><style>{css}</style></head><body>"
        f"<p><b>{_e(edition['title'])}</b>　（{_e(edition['as_of_label'])}）</p>"
        f"{tables}</body></html>\n", "utf-8")
    return paged_truth(edition, groups)


def writer_html_job(edition: dict[str, Any], pdf: Path, **options: Any) -> OfficeJob:
    """A job for `render_office`: `edition` as HTML printed by Writer to `pdf`."""
    return OfficeJob(npo_writer_html, edition, Path(pdf), options, ".html")


def render_writer_html(edition: dict[str, Any], pdf: Path, **options: Any) -> dict[str, Any]:
    """`edition` as HTML printed by LibreOffice Writer to `pdf`; returns its truth."""
    return render_office([writer_html_job(edition, pdf, **options)])[0]
