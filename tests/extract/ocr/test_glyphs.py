"""What the ink tells that Tesseract does not: a point between two digits read without one,
found in the crop's ink or among the page's specks near print (a point thresholded to black and
white is dust's size, taken out of the print and kept aside)."""

from __future__ import annotations

import numpy as np

from pipeline.extract.ocr.crops import Crop
from pipeline.extract.ocr.glyphs import missing_points
from pipeline.extract.ocr.tesseract import Line, Symbol

SCALE = 72 / 300  # points a pixel at 300 dpi


def _digits() -> tuple[np.ndarray, Line]:
    """'2' and '3' as two blocks of ink 13 pixels tall, 6 pixels apart, read as 23."""
    pixels = np.full((33, 60), 255, np.uint8)
    pixels[10:23, 10:20] = 0
    pixels[10:23, 26:36] = 0
    symbols = (Symbol("2", 10, 10, 20, 23, 99.0), Symbol("3", 26, 10, 36, 23, 99.0))
    return pixels, Line(10, 10, 36, 23, symbols)


def test_a_speck_kept_aside_between_two_digits_at_their_foot_is_their_point() -> None:
    pixels, line = _digits()
    crop = Crop(pixels, 0, 0, SCALE, specks=((22, 20, 2, 2, 4),))
    assert missing_points(crop, line).text == "2.3"


def test_without_the_speck_no_point_is_put_in() -> None:
    pixels, line = _digits()
    assert missing_points(Crop(pixels, 0, 0, SCALE), line).text == "23"


def test_a_speck_above_the_foot_is_no_point() -> None:
    pixels, line = _digits()
    crop = Crop(pixels, 0, 0, SCALE, specks=((22, 11, 2, 2, 4),))
    assert missing_points(crop, line).text == "23"


def test_the_page_specks_a_crop_holds_are_those_inside_it_in_its_pixels() -> None:
    pixels, _ = _digits()
    page_specks = np.array([[122, 220, 2, 2, 4], [400, 400, 2, 2, 4]])
    crop = Crop(pixels, 100, 200, SCALE).with_specks(page_specks)
    assert crop.specks == ((22, 20, 2, 2, 4),)


def test_a_speck_in_a_number_that_has_its_point_is_dust() -> None:
    """2.1 read with its point, a speck at the foot between 1 and 2 of 2.125: no second."""
    pixels = np.full((33, 80), 255, np.uint8)
    symbols = []
    for text, x in (("2", 10), ("1", 32), ("2", 48), ("5", 64)):
        pixels[10:23, x:x + 10] = 0
        symbols.append(Symbol(text, x, 10, x + 10, 23, 99.0))
    pixels[20:23, 25:28] = 0  # the point, print-sized, read
    symbols.insert(1, Symbol(".", 25, 20, 28, 23, 99.0))
    crop = Crop(pixels, 0, 0, SCALE, specks=((44, 20, 2, 2, 4),))
    assert missing_points(crop, Line(10, 10, 74, 23, tuple(symbols))).text == "2.125"
