"""Reading one crop of a scan (a ruled box, or the page's text outside the tables) into Chars.

A crop is first read as Japanese text (a block of lines). A line that reads as numerals, units
or marks only, or is a few characters long, is read again with that character set alone and a
one-line (or one-character) segmentation; the surer reading is kept. Then what Tesseract cannot
tell by itself is set right from the glyphs: 〇 / O read alone is the mark ○, x alone is ×, ~ the
range mark ～, and a separator between digits is a comma when it hangs below the digits' line
(1,000) and a point when it sits on it (2.875). A crop with ink Tesseract reads nothing in is a
dash or ～ when its ink is one flat stroke, by whether the stroke waves.
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
FAINT = 192  # ... and below which it is ink of a thin stroke (a ～ in small type prints grey)
MIN_INK = 6  # pixels of ink below which a crop is blank (the page is cleaned of dust first)
PAD = 10  # white pixels around a crop handed to Tesseract
MARKS = "〇x要否※-"
NUMERALS = "0123456789,.~-%()" + CIRCLED[:10]
UNIT_CHARS = "".join(sorted(set("".join([*YEN_PER_UNIT, *MONTHS_PER_UNIT]))))
CONSTRAINED = "".join(dict.fromkeys(MARKS + NUMERALS + UNIT_CHARS))
# What a glyph alone in its box may be: a mark, a digit, ※, ％ or a one-character unit.
ALONE_SET = "".join(dict.fromkeys(
    MARKS + "0123456789%" + "".join(u for u in (*YEN_PER_UNIT, *MONTHS_PER_UNIT) if len(u) == 1)))
# What an unconstrained reading makes of numerals and marks (a line of only these, or a very
# short line, is read again constrained).
LOOKALIKES = set(CONSTRAINED) | set(CIRCLED) | set("Oo〇口ロxX×・.,:;'`_|ー一ｰ-~〜%％")
SHORT = 4
# Japanese text: an em is about this many times the height Tesseract gives a line of it.
EM_PER_LINE = 1.08
# Characters closer than this many ems are one word (a wider gap is a space): Japanese prints
# no spaces, and its punctuation's ink fills a corner of its em; Latin letters and digits keep
# the gaps between their words.
JOINED = 1.5
JOINED_LATIN = 0.5
NARROW = 0.7  # ems: a Latin letter or digit narrower than this is half-width ...
# A point after a digit whose next glyph starts this many ems after it is full-width (２．).
FULL_POINT = 0.6
FULL_PITCH = 0.85  # ... unless its middle and the next one's stand this many ems apart (ＡＩ)
# The least ink (a share of the digits' height squared) a point between digits has.
POINT_AREA = 0.01
# Confidence (0–100) at which a glyph alone is taken as the mark, unit or numeral it reads as.
ALONE = 20.0
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
    ink = part < FAINT
    if int(ink.sum()) < MIN_INK:
        return None
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    t, b, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    pixels = cv2.copyMakeBorder(np.ascontiguousarray(part[t:b, left:right]), PAD, PAD, PAD, PAD,
                                cv2.BORDER_CONSTANT, value=255)
    return Crop(pixels, max(x0, 0) + int(left) - PAD, max(top, 0) + int(t) - PAD, scale)


def _looks_constrained(text: str) -> bool:
    """Short, or mostly numerals and marks (as an unconstrained reading gives them)."""
    return len(text) <= SHORT or 2 * sum(ch in LOOKALIKES for ch in text) >= len(text)


def _mean(line: Line) -> float:
    return sum(s.confidence for s in line.symbols) / len(line.symbols)


def _reread(crop: Crop, line: Line, whole: bool, alone: bool | None = None) -> Line:
    """`line` read again with the constrained character set (a glyph alone: the lone-glyph
    set) as one line and as one word; the surest of the readings. `whole`: the line is the
    crop's only one, so the crop itself is read."""
    pixels = crop.pixels
    if whole:
        top, left, part = 0, 0, pixels
    else:
        top, bottom = max(line.top - 4, 0), min(line.bottom + 4, pixels.shape[0])
        left, right = max(line.x0 - 4, 0), min(line.x1 + 4, pixels.shape[1])
        part = cv2.copyMakeBorder(np.ascontiguousarray(pixels[top:bottom, left:right]), PAD,
                                  PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)
        top, left = top - PAD, left - PAD
    alone = len(line.text) == 1 if alone is None else alone
    best: Line | None = None
    for psm in (tesseract.CHAR, tesseract.WORD) if alone else (tesseract.LINE, tesseract.WORD):
        for found in _read_scaled(part, psm, ALONE_SET if alone else CONSTRAINED)[:1]:
            moved = Line(line.x0, line.top, line.x1, line.bottom, tuple(
                Symbol(s.text, s.x0 + left, s.top + top, s.x1 + left, s.bottom + top,
                       s.confidence) for s in found.symbols))
            if best is None or _score(moved) > _score(best):
                best = moved
    if best is None:
        return line
    if len(best.symbols) == 1 and len(line.symbols) == 1 and _mean(best) >= ALONE:
        return best
    # Prose read as numerals is kept only when surer; numerals read as prose give way easily.
    margin = CONSTRAINED_MARGIN if all(ch in LOOKALIKES for ch in line.text) else 0.0
    return best if _score(best) + margin >= _score(line) else line


