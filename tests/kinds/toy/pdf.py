"""Draw a fee schedule: its title 「YYYY年度料金表」 and one ruled table 品目 | 料金."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "HeiseiKakuGo-W5"


def render_fees(year: int, fees: dict[str, int], path: Path) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    canvas.setFont(FONT, 14)
    canvas.drawString(72, height - 72, f"{year}年度料金表")
    canvas.setFont(FONT, 10)
    rows = [("品目", "料金"), *((item, f"{fee:,}") for item, fee in fees.items())]
    top, pitch, xs = height - 110, 20, (72, 232, 352)
    for i, (item, fee) in enumerate(rows):
        y = top - i * pitch
        canvas.drawString(xs[0] + 4, y - 14, item)
        canvas.drawRightString(xs[2] - 4, y - 14, fee)
        canvas.line(xs[0], y, xs[2], y)
    bottom = top - len(rows) * pitch
    canvas.line(xs[0], bottom, xs[2], bottom)
    for x in xs:
        canvas.line(x, top, x, bottom)
    canvas.showPage()
    canvas.save()
    return path
