"""A scanned page as pixels: rendered at 300 dpi, binarised, straightened.

Coordinates after `straighten` are those of the deskewed image; a pixel is 72 / DPI points, so
the characters and rules read from it share one frame, origin top-left as PDF points are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

DPI = 300
# Skew searched (degrees either way) and the step of the fine search.
MAX_SKEW = 3.0
COARSE_STEP = 0.1
FINE_STEP = 0.01
# The coarse search works on the page shrunk this many times.
SHRINK = 4


@dataclass
class PageImage:
    """A page's straightened greyscale pixels and their ink mask (True where dark)."""

    grey: np.ndarray
    ink: np.ndarray
    skew: float  # degrees the scan was turned by (anticlockwise), undone here

    @property
    def scale(self) -> float:
        """Points per pixel."""
        return 72 / DPI


def render(page: Any) -> np.ndarray:
    """A pypdfium2 page rendered greyscale at DPI, as a 2-D uint8 array."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    pixels = bitmap.to_numpy()
    if pixels.ndim == 3:
        pixels = cv2.cvtColor(pixels[:, :, :3], cv2.COLOR_BGR2GRAY)
    return np.ascontiguousarray(pixels)


def _print_level(grey: np.ndarray) -> float:
    """The grey level below which a pixel is print: Otsu's threshold on the lightly smoothed
    page (smoothing keeps noise from moving it)."""
    level, _ = cv2.threshold(cv2.medianBlur(grey, 3), 0, 255,
                             cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return level


def _print_blobs(grey: np.ndarray, level: float, least: int) -> np.ndarray:
    """Pixels darker than `level` in blobs of at least `least` pixels (dust taken away)."""
    ink = (grey < level).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    keep = stats[:, cv2.CC_STAT_AREA] >= least
    keep[0] = False
    return keep[labels]


def binarise(grey: np.ndarray, least: int = 5) -> np.ndarray:
    """Ink mask: the page's print level (Otsu) applied to the pixels as scanned, specks of dust
    (blobs under `least` pixels) removed. The level is not applied to a smoothed page: a
    median filter erases a rule one pixel wide (a hairline rasterised without spreading it
    over two columns), which broke the ruling wherever a skewed hairline ran in one column."""
    return _print_blobs(grey, _print_level(grey), least)


def _score(ink: np.ndarray, angle: float) -> float:
    """How sharply the ink falls into rows once turned by `angle`: the rows' squared sums."""
    h, w = ink.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.dot(rows, rows))


def skew_angle(ink: np.ndarray) -> float:
    """The angle (degrees) that sets the page's rows of text and rules level: the projection
    profile's sharpest, searched coarsely on a shrunk page, then finely."""
    small = cv2.resize(ink.astype(np.uint8), None, fx=1 / SHRINK, fy=1 / SHRINK,
                       interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0
    steps = np.arange(-MAX_SKEW, MAX_SKEW + COARSE_STEP / 2, COARSE_STEP)
    best = max(steps, key=lambda a: _score(small, float(a)))
    middle = ink.astype(np.uint8)
    fine = np.arange(best - COARSE_STEP, best + COARSE_STEP + FINE_STEP / 2, FINE_STEP)
    half = cv2.resize(middle, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return float(max(fine, key=lambda a: _score(half, float(a))))


def straighten(grey: np.ndarray) -> PageImage:
    """The page turned level, with its ink mask."""
    ink = binarise(grey)
    angle = skew_angle(ink)
    if abs(angle) >= FINE_STEP:
        h, w = grey.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        grey = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_CUBIC,
                              borderValue=255)
        ink = binarise(grey)
    return PageImage(grey, ink, -angle)


# Ink blobs smaller than this (pixels at 300 dpi) are dust or sensor noise, not print: the
# smallest printed mark, a point in 4 pt type, covers about 9.
MIN_BLOB = 5


def for_reading(page: PageImage) -> np.ndarray:
    """The page as Tesseract should see it: print on pure white, dust and noise taken away
    (the grey kept as scanned on and just around every blob of ink big enough to be print:
    smoothing it would blur the strokes of small type together)."""
    # The threshold Otsu finds on the smoothed page, applied to the page as scanned: smoothing
    # would take the points of small type (2.875) with the dust.
    level, _ = cv2.threshold(cv2.medianBlur(page.grey, 3), 0, 255,
                             cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = (page.grey < level).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    keep = stats[:, cv2.CC_STAT_AREA] >= MIN_BLOB
    keep[0] = False
    mask = cv2.dilate(keep[labels].astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return np.where(mask, page.grey, 255).astype(np.uint8)
