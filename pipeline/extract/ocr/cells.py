"""Reading one crop of a scan (a ruled box, or the page's text outside the tables) into Chars.

A crop is first read as Japanese text (a block of lines). A line that reads as numerals, units
or marks only, or is a few characters long, is read again with that character set alone and a
one-line (or one-character) segmentation; the surer reading is kept. Then what Tesseract cannot
tell by itself is set right from the glyphs: 〇 / O read alone is the mark ○, x alone is ×, ~ the
range mark ～, and a separator between digits is a comma when it hangs below the digits' line
(1,000) and a point when it sits on it (2.875). A crop with ink Tesseract reads nothing in is a
dash when its ink is one flat stroke (the "not offered" -).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.core.text import CIRCLED
from pipeline.extract.ocr import tesseract
from pipeline.extract.ocr.tesseract import Line, Symbol
from pipeline.extract.primitives import Char
from schemas.reference import MONTHS_PER_UNIT, YEN_PER_UNIT

DARK = 128  # grey level below which a pixel is ink
MIN_INK = 12  # pixels of ink below which a crop is blank (dust)
PAD = 10  # white pixels around a crop handed to Tesseract
MARKS = "〇x要否※-"
NUMERALS = "0123456789,.~-%()" + CIRCLED[:10]
UNIT_CHARS = "".join(sorted(set("".join([*YEN_PER_UNIT, *MONTHS_PER_UNIT]))))
CONSTRAINED = "".join(dict.fromkeys(MARKS + NUMERALS + UNIT_CHARS))
# What an unconstrained reading makes of numerals and marks (a line of only these, or a very
# short line, is read again constrained).
LOOKALIKES = set(CONSTRAINED) | set("Oo〇口ロxX×・.,:;'`_|ー一ｰ-~〜%％")
SHORT = 2
# Japanese text: an em is about this many times the height Tesseract gives a line of it.
EM_PER_LINE = 1.08
# Characters closer than this many ems are one word (a wider gap is a space).
JOINED = 0.5
# Confidence (0–100) a constrained reading may give away and still be kept.
CONSTRAINED_MARGIN = 15.0


@dataclass(frozen=True)
class Crop:
    """Pixels to read and where they stand on the page (pixel offset), `scale` points/pixel."""

    pixels: np.ndarray
    left: int
    top: int
    scale: float


def trimmed(grey: np.ndarray, x0: int, top: int, x1: int, bottom: int,
            scale: float) -> Crop | None:
    """The part of `grey` inside the box, cut to its ink and padded; None when blank."""
    part = grey[max(top, 0):bottom, max(x0, 0):x1]
    ink = part < DARK
    if int(ink.sum()) < MIN_INK:
        return None
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    t, b, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    pixels = cv2.copyMakeBorder(np.ascontiguousarray(part[t:b, left:right]), PAD, PAD, PAD, PAD,
                                cv2.BORDER_CONSTANT, value=255)
    return Crop(pixels, max(x0, 0) + int(left) - PAD, max(top, 0) + int(t) - PAD, scale)


def _looks_constrained(text: str) -> bool:
    return len(text) <= SHORT or all(ch in LOOKALIKES for ch in text)


def _mean(line: Line) -> float:
    return sum(s.confidence for s in line.symbols) / len(line.symbols)


def _reread(crop: Crop, line: Line) -> Line:
    """`line` read again with the constrained character set; the surer of the two readings."""
    pixels = crop.pixels
    top, bottom = max(line.top - 4, 0), min(line.bottom + 4, pixels.shape[0])
    left, right = max(line.x0 - 4, 0), min(line.x1 + 4, pixels.shape[1])
    part = cv2.copyMakeBorder(np.ascontiguousarray(pixels[top:bottom, left:right]), PAD, PAD,
                              PAD, PAD, cv2.BORDER_CONSTANT, value=255)
    best: Line | None = None
    for psm in ((tesseract.CHAR, tesseract.WORD) if len(line.text) == 1 else
                (tesseract.LINE,)):
        for found in tesseract.read(part, psm, CONSTRAINED)[:1]:
            moved = Line(line.x0, line.top, line.x1, line.bottom, tuple(
                Symbol(s.text, s.x0 + left - PAD, s.top + top - PAD, s.x1 + left - PAD,
                       s.bottom + top - PAD, s.confidence) for s in found.symbols))
            if best is None or _mean(moved) > _mean(best):
                best = moved
    if best is None or _mean(best) + CONSTRAINED_MARGIN < _mean(line):
        return line
    return best


def _dash(crop: Crop) -> Line | None:
    """A crop whose only ink is one flat stroke: the dash a cell prints for 'not offered'."""
    ink = (crop.pixels < DARK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    blobs = [stats[n] for n in range(1, count) if stats[n][4] >= MIN_INK // 2]
    if len(blobs) != 1:
        return None
    x, y, w, h, _ = (int(v) for v in blobs[0])
    if w < 2 * h or h > 8:
        return None
    return Line(x, y, x + w, y + h, (Symbol("-", x, y, x + w, y + h, 50.0),))


def _separators(crop: Crop, line: Line) -> Line:
    """Every , or . between digits told by where its ink stands against the digits' foot."""
    symbols = list(line.symbols)
    digits = [s for s in symbols if s.text.isdigit()]
    if not digits:
        return line
    foot = float(np.median([s.bottom for s in digits]))
    height = float(np.median([s.bottom - s.top for s in digits]))
    ink = crop.pixels < DARK
    for n in range(1, len(symbols) - 1):
        s = symbols[n]
        if s.text not in ",." or not (symbols[n - 1].text.isdigit()
                                      and symbols[n + 1].text.isdigit()):
            continue
        left, right = symbols[n - 1].x1, max(symbols[n + 1].x0, symbols[n - 1].x1 + 1)
        strip = ink[:, left:right]
        rows = np.nonzero(strip.any(axis=1))[0]
        rows = rows[rows > foot - height / 2]  # the separator, not a neighbour's upper part
        if not len(rows):
            continue
        below = rows[-1] + 1 - foot
        text = "," if below > 0.12 * height else "."
        symbols[n] = Symbol(text, s.x0, s.top, s.x1, s.bottom, s.confidence)
    return Line(line.x0, line.top, line.x1, line.bottom, tuple(symbols))


