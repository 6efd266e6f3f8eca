"""A line read near a known label or bank name, but not as one, read again other ways.

Small type in a poor scan (black and white, 200 dpi, blurred) is read a character off: 九州測金庫,
看担保 (near 有担保 and 無担保 alike, which match.py may not choose between). Such a line is read
again from the same ink smoothed, enlarged, as one word, and last with the characters of the
names it is near only; a reading that is one of those names exactly (and, constrained, is so in
two readings) replaces it. Never a guess: a line no reading makes a name is left as read, for
match.py to set right or to stop on.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.core.text import squeeze
from pipeline.extract.ocr import tesseract
from pipeline.extract.ocr.crops import Crop
from pipeline.extract.ocr.glyphs import marks
from pipeline.extract.ocr.match import INDEL, LEAST, LIMIT, SHORTEST, distance, vocabulary
from pipeline.extract.ocr.tesseract import Line, mean_confidence, read_scaled

# How near (a share of the name's length, at least LEAST edits) a line is to a name for it to
# be read again: twice what match.py sets right by itself; and the least confidence (0–100) of
# a glyph of a line read unsurely (a line read surely is another word: 資金等, not 資金使途).
NEAR = 2 * LIMIT
UNSURE = 90.0
# The other ways a line is read: points of smoothing (negative: of sharpening, an unsharp mask
# of that radius, for a blurred scan), enlargement, segmentation mode.
UNCONSTRAINED = ((-0.24, 1.0, tesseract.LINE), (-0.36, 1.5, tesseract.LINE),
                 (0.17, 1.0, tesseract.LINE), (0.0, 2.0, tesseract.LINE),
                 (0.17, 1.5, tesseract.WORD), (-0.36, 1.0, tesseract.LINE))
CONSTRAINED = ((0.0, 1.0, tesseract.LINE), (-0.24, 1.0, tesseract.LINE),
               (-0.36, 1.5, tesseract.LINE), (0.17, 1.0, tesseract.LINE))
# Confidence (0–100, the mean of its glyphs) a reading that is a name must have.
SURE = 70.0


def near_names(text: str) -> list[str]:
    """The known names `text` (squeezed) is near but not, nearest first."""
    if len(text) < SHORTEST or text in vocabulary():
        return []
    found = []
    for name in vocabulary():
        if len(name) < SHORTEST:
            continue
        cap = max(LEAST, NEAR * len(name))
        if abs(len(name) - len(text)) * INDEL > cap:
            continue
        d = distance(text, name, cap)
        if d <= cap:
            found.append((d, name))
    return [name for _, name in sorted(found)]


def _smoothed(pixels: np.ndarray, points: float, scale: float) -> np.ndarray:
    """`pixels` smoothed by a Gaussian of `points` radius, or sharpened (an unsharp mask of
    as much) where `points` is negative."""
    if not points:
        return pixels
    blurred = cv2.GaussianBlur(pixels, (0, 0), abs(points) / scale)
    if points > 0:
        return blurred
    sharp = 2.0 * pixels.astype(np.float32) - blurred.astype(np.float32)
    return np.clip(sharp, 0, 255).astype(np.uint8)


def _named(crop: Crop, variants: tuple[tuple[float, float, int], ...], whitelist: str,
           names: list[str]) -> list[Line]:
    """The readings (one line each, sure enough) that are one of `names`."""
    out = []
    for points, factor, psm in variants:
        found = read_scaled(_smoothed(crop.pixels, points, crop.scale), psm, whitelist, factor)
        if len(found) == 1 and mean_confidence(found[0]) >= SURE:
            line = marks(found[0])  # (a legend's 〇: read as ○：)
            if squeeze(line.text) in names:
                out.append(line)
    return out


def as_known_name(crop: Crop, line: Line) -> Line:
    """`line` (the only one of its piece), or a reading of the same ink that is a known name
    it is near (see the module's doc)."""
    if line.confidence >= UNSURE:
        return line
    names = near_names(squeeze(marks(line).text))
    if not names:
        return line
    found = _named(crop, UNCONSTRAINED, "", names)
    if found:
        return found[0]
    whitelist = "".join(sorted(set("".join(names))))
    found = _named(crop, CONSTRAINED, whitelist, names)
    texts = [squeeze(f.text) for f in found]
    agreed = [f for f, t in zip(found, texts, strict=True) if texts.count(t) >= 2]
    return agreed[0] if agreed else line