def _score(line: Line) -> float:
    """A reading's worth: its mean confidence."""
    return _mean(line)


FLAT = frozenset("ー-~～〜一_ｰ—－‐")
# What a lone flat stroke may be read as (a dash in small type reads as a dot).
FLAT_ALONE = FLAT | frozenset("・.,")


def _stroke(crop: Crop) -> Line | None:
    """A crop whose only ink is one flat stroke: a dash (the "not offered" -) when it runs
    straight, the range mark ～ when it waves (its middle rises and falls along it)."""
    ink = (crop.pixels < FAINT).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    blobs = [n for n in range(1, count) if stats[n][4] >= MIN_INK // 2]
    if len(blobs) != 1:
        return None
    x, y, w, h, _ = (int(v) for v in stats[blobs[0]])
    if w < 1.2 * h or h > 10:  # a dash in 4 pt type is 4 × 3 pixels; a dot is round
        return None
    waves = _waves(labels[y:y + h, x:x + w] == blobs[0])
    return Line(x, y, x + w, y + h, (Symbol("～" if waves else "-", x, y, x + w, y + h, 60.0),))


def _missing_points(crop: Crop, line: Line) -> Line:
    """A point or comma between two digits Tesseract read none between (2875 for 2.875),
    put back where a blob of ink the size of one stands at the digits' foot."""
    symbols = list(line.symbols)
    digits = [s for s in symbols if s.text.isdigit()]
    if len(digits) < 2:
        return line
    foot = float(np.median([s.bottom for s in digits]))
    height = float(np.median([s.bottom - s.top for s in digits]))
    count, _, stats, _ = cv2.connectedComponentsWithStats((crop.pixels < FAINT).astype(np.uint8),
                                                          8)
    least = max(3.0, POINT_AREA * height * height)  # a speck is no point
    small = [stats[k] for k in range(1, count)
             if stats[k][3] < height / 2 and stats[k][1] + stats[k][3] / 2 > foot - height / 3
             and stats[k][4] >= least]
    out: list[Symbol] = []
    for n, s in enumerate(symbols):
        out.append(s)
        if n + 1 == len(symbols) or not (s.text.isdigit() and symbols[n + 1].text.isdigit()):
            continue
        nxt = symbols[n + 1]
        left, right = (s.x0 + s.x1) / 2, (nxt.x0 + nxt.x1) / 2
        between = [b for b in small if left < b[0] + b[2] / 2 < right]
        if not between:
            continue
        x, y, w, h, _ = (int(v) for v in max(between, key=lambda b: b[4]))
        if w >= 2 * h and y + h < foot - height / 6:  # a flat stroke at mid-height: ～ or -
            continue
        base = _ink_foot(crop, (s, nxt), foot)
        out.append(Symbol(_separator(w, h, y + h - base, height), x, y, x + w, y + h,
                          min(s.confidence, nxt.confidence)))
    found = _missing_strokes(crop, Line(line.x0, line.top, line.x1, line.bottom, tuple(out)),
                             foot, height)
    return _flat_after_digits(crop, found)


def _waves(piece: np.ndarray) -> bool:
    """Does a flat blob (a boolean mask) rise and fall along its length, as ～ does?"""
    rows = np.arange(piece.shape[0])[:, None]
    weight = piece.sum(axis=0)
    middles = (piece * rows).sum(axis=0)[weight > 0] / weight[weight > 0]
    inner = middles[len(middles) // 6: len(middles) - len(middles) // 6]
    return len(inner) > 2 and float(inner.max() - inner.min()) >= 1.5


def _flat_after_digits(crop: Crop, line: Line) -> Line:
    """A dash-like character read after a digit (5-7, 2.55ー) is the range mark ～ when its
    ink waves, a dash when it runs straight."""
    symbols = list(line.symbols)
    ink = (crop.pixels < FAINT).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    for n in range(1, len(symbols)):
        s = symbols[n]
        if s.text not in FLAT or not symbols[n - 1].text.isdigit():
            continue
        middle = (s.x0 + s.x1) / 2
        for k in range(1, count):
            x, y, w, h, _ = (int(v) for v in stats[k])
            if x <= middle <= x + w and w >= 2 * h:
                mark = "～" if _waves(labels[y:y + h, x:x + w] == k) else "-"
                symbols[n] = Symbol(mark, s.x0, s.top, s.x1, s.bottom, s.confidence)
                break
    return Line(line.x0, line.top, line.x1, line.bottom, tuple(symbols))


def _missing_strokes(crop: Crop, line: Line, foot: float, height: float) -> Line:
    """A flat stroke at the digits' mid-height that no character read covers, after a digit
    (2.55～ over a line break, 5～7): the range mark when it waves, else a dash."""
    ink = (crop.pixels < FAINT).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    symbols = list(line.symbols)
    for k in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[k])
        middle = x + w / 2
        if (area < MIN_INK // 2 or w < 2 * h or h > height / 2 or not
                foot - height * 0.85 < y + h / 2 < foot - height * 0.15):
            continue
        if any(s.text in FLAT and x <= (s.x0 + s.x1) / 2 <= x + w for s in symbols):
            continue
        at = next((n for n, s in enumerate(symbols) if s.x0 > middle), len(symbols))
        if at == 0 or not symbols[at - 1].text.isdigit():
            continue
        mark = "～" if _waves(labels[y:y + h, x:x + w] == k) else "-"
        symbols.insert(at, Symbol(mark, x, y, x + w, y + h, symbols[at - 1].confidence))
    return Line(line.x0, line.top, line.x1, line.bottom, tuple(symbols))


def _ink_foot(crop: Crop, digits: tuple[Symbol, ...], default: float) -> float:
    """The row below the lowest ink of `digits` (the median of theirs): where a point's foot
    stands and a comma's tail goes below. Tesseract's boxes are a pixel or two off, which in
    small type is all that parts a comma from a point."""
    feet = []
    for d in digits:
        columns = crop.pixels[:, max(d.x0 + 1, 0):max(d.x1 - 1, d.x0 + 2)] < FAINT
        rows = np.nonzero(columns.any(axis=1))[0]
        if len(rows):
            feet.append(float(rows[-1] + 1))
    return float(np.median(feet)) if feet else default


def _separator(width: int, height: int, below: float, digit_height: float) -> str:
    """A comma or a point, from its blob: a comma's tail hangs below the digits' foot (by
    `below` pixels) and makes it taller than wide; a point sits on the foot, about square."""
    comma = below >= max(1.0, 0.06 * digit_height) or height >= 1.6 * width
    return "," if comma else "."


def _separators(crop: Crop, line: Line) -> Line:
    """Every , or . between digits told by its ink (`_separator`); two read for one blob
    (5,.000) are one."""
    symbols = [s for n, s in enumerate(line.symbols)
               if not (n and s.text in ",." and line.symbols[n - 1].text in ",."
                       and s.x0 < line.symbols[n - 1].x1 + 2)]
    digits = [s for s in symbols if s.text.isdigit()]
    if not digits:
        return line
    foot = float(np.median([s.bottom for s in digits]))
    height = float(np.median([s.bottom - s.top for s in digits]))
    count, _, stats, _ = cv2.connectedComponentsWithStats((crop.pixels < FAINT).astype(np.uint8),
                                                          8)
    for n in range(1, len(symbols) - 1):
        s = symbols[n]
        if s.text not in ",." or not (symbols[n - 1].text.isdigit()
                                      and symbols[n + 1].text.isdigit()):
            continue
        blobs = [stats[k] for k in range(1, count)
                 if s.x0 - 2 <= stats[k][0] + stats[k][2] / 2 <= s.x1 + 2
                 and stats[k][1] + stats[k][3] / 2 > foot - height / 2
                 and stats[k][3] < height / 2]
        if not blobs:
            continue
        _, y, w, h, _ = max(blobs, key=lambda b: b[4])
        base = _ink_foot(crop, (symbols[n - 1], symbols[n + 1]), foot)
        text = _separator(w, h, y + h - base, height)
        symbols[n] = Symbol(text, s.x0, s.top, s.x1, s.bottom, s.confidence)
    return Line(line.x0, line.top, line.x1, line.bottom, tuple(symbols))


_FULL = str.maketrans({"~": "～", "%": "％"})


_RING_READS = frozenset("0oO〇5DCロ口Q9")
_LEGEND_MARKS = {**dict.fromkeys("0oO〇DCQ8", "○"), **dict.fromkeys("xX*×", "×")}


def _shape_of_lone(crop: Crop, line: Line) -> Line:
    """A lone glyph the model has no letter for, told by its ink: a ring as wide as tall with
    one hole is ○ (the model knows no ○ and reads 0, O, D, 5 …); a "digit" as wide as tall,
    or of three blobs (two rings and a stroke), is ％."""
    if len(line.symbols) != 1:
        return line
    s = line.symbols[0]
    ink = (crop.pixels < FAINT).astype(np.uint8)
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    outer = [n for n in range(len(contours)) if hierarchy[0][n][3] < 0
             and cv2.contourArea(contours[n]) >= MIN_INK]
    text = s.text
    if len(outer) == 1 and s.text in _RING_READS:
        x, y, w, h = cv2.boundingRect(contours[outer[0]])
        holes = [n for n in range(len(contours)) if hierarchy[0][n][3] == outer[0]]
        if 0.8 <= w / max(h, 1) <= 1.25 and len(holes) == 1 and (
                cv2.contourArea(contours[holes[0]]) >= 0.3 * w * h):
            text = "○"
    if text == s.text and s.text.isdigit() and outer:
        boxes = [cv2.boundingRect(contours[n]) for n in outer]
        w = max(x + bw for x, _, bw, _ in boxes) - min(x for x, _, _, _ in boxes)
        h = max(y + bh for _, y, _, bh in boxes) - min(y for _, y, _, _ in boxes)
        if len(outer) >= 3 or 0.85 * h <= w < WIDE_GLYPH * h:  # a digit is narrower; ％ not
            text = "％"
    if text == s.text:
        return line
    return Line(line.x0, line.top, line.x1, line.bottom,
                (Symbol(text, s.x0, s.top, s.x1, s.bottom, s.confidence),))


def _marks(line: Line) -> Line:
    """The look-alikes Tesseract's Japanese model reads for this table's marks, set right: a
    lone 〇, O or x; a legend's mark before its colon (○：対象 ×：対象外)."""
    symbols = list(line.symbols)
    if len(symbols) >= 2 and symbols[1].text in ":：" and symbols[0].text in _LEGEND_MARKS:
        first = symbols[0]
        symbols[0] = Symbol(_LEGEND_MARKS[first.text], first.x0, first.top, first.x1,
                            first.bottom, first.confidence)
        line = Line(line.x0, line.top, line.x1, line.bottom, tuple(symbols))
    if len(line.symbols) == 1:
        mapping = {"〇": "○", "O": "○", "o": "○", "0": "○", "x": "×", "X": "×"}
    else:
        mapping = {"〇": "○"}
    symbols = tuple(
        Symbol(mapping.get(s.text, s.text).translate(_FULL), s.x0, s.top, s.x1, s.bottom,
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
    strip = crop.pixels[top:bottom]
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
        pixels = cv2.copyMakeBorder(np.ascontiguousarray(strip[:, left:right]), PAD, PAD, PAD,
                                    PAD, cv2.BORDER_CONSTANT, value=255)
        out.append(Crop(pixels, crop.left + int(left) - PAD, crop.top + top - PAD, crop.scale))
    return out


def _read_scaled(pixels: np.ndarray, psm: int, whitelist: str = "",
                 factor: float = 1.0) -> list[Line]:
    """`tesseract.read` on pixels enlarged `factor` times (cubic), boxes scaled back."""
    if factor == 1.0:
        return tesseract.read(pixels, psm, whitelist)
    big = cv2.resize(pixels, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)

    def back(v: int) -> int:
        return int(round(v / factor))

    return [Line(back(li.x0), back(li.top), back(li.x1), back(li.bottom), tuple(
        Symbol(y.text, back(y.x0), back(y.top), back(y.x1), back(y.bottom), y.confidence)
        for y in li.symbols)) for li in tesseract.read(big, psm, whitelist)]


# A glyph alone is read in these ways (enlargement, segmentation mode, constrained or not):
# Tesseract's model reads a lone small glyph differently at each, and what most of the
# readings agree on among the lone-glyph set is kept.
LONE_READINGS = ((1.0, 10, True), (2.0, 10, True), (2.0, 7, True), (1.0, 10, False),
                 (2.0, 10, False), (1.0, 7, False))


def _glyph(crop: Crop) -> Line | None:
    """A lone glyph Tesseract's line mode reads nothing in, read as one character."""
    for psm in (tesseract.CHAR, tesseract.WORD, tesseract.RAW_LINE):
        found = _read_scaled(crop.pixels, psm)
        if found:
            return found[0]
    return None


def _lone(crop: Crop, line: Line) -> Line:
    """A glyph alone in its band, read several ways; the mark, unit or digit the readings
    find it most surely (summed confidence), else as first read."""
    votes: dict[str, float] = {}
    for factor, psm, constrained in LONE_READINGS:
        for found in _read_scaled(crop.pixels, psm, ALONE_SET if constrained else "",
                                  factor)[:1]:
            if len(found.symbols) == 1 and found.text in ALONE_SET:
                votes[found.text] = votes.get(found.text, 0.0) + found.symbols[0].confidence
    if not votes:
        return line
    text = max(votes, key=lambda t: votes[t])
    s = line.symbols[0]
    share = votes[text] / len(LONE_READINGS)
    return Line(line.x0, line.top, line.x1, line.bottom,
                (Symbol(text, s.x0, s.top, s.x1, s.bottom, share),))


# A ring is about as wide as tall, and holds a hole; what lies within this share of its
# half-size from its middle is the numeral inside (the ring's stroke lies beyond).
RING_INNER = 0.78
CIRCLED_DIGITS = "0123456789"
# The share of its box a ring's outline encloses (a circle π/4; the box of 回 or 国 nearly all).
ROUND = (0.68, 0.88)
# The numeral inside is at most this share of the ring's width; rays tested round the ring.
INNER_WIDTH = 0.7
RAYS = 24
# A circled numeral Tesseract itself reads this surely (0–100) where a ring stands is kept.
CIRCLED_TRUSTED = 90.0
# How the digits inside a ring are read (enlargement, segmentation mode): the readings vote.
CIRCLED_READINGS = ((2.0, 10), (3.0, 10), (3.0, 8), (4.0, 10))
# Confidence (0–100, the votes' mean over the readings) the digits inside a ring must have.
CIRCLED_SURE = 50.0


def _inner(w: int, h: int) -> np.ndarray:
    """The ellipse inside a ring's box (True within RING_INNER of its half-size)."""
    ys, xs = np.mgrid[0:h, 0:w]
    dx, dy = (xs + 0.5 - w / 2) / (w / 2), (ys + 0.5 - h / 2) / (h / 2)
    return dx * dx + dy * dy <= RING_INNER * RING_INNER


def _rings(crop: Crop) -> list[tuple[int, int, int, int]]:
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
        if h < 8 or not 0.8 <= w / h <= 1.25:
            continue
        if not ROUND[0] <= cv2.contourArea(contour) / (w * h) <= ROUND[1]:  # 囗 is square
            continue
        box = ink[y:y + h, x:x + w] > 0
        inner = box & _inner(w, h)
        if int(inner.sum()) < MIN_INK or not _closed(box):
            continue
        cols = np.nonzero(inner.any(axis=0))[0]
        if cols[-1] - cols[0] + 1 <= INNER_WIDTH * w:  # a digit, not a ring's inner edge (○)
            found.append((x, y, w, h))
    return found


def _closed(box: np.ndarray) -> bool:
    """Is there ink all round the box's outer band (a ring), at every one of RAYS angles?"""
    h, w = box.shape
    for angle in np.linspace(0, 2 * np.pi, RAYS, endpoint=False):
        hit = False
        for r in np.linspace(RING_INNER, 1.0, 6):
            px = int(w / 2 + r * (w / 2 - 0.5) * np.cos(angle))
            py = int(h / 2 + r * (h / 2 - 0.5) * np.sin(angle))
            if box[min(max(py, 0), h - 1), min(max(px, 0), w - 1)]:
                hit = True
                break
        if not hit:
            return False
    return True


def _circled_numeral(crop: Crop, box: tuple[int, int, int, int]) -> Symbol | None:
    """The circled numeral a ring makes with the digits inside it, read alone several ways
    (all outside the ring's inner ellipse blanked, enlarged, digits only), the readings
    voting; None if not a number 1–20 read surely enough."""
    x, y, w, h = box
    part = crop.pixels[y:y + h, x:x + w].copy()
    part[~_inner(w, h)] = 255
    part = cv2.copyMakeBorder(part, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)
    votes: dict[str, float] = {}
    for factor, psm in CIRCLED_READINGS:
        for found in _read_scaled(part, psm, CIRCLED_DIGITS, factor)[:1]:
            if found.text.isdigit() and 1 <= int(found.text) <= 20:
                votes[found.text] = votes.get(found.text, 0.0) + _mean(found)
    if not votes:
        return None
    best = max(votes, key=lambda t: votes[t])
    sure = votes[best] / len(CIRCLED_READINGS)
    if sure < CIRCLED_SURE:
        return None
    return Symbol(CIRCLED[int(best) - 1], x, y, x + w, y + h, sure)


def _with_circled(crop: Crop, tall: bool) -> list[Line] | None:
    """A piece holding circled numerals, read with them blanked and each put back, read
    alone, where it stands (Tesseract reads ② as ⑧ or 2 or drops it, and its ring swallows
    the digit beside it); None when the piece has none."""
    rings = _rings(crop)
    if not rings:
        return None
    first = [s for line in _read_scaled(crop.pixels, tesseract.BLOCK if tall else tesseract.LINE)
             for s in line.symbols]
    numerals = []
    pixels = crop.pixels.copy()
    for x, y, w, h in rings:
        sure = [s for s in first if s.text in CIRCLED[:9] and s.confidence >= CIRCLED_TRUSTED
                and x - 2 <= s.x0 and s.x1 <= x + w + 2]  # (①1 is read as ⑪)
        numeral = (Symbol(sure[0].text, x, y, x + w, y + h, sure[0].confidence) if sure
                   else _circled_numeral(crop, (x, y, w, h)))
        if numeral is not None:
            numerals.append(numeral)
            pixels[y:y + h, x:x + w] = 255
    if not numerals:
        return None
    lines = read_piece(Crop(pixels, crop.left, crop.top, crop.scale), tall, circled=False)
    for numeral in numerals:
        middle = (numeral.top + numeral.bottom) / 2
        at = min(range(len(lines)), default=None,
                 key=lambda n: abs((lines[n].top + lines[n].bottom) / 2 - middle))
        if at is None:
            lines.append(Line(numeral.x0, numeral.top, numeral.x1, numeral.bottom, (numeral,)))
            continue
        line = lines[at]
        place = next((n for n, s in enumerate(line.symbols) if s.x0 >= numeral.x0),
                     len(line.symbols))
        symbols = [*line.symbols[:place], numeral, *line.symbols[place:]]
        lines[at] = Line(min(line.x0, numeral.x0), min(line.top, numeral.top),
                         max(line.x1, numeral.x1), max(line.bottom, numeral.bottom),
                         tuple(symbols))
    return lines


# A glyph's ink this many times wider than tall is no one digit, mark or ％: glyphs touching.
WIDE_GLYPH = 1.3


def _wide(crop: Crop) -> bool:
    """Is the crop's ink (one glyph as read) much wider than tall?"""
    ink = crop.pixels < FAINT
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    return bool(len(rows)) and cols[-1] - cols[0] + 1 >= WIDE_GLYPH * (rows[-1] - rows[0] + 1)


# How glyphs touching each other are read again: (enlargement, segmentation mode).
TOUCHING_READINGS = ((1.0, 6), (2.0, 6), (2.0, 8))


def _touching(crop: Crop, line: Line) -> Line:
    """One 'glyph' much wider than tall, read again as the numerals or marks it holds (digits
    printed close touch in a blurred scan: 20 read as 0 or ％): the surest reading of two
    characters or more, else as first read."""
    best: Line | None = None
    for factor, psm in TOUCHING_READINGS:
        for found in _read_scaled(crop.pixels, psm, CONSTRAINED, factor)[:1]:
            if len(found.symbols) >= 2 and (best is None or _mean(found) > _mean(best)):
                best = found
    return best if best is not None else line


# A digit read with less confidence (0–100) than this is read again alone; the ways it is.
DIGIT_SURE = 95.0
DIGIT_READINGS = ((1.0, 10), (1.0, 8), (2.0, 8))
DIGITS = "0123456789"


def _digits_checked(crop: Crop, line: Line) -> Line:
    """Each digit of a number read unsurely, read again alone (its columns of the crop, digits
    only, as one character and as a word): the digit the readings, the first one included,
    find most surely (Tesseract's line mode read an 8 between commas as 6)."""
    symbols = list(line.symbols)
    for n, s in enumerate(symbols):
        if not s.text.isdigit() or s.confidence >= DIGIT_SURE:
            continue
        left = max(s.x0 - 2, symbols[n - 1].x1 if n else 0, 0)
        right = min(s.x1 + 2, symbols[n + 1].x0 if n + 1 < len(symbols) else s.x1 + 2)
        if right - left < 2:
            continue
        part = cv2.copyMakeBorder(np.ascontiguousarray(crop.pixels[:, left:right]), 0, 0, PAD,
                                  PAD, cv2.BORDER_CONSTANT, value=255)
        votes = {s.text: s.confidence}
        for factor, psm in DIGIT_READINGS:
            for found in _read_scaled(part, psm, DIGITS, factor)[:1]:
                if len(found.symbols) == 1:
                    votes[found.text] = votes.get(found.text, 0.0) + found.symbols[0].confidence
        best = max(votes, key=lambda t: votes[t])
        if best != s.text:
            symbols[n] = Symbol(best, s.x0, s.top, s.x1, s.bottom,
                                votes[best] / (len(DIGIT_READINGS) + 1))
    return Line(line.x0, line.top, line.x1, line.bottom, tuple(symbols))


# A line of small type (glyphs under SMALL pixels tall) read with a glyph less sure than
# UNSURE (0–100) is read again enlarged ENLARGE times: Tesseract reads small kanji better so.
SMALL = 30
UNSURE = 90.0
ENLARGE = 1.5


def _small_enlarged(crop: Crop, line: Line) -> Line:
    """A line of small type read unsurely, read again enlarged; the surer reading (a glyph
    alone has ways of its own: `_lone`, `_stroke`)."""
    if len(line.symbols) < 2 or line.bottom - line.top >= SMALL or line.confidence >= UNSURE:
        return line
    again = _read_scaled(crop.pixels, tesseract.LINE, "", ENLARGE)
    if len(again) == 1 and len(again[0].symbols) == len(line.symbols) and (
            _mean(again[0]) > _mean(line)):
        return again[0]
    return line


def read_piece(crop: Crop, tall: bool = False, circled: bool = True) -> list[Line]:
    """The line(s) of one band, each read the way that fits it, in the crop's pixels.

    A glyph alone in its band (a mark, a unit, ※) is read again with the constrained set and
    kept as such whenever Tesseract finds it one of them with some confidence: what stands
    alone in these tables' boxes is a mark, a unit or a numeral. Circled numerals are read
    apart (`_with_circled`)."""
    if circled and (found := _with_circled(crop, tall)) is not None:
        return found
    lines = _read_scaled(crop.pixels, tesseract.BLOCK if tall else tesseract.LINE)
    if not tall and len(lines) == 1:
        lines = [_small_enlarged(crop, lines[0])]
    if not lines or (len(lines) == 1 and lines[0].text in FLAT_ALONE):
        stroke = _stroke(crop)
        if stroke is not None:
            return [stroke]
    if not lines:
        glyph = _glyph(crop)
        lines = [glyph] if glyph is not None else []
    out = []
    for line in lines:
        if len(lines) == 1 and len(line.symbols) == 1 and _wide(crop):
            line = _touching(crop, line)
        elif len(lines) == 1 and len(line.symbols) == 1:
            line = _lone(crop, line)
        elif _looks_constrained(line.text):
            line = _digits_checked(crop, _reread(crop, line, whole=len(lines) == 1))
        out.append(_marks(_shape_of_lone(crop, _separators(crop, _missing_points(crop, line)))))
    return out


def _in_reading_order(symbols: tuple[Symbol, ...]) -> tuple[Symbol, ...]:
    """Boxes moved so they stand left to right in the order Tesseract read them (its boxes of
    neighbouring glyphs sometimes overlap or swap)."""
    out: list[Symbol] = []
    for s in symbols:
        x0 = s.x0
        if out and x0 <= out[-1].x0:
            x0 = out[-1].x0 + 1
            out[-1] = Symbol(out[-1].text, out[-1].x0, out[-1].top, x0, out[-1].bottom,
                             out[-1].confidence)
        out.append(Symbol(s.text, x0, s.top, max(s.x1, x0 + 1), s.bottom, s.confidence))
    return tuple(out)


def _half_width(a: Symbol, b: Symbol, em: float) -> bool:
    """Two neighbouring glyphs printed half-width: Latin letters or digits (a bracket read as
    ] may be ］), narrow, and closer than full-width glyphs' pitch (Ａ read as A keeps its em)."""
    return (all(t.text.isascii() and t.text.isalnum() and t.x1 - t.x0 <= NARROW * em
                for t in (a, b))
            and (b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2 < FULL_PITCH * em)


def to_chars(crop: Crop, lines: list[Line], text_height: float) -> list[Char]:
    """Chars on the page (points) for the lines read in `crop`: every character of a line gets
    the line's em box (as a PDF's characters have), at least `text_height` pixels tall."""
    chars: list[Char] = []
    for line in lines:
        height = max(line.bottom - line.top, text_height) * EM_PER_LINE
        middle = (line.top + line.bottom) / 2 + crop.top
        top, bottom = (middle - height / 2) * crop.scale, (middle + height / 2) * crop.scale
        size = height * crop.scale
        symbols = _in_reading_order(line.symbols)
        for n, s in enumerate(symbols):
            x0, x1 = s.x0, s.x1
            following = symbols[n + 1].x0 if n + 1 < len(symbols) else None
            if x1 - x0 > 1.3 * height:  # a box Tesseract stretched: an em at most
                x1 = max(x0 + 1, min(following or x1, int(x0 + height)))
            latin = following is not None and _half_width(s, symbols[n + 1], height)
            joined = (JOINED_LATIN if latin else JOINED) * height
            if following is not None and 0 < following - x1 < joined:
                x1 = following  # characters printed together touch, as a PDF's do
            text = s.text
            if (text == "." and following is not None and n and symbols[n - 1].text.isdigit()
                    and following - s.x0 >= FULL_POINT * height):
                text = "．"  # a point with an em of its own: the outline's 2．, not 2.5
            chars.append(Char(text, (x0 + crop.left) * crop.scale, top,
                              (x1 + crop.left) * crop.scale, bottom, size,
                              confidence=round(s.confidence / 100, 3)))
    return chars
