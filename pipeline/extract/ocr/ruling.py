"""The ruling lines of a straightened scan, found by morphology, as the engines' Segments.

Opening the ink mask with a long thin kernel keeps only what runs straight for at least
MIN_RULE points: the rules, not the strokes of characters. Each connected piece left becomes a
Segment at its mean position (in points). The same masks, a little widened, are what is taken
out of a cell's crop before it is read.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.extract.ocr.units import pixels
from pipeline.extract.primitives import Segment

# Points a rule must run straight (longer than a heading's strokes), and how many times its
# thickness.
MIN_RULE = 19.2
SLENDER = 15
# Thickest line taken for a rule, in points (a thick frame is about 2 pt).
MAX_THICKNESS = 2.9
# Gaps (points) along a rule bridged before it is looked for: a speck of a scanner's dust, white,
# on a hairline cuts it (Poppler, -0.5°: the rule between two banks' headers lost, the two
# headers read as one).
GAP = 0.5
# How much of the rule is wiped around it in a crop, in points either side.
WIPE = 0.5


@dataclass
class Ruling:
    """The rules' pixels (horizontal and vertical) and the Segments they make."""

    horizontal: np.ndarray
    vertical: np.ndarray
    segments: list[Segment]
    scale: float  # points per pixel

    def wipe_mask(self) -> np.ndarray:
        """Pixels to blank before reading text: every rule, widened by WIPE."""
        both = (self.horizontal | self.vertical).astype(np.uint8)
        side = 2 * pixels(WIPE, self.scale) + 1
        kernel = np.ones((side, side), np.uint8)
        return cv2.dilate(both, kernel) > 0


def _lines(ink: np.ndarray, horizontal: bool, scale: float) -> np.ndarray:
    """What runs straight for MIN_RULE along the direction. Gaps of up to GAP are bridged
    between pieces that already run straight for half of it (no glyph's stroke does: bridging
    the ink itself joined units in a column of cells, across the rules between them, into a
    rule of their own)."""
    least, gap = pixels(MIN_RULE, scale), pixels(GAP, scale) + 1
    along = (lambda n: (n, 1)) if horizontal else (lambda n: (1, n))  # cv2: (width, height)

    def kernel(n: int) -> np.ndarray:
        return cv2.getStructuringElement(cv2.MORPH_RECT, along(n))

    straight = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, kernel(least // 2))
    bridged = cv2.morphologyEx(straight, cv2.MORPH_CLOSE, kernel(gap))
    return cv2.morphologyEx(bridged, cv2.MORPH_OPEN, kernel(least)) > 0


def _pieces(mask: np.ndarray) -> list[tuple[int, int, int, int, np.ndarray]]:
    """Each 8-connected piece of `mask` as (x, y, w, h, its own pixels in that box), in the
    order labelling gives them (by their first pixel, row by row). Found by their outlines: a
    page's rules are a sliver of it, and tracing them is far quicker than labelling it all."""
    contours, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_NONE)
    found = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        own = np.zeros((h, w), np.uint8)
        cv2.drawContours(own, [contour], -1, 1, cv2.FILLED, offset=(-x, -y))
        piece = (own > 0) & mask[y:y + h, x:x + w]
        found.append((y, x + int(np.argmax(piece[0])), (x, y, w, h, piece)))
    return [item for _, _, item in sorted(found, key=lambda f: (f[0], f[1]))]


def _segments(mask: np.ndarray, horizontal: bool, scale: float) -> list[Segment]:
    found = []
    least, thickest = pixels(MIN_RULE, scale), pixels(MAX_THICKNESS, scale)
    for x, y, w, h, piece in _pieces(mask):
        length, thickness = (w, h) if horizontal else (h, w)
        if (length < least or thickness > thickest + length // 40
                or length < SLENDER * _typical_thickness(piece, horizontal)):
            continue
        if horizontal:
            rows = np.nonzero(piece.any(axis=1))[0]
            at = y + float(np.average(rows, weights=piece[rows].sum(axis=1))) + 0.5
            found.append(Segment(x * scale, at * scale, (x + w) * scale, at * scale))
        else:
            cols = np.nonzero(piece.any(axis=0))[0]
            at = x + float(np.average(cols, weights=piece[:, cols].sum(axis=0))) + 0.5
            found.append(Segment(at * scale, y * scale, at * scale, (y + h) * scale))
    return found


def _typical_thickness(piece: np.ndarray, horizontal: bool) -> float:
    """The median thickness of a piece (its own pixels) across its length."""
    across = piece.sum(axis=0 if horizontal else 1)
    across = across[across > 0]
    return float(np.median(across)) if len(across) else 0.0


def find_ruling(ink: np.ndarray, scale: float) -> Ruling:
    """The page's rules from its ink mask; `scale` is points per pixel."""
    horizontal = _lines(ink, True, scale)
    vertical = _lines(ink, False, scale)
    segments = _segments(horizontal, True, scale) + _segments(vertical, False, scale)
    return Ruling(horizontal, vertical, segments, scale)
