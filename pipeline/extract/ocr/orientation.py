"""Which way up a straightened scan reads: the quarter turns that set its text upright.

A scan may lie a quarter or half turn round on a page that does not say so (scanned turned, no
/Rotate). The skew search sets its rules level either way, so the question left is which of the
four quarter turns reads. A few blocks of its text (the biggest clusters of ink that is no
rule) are read by Tesseract as they stand; read surely, the page is upright (one short reading:
the usual case). Otherwise they are read in all four turns and the surest turn wins: Tesseract's
model reads a glyph on its side or upside down with less confidence than one upright.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.ocr import tesseract
from pipeline.extract.ocr.crops import FAINT, PAD
from pipeline.extract.ocr.units import pixels

# Points of blank a block's ink is joined across (a character's, not a column's gap).
JOIN = 1.5
# Blocks sampled, and the most of a block read (points, either way: about ten lines).
SAMPLED = 3
LARGEST_BLOCK = 96.0
# A block smaller than this (points, either way) is no text worth a sample (a mark, a digit).
SMALLEST_BLOCK = 12.0
# Mean confidence (0–100) of the upright reading at which no other turn is tried; glyphs read
# at least, for a reading to count.
UPRIGHT_SURE = 95.0
LEAST_GLYPHS = 8


def _blocks(clean: np.ndarray, scale: float) -> list[np.ndarray]:
    """The SAMPLED blocks of the page (print on white, rules wiped) with the most ink, each cut
    to at most LARGEST_BLOCK points either way and padded."""
    ink = (clean < FAINT).astype(np.uint8)
    side = 2 * pixels(JOIN / 2, scale) + 1
    joined = cv2.dilate(ink, np.ones((side, side), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, 8)
    least, most, pad = pixels(SMALLEST_BLOCK, scale), pixels(LARGEST_BLOCK, scale), pixels(
        PAD, scale)
    found = []
    for n in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[n])
        if max(w, h) < least:
            continue
        w, h = min(w, most), min(h, most)
        part = clean[y:y + h, x:x + w]
        found.append((int((part < FAINT).sum()), x, y, part))
    found.sort(key=lambda f: (-f[0], f[2], f[1]))
    return [cv2.copyMakeBorder(np.ascontiguousarray(part), pad, pad, pad, pad,
                               cv2.BORDER_CONSTANT, value=255)
            for _, _, _, part in found[:SAMPLED]]


def _confidence(blocks: list[np.ndarray], turns: int) -> float:
    """Mean confidence of the glyphs read in `blocks` turned `turns` quarters anticlockwise
    (0 when fewer than LEAST_GLYPHS are read)."""
    confidences = [s.confidence for block in blocks
                   for line in tesseract.read(np.ascontiguousarray(np.rot90(block, turns)),
                                              tesseract.BLOCK)
                   for s in line.symbols]
    return float(np.mean(confidences)) if len(confidences) >= LEAST_GLYPHS else 0.0


def upright_turns(clean: np.ndarray, scale: float) -> int:
    """Quarter turns anticlockwise (np.rot90's) that set the text of `clean` (a straightened
    page, print on white, rules wiped; `scale` points a pixel) upright: 0, 1, 2 or 3."""
    blocks = _blocks(clean, scale)
    if not blocks:
        return 0
    upright = _confidence(blocks, 0)
    if upright >= UPRIGHT_SURE:
        return 0
    scores = [upright] + [_confidence(blocks, k) for k in (1, 2, 3)]
    return max(range(4), key=lambda k: (scores[k], -k))
