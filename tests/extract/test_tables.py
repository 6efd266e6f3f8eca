"""A table ruled by rows only, broken by a page inside a row: the row's start below the last
rule of the first page and its rest above the first rule of the second are the tables' own
rows, and the second page's table takes the first's columns, which its rows alone do not
show."""

from __future__ import annotations

from pathlib import Path

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
