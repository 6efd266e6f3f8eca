"""A ruled table drawn without its left and right frame (open sides) keeps its outer columns."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from tests.extract.test_spangrid import tables_of

FONT = "HeiseiKakuGo-W5"
XS = [50, 150, 230, 310]
YS = [40, 60, 80, 100, 120]
ROWS = [("項目", "計", "無担保"), ("新規保証引受", "1,814,456", "480,409"),
        ("保証債務残高", "15,497,614", "1,671,592"), ("代位弁済", "31,698", "10,640")]


def draw(path: Path) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    height = 160
    canvas = Canvas(str(path), pagesize=(360, height), invariant=1)
    canvas.setFont(FONT, 8)
    for y in YS:
        canvas.line(XS[0], height - y, XS[-1], height - y)
    for x in XS[1:-1]:  # inner column rules only: no frame at the sides
        canvas.line(x, height - YS[0], x, height - YS[-1])
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            canvas.drawString(XS[c] + 4, height - YS[r] - 13, text)
    canvas.save()
    return path


def test_open_sided_table_keeps_its_first_and_last_column(tmp_path: Path) -> None:
    [[table]] = tables_of(draw(tmp_path / "open.pdf"))
    assert (table["n_rows"], table["n_cols"]) == (4, 3)
    grid = {(c["row"], c["col"]): c["text"] for c in table["cells"]}
    assert [grid[(r, 0)] for r in range(4)] == [row[0] for row in ROWS]
    assert [grid[(r, 2)] for r in range(4)] == [row[2] for row in ROWS]
