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

# Points a pixel of the shrunk page blocks are looked for on.
SEARCH_SCALE = 0.72
# Points of blank a block's ink is joined across (a character's, not a column's gap).
JOIN = 1.5
# Blocks sampled (read one after another until ENOUGH glyphs are), and the most of a block read
# (points, either way).
SAMPLED = 4
ENOUGH = 40
LARGEST_BLOCK = 64.0
# A block smaller than this (points, either way) is no text worth a sample (a mark, a digit).
SMALLEST_BLOCK = 12.0
# Mean confidence (0–100) of the upright reading at which no other turn is tried; glyphs read
# at least, for a reading to count.
UPRIGHT_SURE = 95.0
LEAST_GLYPHS = 8


def _blocks(clean: np.ndarray, scale: float) -> list[np.ndarray]:
    """The SAMPLED blocks of the page (print on white, rules wiped) with the most ink, each cut
    to at most LARGEST_BLOCK points either way and padded. The blocks are found on the page
    shrunk to SEARCH_SCALE points a pixel (a ninth of a 300 dpi page's pixels)."""
    shrink = min(1.0, scale / SEARCH_SCALE)
    ink = cv2.resize((clean < FAINT).astype(np.uint8) * 255, None, fx=shrink, fy=shrink,
                     interpolation=cv2.INTER_AREA) > 0
    coarse = scale / shrink
    side = 2 * pixels(JOIN / 2, coarse) + 1
    joined = cv2.dilate(ink.astype(np.uint8), np.ones((side, side), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, 8)
    least, most = pixels(SMALLEST_BLOCK, coarse), pixels(LARGEST_BLOCK, scale)
    found = []
    for n in range(1, count):
        x, y, w, h, mass = (int(v) for v in stats[n])
        if max(w, h) < least:
            continue
        x, y = int(x / shrink), int(y / shrink)
        w, h = min(int(w / shrink) + 1, most), min(int(h / shrink) + 1, most)
        found.append((mass, x, y, clean[y:y + h, x:x + w]))
    found.sort(key=lambda f: (-f[0], f[2], f[1]))
    pad = pixels(PAD, scale)
    return [cv2.copyMakeBorder(np.ascontiguousarray(part), pad, pad, pad, pad,
                               cv2.BORDER_CONSTANT, value=255)
            for _, _, _, part in found[:SAMPLED]]


def _confidence(blocks: list[np.ndarray], turns: int) -> float:
    """Mean confidence of the glyphs read in `blocks` turned `turns` quarters anticlockwise,
    block after block until ENOUGH are read (0 when fewer than LEAST_GLYPHS are)."""
    confidences: list[float] = []
    for block in blocks:
        turned = np.ascontiguousarray(np.rot90(block, turns))
        confidences += [s.confidence for line in tesseract.read(turned, tesseract.BLOCK)
                        for s in line.symbols]
        if len(confidences) >= ENOUGH:
            break
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
