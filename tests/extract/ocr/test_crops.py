"""A line cut out of a scan: a speck of dust far from the print is taken out before it is read,
a point beside its digits is kept."""

from __future__ import annotations

import numpy as np

from pipeline.extract.ocr.crops import without_specks

HEIGHT = 20.0


def _line() -> np.ndarray:
    """Two 'digits' 20 pixels tall with a point between them at their foot."""
    strip = np.full((30, 200), 255, np.uint8)
    strip[5:25, 10:22] = 0
    strip[22:25, 25:28] = 0  # the point: 9 pixels
    strip[5:25, 31:43] = 0
    return strip


def test_a_speck_far_from_the_print_is_taken_out() -> None:
    strip = _line()
    strip[12:14, 150:152] = 0  # dust, five line heights to the right
    cleaned = without_specks(strip, HEIGHT)
    assert (cleaned[:, 100:] == 255).all()
    assert (cleaned[:, :100] == _line()[:, :100]).all()


def test_a_point_between_digits_is_kept() -> None:
    assert (without_specks(_line(), HEIGHT) == _line()).all()


def test_a_line_of_one_speck_is_no_line() -> None:
    strip = np.full((30, 60), 255, np.uint8)
    strip[22:25, 25:28] = 0
    assert (without_specks(strip, HEIGHT) == 255).all()


def test_a_dash_alone_is_kept() -> None:
    strip = np.full((30, 60), 255, np.uint8)
    strip[14:17, 20:24] = 0  # 4 × 3: the "not offered" dash in 4 pt type
    assert (without_specks(strip, HEIGHT) == strip).all()
