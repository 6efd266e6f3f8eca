"""A scan cut into what Tesseract reads: a ruled box's ink (`trimmed`), its text lines
(`bands`, `split_tall`) and the pieces of a line far apart (`pieces`), each a padded Crop that
knows where it stands on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from pipeline.extract.ocr.units import area, pixels

FAINT = 192  # ... and below which it is ink of a thin stroke (a ～ in small type prints grey)
MIN_INK = 0.35  # square points of ink below which a crop is blank (the page is clean of dust)
PAD = 2.4  # points of white around a crop handed to Tesseract


@dataclass(frozen=True)
class Crop:
    """Pixels to read and where they stand on the page (pixel offset), `scale` points/pixel."""

    pixels: np.ndarray
    left: int
    top: int
    scale: float
    # Blobs too small to be print standing near it, taken out of `pixels` as dust: (x, y,
    # width, height, area) in this crop's pixels (`image.specks_near_print`).
    specks: tuple[tuple[int, int, int, int, int], ...] = ()

    def with_specks(self, page_specks: np.ndarray) -> Crop:
        """This crop with those of the page's specks (page pixels) that stand inside it."""
        if not len(page_specks):
            return self
        h, w = self.pixels.shape
        x, y = page_specks[:, 0] - self.left, page_specks[:, 1] - self.top
        inside = ((x >= 0) & (y >= 0) & (x + page_specks[:, 2] <= w)
                  & (y + page_specks[:, 3] <= h))
        found = tuple((int(a), int(b), int(c), int(d), int(e)) for a, b, (c, d, e) in
                      zip(x[inside], y[inside], page_specks[inside][:, 2:5], strict=True))
        return replace(self, specks=found)

    def px(self, points: float) -> int:
        """`points` in this crop's whole pixels."""
        return pixels(points, self.scale)

    def px_area(self, square_points: float) -> int:
        """`square_points` in this crop's whole pixels."""
        return area(square_points, self.scale)


def trimmed(grey: np.ndarray, x0: int, top: int, x1: int, bottom: int,
            scale: float) -> Crop | None:
    """The part of `grey` inside the box, cut to its ink and padded; None when blank."""
    part = grey[max(top, 0):bottom, max(x0, 0):x1]
    ink = part < FAINT
    if int(ink.sum()) < area(MIN_INK, scale):
        return None
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    t, b, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    pad = pixels(PAD, scale)
    padded = cv2.copyMakeBorder(np.ascontiguousarray(part[t:b, left:right]), pad, pad, pad, pad,
                                cv2.BORDER_CONSTANT, value=255)
    return Crop(padded, max(x0, 0) + int(left) - pad, max(top, 0) + int(t) - pad, scale)


GAP_INK = 0.004
# A band this many times the page's line height holds lines touching each other.
TALL = 1.8
# Pieces of one band farther apart than this many line heights are read apart.
WIDE_GAP = 4.0
# A blob of ink smaller than this share of the line height squared, farther than NEAR line
# heights from any bigger one, is a speck (dust enlarged with a low-resolution scan), not print:
# a point or ・ stands beside the characters it parts.
SPECK = 0.05
NEAR = 1.0
# A blob this many times wider than tall is a stroke (a dash: 4 × 3 pixels in 4 pt type at
# 300 dpi), not a speck (as wide as tall).
FLAT = 1.2


def _gap(a: np.ndarray, b: np.ndarray) -> float:
    """Distance between two blobs' boxes (x, y, w, h, area), 0 when they overlap."""
    dx = max(a[0] - (b[0] + b[2]), b[0] - (a[0] + a[2]), 0)
    dy = max(a[1] - (b[1] + b[3]), b[1] - (a[1] + a[3]), 0)
    return float(np.hypot(dx, dy))


def without_specks(strip: np.ndarray, height: float) -> np.ndarray:
    """`strip` with every speck whitened (SPECK, NEAR). A strip holding one blob only keeps it
    unless it is a speck as round as dust (a dash, flat, stays: it is a cell's "not offered")."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats((strip < FAINT).astype(np.uint8),
                                                               8)
    if count <= 1 or height <= 0:
        return strip
    least = SPECK * height * height
    if count == 2:
        _, _, w, h, size = stats[1]
        return np.full_like(strip, 255) if size < least and w < FLAT * h else strip
    big = [stats[k] for k in range(1, count) if stats[k][4] >= least]
    specks = [k for k in range(1, count) if stats[k][4] < least
              and big and min(_gap(stats[k], b) for b in big) > NEAR * height]
    if not specks:
        return strip
    out = strip.copy()
    out[np.isin(labels, specks)] = 255
    return out


def bands(crop: Crop) -> list[tuple[int, int]]:
    """The crop's text lines as (top, bottom) pixel rows, parted where no ink crosses."""
    ink = crop.pixels < FAINT  # the page is clean already (image.for_reading)
    rows = ink.sum(axis=1) > max(1, GAP_INK * ink.shape[1])
    found, start = [], None
    for y, inked in enumerate(rows):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            found.append((start, y))
            start = None
    if start is not None:
        found.append((start, len(rows)))
    return [(a, b) for a, b in found if b - a >= 2]


def split_tall(crop: Crop, band: tuple[int, int], height: float) -> list[tuple[int, int]]:
    """A band of lines whose glyphs touch (① over ②) parted at its thinnest rows, one line
    height apart."""
    top, bottom = band
    if height <= 0 or bottom - top <= TALL * height:
        return [band]
    ink = (crop.pixels[top:bottom] < FAINT).sum(axis=1)
    low, high = int(0.6 * height), int(min(1.4 * height, bottom - top - 0.6 * height))
    if high <= low:
        return [band]
    cut = top + low + int(np.argmin(ink[low:high]))
    return [(top, cut), *split_tall(crop, (cut, bottom), height)]


def pieces(crop: Crop, band: tuple[int, int], height: float) -> list[Crop]:
    """A band cut out of the crop (and apart where its ink leaves a wide gap), padded."""
    top, bottom = band
    strip = without_specks(crop.pixels[top:bottom], height)
    cols = np.nonzero((strip < FAINT).any(axis=0))[0]
    if not len(cols):
        return []
    runs, first, last = [], cols[0], cols[0]
    for x in cols[1:]:
        if x - last > WIDE_GAP * max(height, 1.0):
            runs.append((first, last + 1))
            first = x
        last = x
    runs.append((first, last + 1))
    out = []
    for left, right in runs:
        pad = crop.px(PAD)
        padded = cv2.copyMakeBorder(np.ascontiguousarray(strip[:, left:right]), pad, pad, pad,
                                    pad, cv2.BORDER_CONSTANT, value=255)
        out.append(Crop(padded, crop.left + int(left) - pad, crop.top + top - pad, crop.scale))
    return out
