"""Rules found in a scan's pixels: a hairline one pixel wide (as a rasteriser that does not
spread a thin line over two columns draws it) is a rule, and a rule is found at the same place
in points whatever the resolution."""

from __future__ import annotations

import numpy as np

from pipeline.extract.ocr.image import straighten
from pipeline.extract.ocr.ruling import find_ruling


def _page(dpi: int, hairline: bool, seed: int = 0) -> np.ndarray:
    """A 4 × 3 inch page with a ruled box 3 × 2 inches from (0.5, 0.5) inch, some text-like
    blobs inside, scanner noise; rules one pixel wide (grey 90, half-dark neighbours) or two."""
    rng = np.random.default_rng(seed)
    grey = np.full((3 * dpi, 4 * dpi), 255.0)
    x0, x1, y0, y1 = dpi // 2, dpi // 2 + 3 * dpi, dpi // 2, dpi // 2 + 2 * dpi
    width = 1 if hairline else 2
    for x in (x0, (x0 + x1) // 2, x1):
        grey[y0:y1 + width, x:x + width] = 90
        if hairline:
            grey[y0:y1 + 1, x - 1] = grey[y0:y1 + 1, x + 1] = 215
    for y in (y0, y1):
        grey[y:y + width, x0:x1 + width] = 90
    for n in range(12):  # a few 'characters'
        cx, cy = x0 + dpi // 4 + n * dpi // 5, y0 + dpi // 2
        grey[cy:cy + dpi // 12, cx:cx + dpi // 60 + 1] = 40
    grey += rng.normal(0, 10, grey.shape)
    return np.clip(grey, 0, 255).astype(np.uint8)


def _verticals(dpi: int, hairline: bool) -> list[tuple[float, float, float]]:
    page = straighten(_page(dpi, hairline), dpi)
    ruling = find_ruling(page.ink, page.scale)
    return sorted((s.x0, s.top, s.bottom) for s in ruling.segments if s.x0 == s.x1)


def test_a_hairline_one_pixel_wide_is_a_rule() -> None:
    """(A median filter before the threshold took it away: a skewed scan drawn so lost every
    stretch of rule that ran in one column of pixels, and a bank its sub-columns.)"""
    found = _verticals(300, hairline=True)
    assert len(found) == 3
    assert all(bottom - top >= 0.95 * 144 for _, top, bottom in found)  # 2 inches


def test_rules_stand_at_the_same_points_at_200_and_300_dpi() -> None:
    at_300, at_200 = _verticals(300, hairline=False), _verticals(200, hairline=False)
    assert len(at_300) == len(at_200) == 3
    for a, b in zip(at_300, at_200, strict=True):
        assert all(abs(p - q) <= 0.75 for p, q in zip(a, b, strict=True))


def test_a_rule_cut_by_a_white_speck_is_one_rule() -> None:
    """A hairline cut a pixel deep by a scanner's white dust 0.3 inch from its top: the stretch
    above it (shorter than a rule) is not lost, the rule runs whole."""
    ink = np.zeros((900, 1200), bool)
    ink[150:750, 600:602] = True
    ink[240, 600:602] = False
    ruling = find_ruling(ink, 72 / 300)
    verticals = [s for s in ruling.segments if s.x0 == s.x1]
    assert len(verticals) == 1
    assert verticals[0].bottom - verticals[0].top >= 0.98 * 600 * 72 / 300


def test_glyphs_in_a_column_of_cells_make_no_rule_across_the_rules_between_them() -> None:
    """Units in 4.5 pt type one under the other, cell after cell, each stroke two pixels from the
    rule between the cells: no vertical rule is made of them."""
    ink = np.zeros((900, 400), bool)
    for top in range(100, 800, 20):  # cells 20 pixels tall, a rule 1 pixel at each top
        ink[top, 50:350] = True
        ink[top + 3:top + 18, 200:202] = True  # a glyph's upright stroke
    ruling = find_ruling(ink, 72 / 300)
    assert [s for s in ruling.segments if s.x0 == s.x1] == []
