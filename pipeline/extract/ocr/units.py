"""Sizes on a scan: what the readers measure in points (as a PDF does), in pixels at the
resolution a page is read at. Every pixel constant of the OCR path is derived here from a size in
points, so a page read at another resolution keeps the same physical thresholds.
"""

from __future__ import annotations

POINTS_PER_INCH = 72


def pixels(points: float, scale: float) -> int:
    """`points` as whole pixels (at least 1) where a pixel is `scale` points."""
    return max(1, round(points / scale))


def area(square_points: float, scale: float) -> int:
    """An area of `square_points` as whole pixels (at least 1) where a pixel is `scale` points."""
    return max(1, round(square_points / (scale * scale)))


def scale_of(dpi: float) -> float:
    """Points per pixel at `dpi`."""
    return POINTS_PER_INCH / dpi
