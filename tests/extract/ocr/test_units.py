"""Pixel sizes derived from sizes in points at the page's resolution."""

from __future__ import annotations

from pipeline.extract.ocr.units import area, pixels, scale_of


def test_points_become_the_same_physical_size_at_any_resolution() -> None:
    assert pixels(19.2, scale_of(300)) == 80
    assert pixels(19.2, scale_of(200)) == 53
    assert pixels(19.2, scale_of(600)) == 160


def test_areas_scale_with_the_square_of_the_resolution() -> None:
    assert area(0.29, scale_of(300)) == 5
    assert area(0.29, scale_of(600)) == 20


def test_never_less_than_one_pixel() -> None:
    assert pixels(0.01, scale_of(72)) == 1
    assert area(0.01, scale_of(72)) == 1
