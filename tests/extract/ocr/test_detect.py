"""Only a page that paints an image is taken for a scan."""

from __future__ import annotations

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from pipeline.extract.ocr.detect import has_image


def test_an_image_page_is_a_scan_and_a_drawn_page_is_not(tmp_path) -> None:
    scan = tmp_path / "scan.pdf"
    Image.new("L", (200, 300), 255).save(scan, "PDF", resolution=72)
    drawn = tmp_path / "drawn.pdf"
    canvas = Canvas(str(drawn))
    canvas.rect(72, 72, 300, 400, fill=1)
    canvas.showPage()
    canvas.save()
    assert has_image(scan, 1) and not has_image(drawn, 1)
