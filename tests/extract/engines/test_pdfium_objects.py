"""Text objects PDFium's text page leaves out and pdfminer reads: a bold face made by drawing the
same text twice at nearly the same place (PDFium keeps the first), and objects of spaces only.
Made two ways: a hand-written content stream and reportlab drawing a string twice."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from pipeline.extract.engines import open_document
from tests.extract.engines.agree import primitive_differences
from tests.variants.raw_pdf import write_pdf

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _texts(pdf, engine: str) -> list[str]:
    with open_document(pdf, engine) as document:
        return ["".join(char.text for char in page.chars) for page in document.pages()]


def test_text_drawn_twice_is_read_twice(tmp_path) -> None:
    pdf = write_pdf(tmp_path / "x.pdf", [
        b"BT /F1 12 Tf 20 200 Td (Bold) Tj ET BT /F1 12 Tf 20.3 200 Td (Bold) Tj ET",
        b"BT /F1 12 Tf 20 200 Td (Bold) Tj 0.25 0.1 Td (Bold) Tj 0.25 0 Td (Bold) Tj ET",
        b"BT /F1 12 Tf 20 200 Td (Bold) Tj ET q 1 0 0 1 0.3 0 cm BT /F1 12 Tf 20 200 Td "
        b"(Bold) Tj ET Q BT /F1 12 Tf 20 180 Td (Next) Tj ( ) Tj ( ) Tj (line) Tj ET",
    ], {"F1": HELVETICA})
    assert _texts(pdf, "pdfium") == _texts(pdf, "pdfplumber") == [
        "BoldBold", "BoldBoldBold", "BoldBoldNext  line"]
    assert primitive_differences(pdf) == []


def test_a_string_reportlab_draws_twice(tmp_path) -> None:
    pdf = tmp_path / "bold.pdf"
    canvas = Canvas(str(pdf), pagesize=(300, 200), invariant=1)
    canvas.setFont("Helvetica", 11)
    for offset in (0.0, 0.2, 0.4):
        canvas.drawString(20 + offset, 150, "Loan limit 1,000")
    canvas.drawString(20, 120, "drawn once")
    canvas.showPage()
    canvas.save()
    assert _texts(pdf, "pdfium") == _texts(pdf, "pdfplumber")
    assert primitive_differences(pdf) == []
