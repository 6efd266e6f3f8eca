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
    least = pixels(MIN_RULE, scale)
    shape = (least, 1) if horizontal else (1, least)  # cv2 takes (width, height)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
    return cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, kernel) > 0


def _segments(mask: np.ndarray, horizontal: bool, scale: float) -> list[Segment]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), 8)
    found = []
    least, thickest = pixels(MIN_RULE, scale), pixels(MAX_THICKNESS, scale)
    for n in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[n])
        length, thickness = (w, h) if horizontal else (h, w)
        if (length < least or thickness > thickest + length // 40
                or length < SLENDER * _typical_thickness(mask, labels, n, x, y, w, h,
                                                         horizontal)):
            continue
        piece = labels[y:y + h, x:x + w] == n
        if horizontal:
            rows = np.nonzero(piece.any(axis=1))[0]
            at = y + float(np.average(rows, weights=piece[rows].sum(axis=1))) + 0.5
            found.append(Segment(x * scale, at * scale, (x + w) * scale, at * scale))
        else:
            cols = np.nonzero(piece.any(axis=0))[0]
            at = x + float(np.average(cols, weights=piece[:, cols].sum(axis=0))) + 0.5
            found.append(Segment(at * scale, y * scale, at * scale, (y + h) * scale))
    return found


def _typical_thickness(mask: np.ndarray, labels: np.ndarray, n: int, x: int, y: int, w: int,
                       h: int, horizontal: bool) -> float:
    """The median thickness of piece `n` across its length."""
    piece = labels[y:y + h, x:x + w] == n
    across = piece.sum(axis=0 if horizontal else 1)
    across = across[across > 0]
    return float(np.median(across)) if len(across) else 0.0


def find_ruling(ink: np.ndarray, scale: float) -> Ruling:
    """The page's rules from its ink mask; `scale` is points per pixel."""
    horizontal = _lines(ink, True, scale)
    vertical = _lines(ink, False, scale)
    segments = _segments(horizontal, True, scale) + _segments(vertical, False, scale)
    return Ruling(horizontal, vertical, segments, scale)
