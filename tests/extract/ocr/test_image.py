"""A scan's resolution, read from the image its page paints; dust near print kept aside (a
point in small type thresholded to black and white is dust's size) and turned with its page."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from pipeline.extract.ocr.image import (
    level_page,
    scan_dpi,
    scan_is_black_and_white,
    specks_near_print,
)


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


def _page_with_a_point() -> np.ndarray:
    """A level 300 dpi page: a block of print 12 pixels tall and, 3 pixels right of its foot,
    a point of 2 × 2 pixels (dust's size); far off, a speck of the same size."""
    grey = np.full((200, 300), 235.0)
    grey[50:62, 40:50] = 20
    grey[60:62, 53:55] = 20
    grey[150:152, 250:252] = 20
    noise = np.random.default_rng(1).normal(0, 6, grey.shape)  # a scanner's grey levels
    return np.clip(grey + noise, 0, 255).astype(np.uint8)


def test_dust_near_print_is_kept_aside_and_far_from_it_is_not() -> None:
    page = level_page(_page_with_a_point())
    assert not page.ink[60:62, 53:55].any()  # too small for print ...
    assert specks_near_print(page).tolist() == [[53, 60, 2, 2, 4]]  # ... but near it


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_dust_turns_with_its_page(turns: int) -> None:
    page = level_page(_page_with_a_point())
    turned = page.quarter_turned(turns)
    painted = np.zeros(page.grey.shape, bool)
    for x, y, w, h, _ in page.dust:
        painted[y:y + h, x:x + w] = True
    expected = np.rot90(painted, turns)
    got = np.zeros(expected.shape, bool)
    for x, y, w, h, _ in turned.dust:
        got[y:y + h, x:x + w] = True
    assert (got == expected).all()


@pytest.mark.parametrize(("mode", "expected"), [("1", True), ("L", False)])
def test_a_scan_one_bit_a_pixel_is_told(tmp_path, mode: str, expected: bool) -> None:
    pdf = tmp_path / "scan.pdf"
    Image.new(mode, (600, 300), 255 if mode == "L" else 1).save(pdf, "PDF", resolution=300)
    document = pdfium.PdfDocument(str(pdf))
    try:
        assert scan_is_black_and_white(document[0]) is expected
    finally:
        document.close()
