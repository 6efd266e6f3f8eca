"""Tables → cells with spans: each merged cell once, at its top-left slot, with its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from pipeline.core.grid import Cell
from pipeline.extract.engines import open_document
from pipeline.extract.tables import page_tables


def tables_of(path: Path) -> list[list[dict]]:
    """Every page's tables as the extract stage builds them (no document kind needed)."""
    with open_document(path) as document:
        return [page_tables(page) for page in document.pages()]

FONT = "HeiseiKakuGo-W5"
XS = [50, 120, 190, 260]
YS = [50, 80, 110, 140]  # from the top
# (row, col, rowspan, colspan, text): 項目 over two columns, 金利 down two rows.
LAYOUT = [
    (0, 0, 1, 2, "項目"),
    (0, 2, 1, 1, "北海道"),
    (1, 0, 2, 1, "金利"),
    (1, 1, 1, 1, "無担保"),
    (1, 2, 1, 1, "1.600\n2.300"),
    (2, 1, 1, 1, "有担保"),
    (2, 2, 1, 1, ""),
]


def draw(path: Path, *, rects: bool) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    height = 200
    canvas = Canvas(str(path), pagesize=(320, height), invariant=1)
    canvas.setFont(FONT, 8)
    for row, col, rowspan, colspan, text in LAYOUT:
        x0, x1 = XS[col], XS[col + colspan]
        y0, y1 = YS[row], YS[row + rowspan]
        for a, b, c, d in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
            if rects:
                canvas.rect(min(a, c) - 0.3, height - max(b, d) - 0.3,
                            abs(c - a) + 0.6, abs(d - b) + 0.6, stroke=0, fill=1)
            else:
                canvas.line(a, height - b, c, height - d)
        for n, line in enumerate(text.splitlines()):
            canvas.drawString(x0 + 3, height - y0 - 10 - 9 * n, line)
    canvas.save()
    return path


@pytest.mark.parametrize("rects", [False, True], ids=["lines", "rects"])
def test_spans_and_texts(tmp_path, rects) -> None:
    [[table]] = tables_of(draw(tmp_path / "grid.pdf", rects=rects))
    assert (table["n_rows"], table["n_cols"], table["method"]) == (3, 3, "ruled")
    got = [(c["row"], c["col"], c["rowspan"], c["colspan"], c["text"]) for c in table["cells"]]
    assert got == sorted(LAYOUT)


def test_cell_json_rounds_bbox() -> None:
    cell = Cell(1, 2, 1, 3, "x", (1.23456, 2.0, 3.0, 4.98765))
    assert cell.to_json() == {"row": 1, "col": 2, "rowspan": 1, "colspan": 3, "text": "x",
                              "bbox": [1.23, 2.0, 3.0, 4.99]}
