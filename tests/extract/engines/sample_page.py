"""A small landscape page for the engine tests: a ruled 2 × 3 grid holding Japanese (a CID
font without its file, whose widths pdfminer takes from /W) and Latin text (a standard 14 font,
whose widths PDFium measures), a title, and a line whose words are drawn right to left."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from tests.variants.rotate import page_canvas

SIZE = (420.0, 297.0)  # landscape, as shown
JAPANESE = "HeiseiKakuGo-W5"
CELLS = (("融資額限度", "1,000", "万円"), ("金利", "2.450", "％"))
# Drawn in this order, each word a text object of its own, all on one baseline.
RIGHT_TO_LEFT = ((300.0, "gamma"), (200.0, "beta"), (100.0, "alpha"))


def draw_sample(path: Path, rotate: int = 0) -> Path:
    """The sample page into `path`, stored turned by `rotate` (TurnedCanvas) if not 0."""
    pdfmetrics.registerFont(UnicodeCIDFont(JAPANESE))
    width, height = SIZE
    canvas = page_canvas(path, rotate, pagesize=SIZE, invariant=1)
    canvas.setFont(JAPANESE, 12)
    canvas.drawString(40, height - 40, "制度概要（2025年4月1日現在）")
    xs, ys = (40.0, 160.0, 260.0, 340.0), (height - 70, height - 100, height - 130)
    canvas.setLineWidth(0.5)
    for x in xs:
        canvas.line(x, ys[0], x, ys[-1])
    for y in ys:
        canvas.line(xs[0], y, xs[-1], y)
    for row, texts in enumerate(CELLS):
        for col, text in enumerate(texts):
            canvas.setFont(JAPANESE if col != 1 else "Helvetica", 9)
            canvas.drawString(xs[col] + 4, ys[row + 1] + 9, text)
    for x, word in RIGHT_TO_LEFT:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(x, 60, word)
    canvas.showPage()
    canvas.save()
    return path