def _marks(line: Line) -> Line:
    """The look-alikes Tesseract's Japanese model reads for this table's marks, set right."""
    if len(line.symbols) == 1:
        mapping = {"〇": "○", "O": "○", "o": "○", "0": "○", "x": "×", "X": "×"}
    else:
        mapping = {"〇": "○"}
    symbols = tuple(
        Symbol(mapping.get(s.text, s.text).replace("~", "～"), s.x0, s.top, s.x1, s.bottom,
               s.confidence) for s in line.symbols)
    return Line(line.x0, line.top, line.x1, line.bottom, symbols)


# Rows of a crop with at most this share of its width in ink part two text lines.
GAP_INK = 0.004
# A band this many times the page's line height holds lines touching each other.
TALL = 1.8
# Pieces of one band farther apart than this many line heights are read apart.
WIDE_GAP = 4.0


def bands(crop: Crop) -> list[tuple[int, int]]:
    """The crop's text lines as (top, bottom) pixel rows, parted where no ink crosses."""
    ink = cv2.medianBlur(crop.pixels, 3) < DARK
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
    return [(a, b) for a, b in found if b - a >= 3]


def pieces(crop: Crop, band: tuple[int, int], height: float) -> list[Crop]:
    """A band cut out of the crop (and apart where its ink leaves a wide gap), padded."""
    top, bottom = band
    strip = crop.pixels[top:bottom]
    cols = np.nonzero((cv2.medianBlur(strip, 3) < DARK).any(axis=0))[0]
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
        pixels = cv2.copyMakeBorder(np.ascontiguousarray(strip[:, left:right]), PAD, PAD, PAD,
                                    PAD, cv2.BORDER_CONSTANT, value=255)
        out.append(Crop(pixels, crop.left + int(left) - PAD, crop.top + top - PAD, crop.scale))
    return out


def read_piece(crop: Crop, tall: bool = False) -> list[Line]:
    """The line(s) of one band, each read the way that fits it, in the crop's pixels."""
    lines = tesseract.read(crop.pixels, tesseract.BLOCK if tall else tesseract.LINE)
    if not lines:
        dash = _dash(crop)
        return [dash] if dash else []
    out = []
    for line in lines:
        if _looks_constrained(line.text):
            line = _reread(crop, line)
        out.append(_marks(_separators(crop, line)))
    return out


def to_chars(crop: Crop, lines: list[Line], text_height: float) -> list[Char]:
    """Chars on the page (points) for the lines read in `crop`: every character of a line gets
    the line's em box (as a PDF's characters have), at least `text_height` pixels tall."""
    chars: list[Char] = []
    for line in lines:
        height = max(line.bottom - line.top, text_height) * EM_PER_LINE
        middle = (line.top + line.bottom) / 2 + crop.top
        top, bottom = (middle - height / 2) * crop.scale, (middle + height / 2) * crop.scale
        size = height * crop.scale
        symbols = line.symbols
        for n, s in enumerate(symbols):
            x0, x1 = s.x0, s.x1
            following = symbols[n + 1].x0 if n + 1 < len(symbols) else None
            if x1 - x0 > 1.3 * height:  # a box Tesseract stretched: an em at most
                x1 = max(x0 + 1, min(following or x1, int(x0 + height)))
            if following is not None and 0 < following - x1 < JOINED * height:
                x1 = following  # characters printed together touch, as a PDF's do
            chars.append(Char(s.text, (x0 + crop.left) * crop.scale, top,
                              (x1 + crop.left) * crop.scale, bottom, size,
                              confidence=round(s.confidence / 100, 3)))
    return chars
