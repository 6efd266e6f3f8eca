"""The PDFium engine boxes every character where pdfminer does when a font's widths are not
whole numbers (PDFium truncates them, pdfminer keeps them: the boxes drift apart along a run of
text), however the run is drawn: one string, strings one after another, TJ with kerning, ',
q and Q inside the text object, horizontal scaling, an /ActualText span between, turned text,
text in a form XObject. Made two ways besides Chromium (tests/producers): by hand, and by
reportlab embedding a TrueType font (which writes its widths with fractions as Chromium does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.engines.pdfium_reference import Reference
from tests.extract.engines.agree import primitive_differences
from tests.variants.raw_pdf import write_pdf

WIDTHS = " ".join("250.5" if code == 32 else "600.75" for code in range(32, 127))
FONT = (b"<< /Type /Font /Subtype /Type1 /BaseFont /FractionSans /FirstChar 32 /LastChar 126 "
        b"/Widths [" + WIDTHS.encode() + b"] /Encoding /WinAnsiEncoding /FontDescriptor << "
        b"/Type /FontDescriptor /FontName /FractionSans /Flags 32 /FontBBox [-100 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >> >>")
PAGE = b"""BT /F1 12 Tf 14 TL 20 270 Td (1234567890123456789012345678901234567890) Tj
(12345) Tj (67890) Tj [(12) -250 (34) 120 (56)] TJ (xyz) ' (abc def) Tj (tail) Tj ET
BT /F1 10 Tf 20 200 Td (111111) Tj q (222222) Tj Q (333333) Tj 150 Tz (444444) Tj ET
BT /F1 10 Tf 20 180 Td /Span << /ActualText (X) >> BDC (123456) Tj EMC (567890) Tj () Tj
(1234567890) Tj ET
BT /F1 10 Tf 0 1 -1 0 380 20 Tm (12345678901234567890) Tj (1234567890) Tj ET
q 1 0 0 1 0 -40 cm /Fm1 Do Q
"""
FORM = b"BT /F1 12 Tf 20 100 Td (123456789012345678901234) Tj (5678901234) Tj ET"


def test_runs_of_text_drawn_every_way(tmp_path) -> None:
    pdf = write_pdf(tmp_path / "x.pdf", [PAGE], {"F1": FONT}, {"Fm1": FORM})
    assert primitive_differences(pdf) == []
    reference = Reference(pdf)
    try:
        assert reference.runs(0) is not None  # the fractions were there to add
    finally:
        reference.close()


def test_an_embedded_truetype_font_from_reportlab(tmp_path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    font = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
    if not font.exists():
        pytest.skip("IPAexGothic is not installed (apt-get install fonts-ipaexfont-gothic)")
    pdfmetrics.registerFont(TTFont("IPAexGothic-Fractions", str(font)))
    pdf = tmp_path / "ttf.pdf"
    canvas = Canvas(str(pdf), pagesize=(420, 297), invariant=1)
    canvas.setFont("IPAexGothic-Fractions", 10)
    canvas.drawString(20, 270, "2025年 10月の改正内容 1234567890 0.20％ 45.35％ 1,234,567,890")
    text = canvas.beginText(20, 250)
    text.setFont("IPAexGothic-Fractions", 9)
    for piece in ("1,814,456", " 480,409", " 1,334,047", "（令和7年度）", " 12345"):
        text.textOut(piece)  # one Tj after another, no positioning between
    canvas.drawText(text)
    canvas.beginForm("figures")
    canvas.setFont("IPAexGothic-Fractions", 11)
    canvas.drawString(20, 200, "当期剰余金 5,210 8,123 代位弁済率 0.20 回収率 45.35")
    canvas.endForm()
    canvas.doForm("figures")
    canvas.saveState()
    canvas.translate(400, 20)
    canvas.rotate(90)
    canvas.drawString(0, 0, "15,497,614 13,826,021 1,671,593 0123456789")
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    assert primitive_differences(pdf) == []
