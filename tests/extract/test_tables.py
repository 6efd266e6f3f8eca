"""A table ruled by rows only, broken by a page inside a row: the row's start below the last
rule of the first page and its rest above the first rule of the second are the tables' own
rows, and the second page's table takes the first's columns, which its rows alone do not
show."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from pipeline.extract.document import extract_pdf

WIDTH, HEIGHT = 612, 792
SIZE = 9.0
# columns: label | North | South; the groups' text comes within 2 pt of 300 (no gutter)
ROWS = [
    ("Loans", "a limit of 1,000 yen", "500 yen for each of the members"),
    ("Rates", "fixed at 2.1 percent", "3.0 float over the base rate"),
    ("Terms", "up to ten years long", "five years for the working fund"),
]


def _row(canvas: Canvas, top: float, cells: tuple[str, str, str]) -> None:
    baseline = HEIGHT - top - SIZE
    canvas.drawString(64, baseline, cells[0])
    canvas.drawRightString(298, baseline, cells[1])
    canvas.drawString(302, baseline, cells[2])


def draw(path: Path) -> Path:
    """Page 1: header, two rows, and the first line of the third under the last rule; page
    2: the third row's second line, its closing rule, two more rows (no header on page 2)."""
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT), invariant=1)
    canvas.setFont("Helvetica", SIZE)
    for y in (100, 116, 132, 148):
        canvas.line(60, HEIGHT - y, 470, HEIGHT - y)
    baseline = HEIGHT - 104 - SIZE
    for x, text in ((64, "Item"), (230, "North"), (360, "South")):
        canvas.drawString(x, baseline, text)
    _row(canvas, 120, ROWS[0])
    _row(canvas, 136, ROWS[1])
    _row(canvas, 152, ROWS[2])  # the page breaks the row here: its closing rule is overleaf
    canvas.showPage()
    canvas.setFont("Helvetica", SIZE)
    _row(canvas, 40, ("", "and more on request", "and seven for equipment"))
    for y in (56, 72, 88):
        canvas.line(60, HEIGHT - y, 470, HEIGHT - y)
    _row(canvas, 60, ("Fees", "none at all for these", "0.2 percent of the sum"))
    _row(canvas, 76, ("Terms", "paid back every month", "or once in a half-year"))
    canvas.save()
    return path


def test_a_row_the_page_breaks_is_the_tables_on_both_pages(tmp_path) -> None:
    artifact = extract_pdf(draw(tmp_path / "broken.pdf"), identify=False)
    first, second = ([t for t in page["tables"]] for page in artifact["pages"])
    assert [t["method"] for t in first] == ["rows"] and len(second) == 1
    assert not [line for line in artifact["pages"][0]["lines"] if "Terms" in line["text"]]
    last = {c["col"]: c["text"] for c in first[0]["cells"] if c["row"] == first[0]["n_rows"] - 1}
    assert last == {0: "Terms", 1: "up to ten years long", 2: "five years for the working fund"}
    # the groups' line, which only page 1's header shows, parts the rest of the row too
    line = next(x for x in first[0]["xs"] if 298 < x < 302)
    assert line in second[0]["xs"]
    rest = {c["text"]: (c["bbox"][0], c["bbox"][2]) for c in second[0]["cells"]
            if c["row"] == 0 and c["text"]}
    assert set(rest) == {"and more on request", "and seven for equipment"}
    assert rest["and more on request"][1] <= line <= rest["and seven for equipment"][0]


# A long table (taller than the bands a stack of rules holds: a page of rows) ruled only above,
# under its header (one heading spanning the year columns, underlined) and below its body;
# notes under it.
LONG_XS = [60, 130, 190, 250, 310]  # stub, then the right edges of the figure columns
LONG = [(f"District {n}", f"{100 + 7 * n}", f"{90 + 5 * n}", f"{80 + 3 * n}") for n in range(46)]


def _long_rows(tables: list[dict]) -> list[list[str]]:
    """The rows of the table holding the body's first label, as lists of cells' text."""
    from tests.extract.pages import grid_of
    [table] = [t for t in tables if any(c["text"] == LONG[0][0] for c in t["cells"])]
    return [row for row in grid_of(table) if row[0].startswith("District")]


def test_a_body_closed_by_its_own_rule_is_no_broken_row(tmp_path) -> None:
    """The body under the ruled header, closed by the table's bottom rule, is rows of its own,
    not the start of one row the page breaks after the header's rule."""
    from tests.extract.pages import Page, tables_on
    page = Page(tmp_path / "long.pdf")
    page.hline(LONG_XS[0], LONG_XS[-1], 100, width=0.75)
    page.text(LONG_XS[2] + 10, 103, "Fiscal year")
    page.hline(LONG_XS[0] + 50, LONG_XS[-1], 114)
    page.row(117, [(LONG_XS[0], ""), (LONG_XS[2], "2009"), (LONG_XS[3], "2010"),
                   (LONG_XS[4], "2011")])
    page.hline(LONG_XS[0], LONG_XS[-1], 130)
    top = 134.0
    for row in LONG:
        page.row(top, list(zip([LONG_XS[0], *LONG_XS[2:]], row, strict=True)))
        top += 12
    page.hline(LONG_XS[0], LONG_XS[-1], top + 2, width=0.75)
    page.row(top + 8, [(LONG_XS[0], "Note: a district"), (LONG_XS[2], "counts")])
    assert _long_rows(tables_on(page.save())) == [list(row) for row in LONG]


@pytest.mark.slow
@pytest.mark.browser
def test_a_body_closed_by_its_own_rule_printed_by_chromium(tmp_path) -> None:
    """The same table as HTML (rules as the borders of blocks across the table: above, under
    the spanning heading and the header, below; notes after it) printed by Chromium: the
    body's lines are rows."""
    from tests.browser import require_chromium
    from tests.extract.pages import tables_on
    from tests.variants.office import print_with_chromium
    rule = "0.5pt solid #000"

    def table(rows: list[tuple[str, ...]]) -> str:
        return "<table>" + "".join(
            "<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>" for row in rows) + "</table>"

    html = tmp_path / "long.html"
    html.write_text(
        "<html><head><style>@page{size:A3;margin:15mm}body{font:7pt/16pt Helvetica,Arial}"
        "table{border-collapse:collapse;table-layout:fixed;width:424pt}"
        "td{padding:0 8pt;width:100pt;line-height:17pt;text-align:right;white-space:nowrap}"
        "td:first-child{width:60pt;text-align:left}</style></head><body>"
        f"<div style='width:424pt;border-top:{rule};border-bottom:{rule}'>"
        f"<div style='margin-left:76pt;border-bottom:{rule};text-align:center'>Fiscal year</div>"
        f"<div style='border-bottom:{rule}'>{table([('', '2009', '2010', '2011')])}</div>"
        f"{table(LONG)}</div><p>Note: a district &nbsp; &nbsp; &nbsp; counts</p>"
        "</body></html>", encoding="utf-8")
    require_chromium()
    tables = tables_on(print_with_chromium(html, tmp_path / "long.pdf"))
    assert _long_rows(tables) == [list(row) for row in LONG]
