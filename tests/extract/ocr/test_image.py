"""A scan's resolution, read from the image its page paints."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image

from pipeline.extract.ocr.image import scan_dpi


@pytest.mark.parametrize("dpi", [150, 200, 300, 400])
def test_a_scans_resolution_is_its_images_pixels_over_its_inches(tmp_path, dpi: int) -> None:
    pdf = tmp_path / "scan.pdf"
    Image.new("L", (4 * dpi, 3 * dpi), 255).save(pdf, "PDF", resolution=dpi)
    document = pdfium.PdfDocument(str(pdf))
    try:
        assert scan_dpi(document[0]) == dpi
    finally:
        document.close()


def test_a_page_without_an_image_has_no_scan_resolution(tmp_path) -> None:
    document = pdfium.PdfDocument.new()
    document.new_page(200, 100)
    try:
        assert scan_dpi(document[0]) is None
    finally:
        document.close()
