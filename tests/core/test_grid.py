"""Positions as the artifacts and datasets keep them."""

from __future__ import annotations

from pipeline.core.grid import box_text, parse_box, points


def test_float_noise_does_not_round_apart() -> None:
    # pdfminer's 251.725 and PDFium's float32 reading of the same rule
    assert points(251.72500000000002) == points(251.72499) == points(251.725) == 251.72
    assert points(10.0041) == 10.0 and points(10.0061) == 10.01


def test_no_negative_zero() -> None:
    assert str(points(-0.0001)) == "0.0"
    assert box_text((-0.001, 1, 2, 3)) == "0.00,1.00,2.00,3.00"


def test_box_text_reads_back() -> None:
    box = (127.02, 683.86, 251.72, 794.82)
    assert parse_box(box_text(box)) == box
    assert parse_box("") is None and parse_box("1,2,x,4") is None


def test_a_value_off_three_decimals_rounds_once() -> None:
    assert points(1.23456) == 1.23 and points(4.98765) == 4.99 and points(1.2346) == 1.23
