"""Circled numerals (①, ②): rings found in a crop's ink, and the digits inside one read
alone, several ways, the readings voting (the model reads ② as ⑧ or 2, or drops it).
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.core.text import CIRCLED
from pipeline.extract.ocr import tesseract
from pipeline.extract.ocr.crops import FAINT, MIN_INK, PAD, Crop
from pipeline.extract.ocr.tesseract import Symbol, mean_confidence, read_scaled

# A ring is about as wide as tall, and holds a hole; what lies within this share of its
# half-size from its middle is the numeral inside (the ring's stroke lies beyond).
RING_INNER = 0.78
# The smallest ring (points tall).
RING_LEAST = 1.9
CIRCLED_DIGITS = "0123456789"
# The share of its box a ring's outline encloses (a circle π/4; the box of 回 or 国 nearly all).
ROUND = (0.68, 0.88)
# The numeral inside is at most this share of the ring's width; rays tested round the ring.
INNER_WIDTH = 0.7
RAYS = 24
# A circled numeral Tesseract itself reads this surely (0–100) where a ring stands is kept.
CIRCLED_TRUSTED = 90.0
# How the digits inside a ring are read (enlargement, segmentation mode): the readings vote.
CIRCLED_READINGS = ((2.0, tesseract.CHAR), (3.0, tesseract.CHAR), (3.0, tesseract.WORD),
                    (4.0, tesseract.CHAR))
# Confidence (0–100, the votes' mean over the readings) the digits inside a ring must have.
CIRCLED_SURE = 50.0


def _inner(w: int, h: int) -> np.ndarray:
    """The ellipse inside a ring's box (True within RING_INNER of its half-size)."""
    ys, xs = np.mgrid[0:h, 0:w]
    dx, dy = (xs + 0.5 - w / 2) / (w / 2), (ys + 0.5 - h / 2) / (h / 2)
    return dx * dx + dy * dy <= RING_INNER * RING_INNER


def rings(crop: Crop) -> list[tuple[int, int, int, int]]:
    """The boxes of rings round a glyph (①, ②): an outer contour about as wide as tall, with
    a hole, and ink inside (a mark ○ has none, a ◎ no digits)."""
    ink = (crop.pixels < FAINT).astype(np.uint8)
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    found = []
    for n, contour in enumerate(contours):
        if hierarchy[0][n][3] >= 0 or hierarchy[0][n][2] < 0:  # an outer contour with a hole
            continue
        x, y, w, h = cv2.boundingRect(contour)
        if h < crop.px(RING_LEAST) or not 0.8 <= w / h <= 1.25:
            continue
        if not ROUND[0] <= cv2.contourArea(contour) / (w * h) <= ROUND[1]:  # 囗 is square
            continue
        box = ink[y:y + h, x:x + w] > 0
        inner = box & _inner(w, h)
        if int(inner.sum()) < crop.px_area(MIN_INK) or not _closed(box):
            continue
        cols = np.nonzero(inner.any(axis=0))[0]
        if cols[-1] - cols[0] + 1 <= INNER_WIDTH * w:  # a digit, not a ring's inner edge (○)
            found.append((x, y, w, h))
    return found


_ANGLES = np.linspace(0, 2 * np.pi, RAYS, endpoint=False)
_RADII = np.linspace(RING_INNER, 1.0, 6)


def _closed(box: np.ndarray) -> bool:
    """Is there ink all round the box's outer band (a ring), at every one of RAYS angles?"""
    h, w = box.shape
    px = (w / 2 + np.outer(np.cos(_ANGLES), _RADII) * (w / 2 - 0.5)).astype(int)
    py = (h / 2 + np.outer(np.sin(_ANGLES), _RADII) * (h / 2 - 0.5)).astype(int)
    hits = box[np.clip(py, 0, h - 1), np.clip(px, 0, w - 1)]
    return bool(hits.any(axis=1).all())


def circled_numeral(crop: Crop, box: tuple[int, int, int, int]) -> Symbol | None:
    """The circled numeral a ring makes with the digits inside it, read alone several ways
    (all outside the ring's inner ellipse blanked, enlarged, digits only), the readings
    voting; None if not a number 1–20 read surely enough."""
    x, y, w, h = box
    part = crop.pixels[y:y + h, x:x + w].copy()
    part[~_inner(w, h)] = 255
    pad = crop.px(PAD)
    part = cv2.copyMakeBorder(part, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    votes: dict[str, float] = {}
    for factor, psm in CIRCLED_READINGS:
        for found in read_scaled(part, psm, CIRCLED_DIGITS, factor)[:1]:
            if found.text.isdigit() and 1 <= int(found.text) <= 20:
                votes[found.text] = votes.get(found.text, 0.0) + mean_confidence(found)
    if not votes:
        return None
    best = max(votes, key=lambda t: votes[t])
    sure = votes[best] / len(CIRCLED_READINGS)
    if sure < CIRCLED_SURE:
        return None
    return Symbol(CIRCLED[int(best) - 1], x, y, x + w, y + h, sure)
