"""Tables without rules whose header rows stand less than two lines of text apart: a label
centred on two header rows (項目 beside 計画値 over 無担保) spans them, and a heading
centred over several columns (計画値) stays a heading over them, never merged down with the
sub-heading under it."""

from __future__ import annotations

import pytest

from tests.browser import require_chromium
from tests.extract.pages import Page, grid_of, tables_on
from tests.variants.office import print_with_chromium

XS = [100, 260, 340, 420]  # label column, then three figure columns (their right edges)
BODY = [("New guarantees", "1,814,456", "480,409", "1,334,047"),
        ("Outstanding", "15,497,614", "1,671,592", "13,826,021"),
        ("Fees", "26,105", "9,224", "16,881"),
        ("Subrogation", "31,698", "10,640", "21,057")]
EXPECTED = [["Item", "Plan", "", ""], ["", "", "Unsecured", "Secured"],
            *[list(row) for row in BODY]]


def _spans(table: dict) -> dict[str, tuple[int, int]]:
    return {c["text"]: (c["rowspan"], c["colspan"]) for c in table["cells"] if c["text"]}


def test_header_lines_closer_than_their_text(tmp_path) -> None:
    """The header's two rows 16.8 pt apart with 10.5 pt text, Item centred on both: Item
    overlaps Plan above it and the sub-headings below it; still Plan spans the three figure
    columns, Item the two header rows, and Unsecured is a cell of its own."""
    page = Page(tmp_path / "tight.pdf", size=10.5)
    middle = (XS[1] - 50 + XS[-1]) / 2  # the figure columns' middle
    page.canvas.drawCentredString(middle, 792 - 100 - 10.5, "Plan")
    page.text(XS[0] + 40, 108.4, "Item")
    page.text(XS[2], 116.8, "Unsecured", right=True)
    page.text(XS[3], 116.8, "Secured", right=True)
    top = 133.6
    for row in BODY:
        page.row(top, list(zip(XS, row, strict=False)))
        top += 16.8
    [table] = tables_on(page.save())
    assert grid_of(table) == EXPECTED
    assert _spans(table)["Plan"] == (1, 3) and _spans(table)["Item"] == (2, 1)


@pytest.mark.slow
@pytest.mark.browser
def test_header_lines_closer_than_their_text_printed_by_chromium(tmp_path) -> None:
    """The same header as an HTML table without borders, its header rows 16.8 pt tall with
    10.5 pt text (Item rowspan 2, centred on them; Plan colspan 3), printed by Chromium."""
    cell = "padding:0 8pt;white-space:nowrap;text-align:right"
    row = "<tr style='height:16.8pt;line-height:16.8pt'>"
    head = (f"{row}<td rowspan=2 style='{cell};text-align:center'>Item</td>"
            f"<td colspan=3 style='{cell};text-align:center'>Plan</td></tr>"
            f"{row}<td></td><td style='{cell}'>Unsecured</td>"
            f"<td style='{cell}'>Secured</td></tr>")
    body = "".join("<tr>" + "".join(f"<td style='{cell}'>{t}</td>" for t in row) + "</tr>"
                   for row in BODY)
    html = tmp_path / "tight.html"
    html.write_text(
        "<!DOCTYPE html><html><head><style>@page{size:A4;margin:20mm}"
        "body{font:10.5pt Helvetica,Arial}table{border-collapse:collapse}"
        "td:first-child{text-align:left}tr{line-height:16pt}</style></head><body>"
        f"<table>{head}{body}</table></body></html>", encoding="utf-8")
    require_chromium()
    [table] = tables_on(print_with_chromium(html, tmp_path / "tight.pdf"))
    assert grid_of(table) == EXPECTED
    assert _spans(table)["Plan"] == (1, 3) and _spans(table)["Item"] == (2, 1)
