"""What Tesseract cannot tell by itself, told from the glyphs' ink: 〇 / O read alone is the
mark ○, x alone is ×, ~ the range mark ～; a separator between digits is a comma when it hangs
below the digits' line (1,000) and a point when it sits on it (2.875); a crop with ink Tesseract
reads nothing in is a dash or ～ when its ink is one flat stroke, by whether the stroke waves.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.ocr.crops import FAINT, MIN_INK, Crop
from pipeline.extract.ocr.tesseract import BOX_SLOP, Line, Symbol

# The least ink (a share of the digits' height squared) a point between digits has.
POINT_AREA = 0.01
# ... and at least this many square points (a speck is no point).
LEAST_POINT = 0.17
# The tallest a dash is (points): in 4 pt type it is about 1 × 0.7.
DASH_HEIGHT = 2.4
# How far (points) the middle of a flat stroke must rise and fall along it to be a wave (～).
WAVE = 0.359


FLAT = frozenset("ー-~～〜一_ｰ—－‐")
# What a lone flat stroke may be read as (a dash in small type reads as a dot).
FLAT_ALONE = FLAT | frozenset("・.,")


def stroke(crop: Crop) -> Line | None:
    """A crop whose only ink is one flat stroke: a dash (the "not offered" -) when it runs
    straight, the range mark ～ when it waves (its middle rises and falls along it)."""
    ink = (crop.pixels < FAINT).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    blobs = [n for n in range(1, count) if stats[n][4] >= crop.px_area(MIN_INK / 2)]
    if len(blobs) != 1:
        return None
    x, y, w, h, _ = (int(v) for v in stats[blobs[0]])
    if w < 1.2 * h or h > crop.px(DASH_HEIGHT):  # a dot is round
        return None
    waves = _waves(labels[y:y + h, x:x + w] == blobs[0], crop.scale)
    return Line(x, y, x + w, y + h, (Symbol("～" if waves else "-", x, y, x + w, y + h, 60.0),))


def missing_points(crop: Crop, line: Line) -> Line:
    """A point or comma between two digits Tesseract read none between (2875 for 2.875),
    put back where a blob of ink the size of one stands at the digits' foot; then, in a number
    still without one, a point where one of the page's specks near print stands there (a point
    thresholded to black and white is dust's size: `image.specks_near_print`)."""
    symbols = list(line.symbols)
    digits = [s for s in symbols if s.text.isdigit()]
    if len(digits) < 2:
        return line
    foot = float(np.median([s.bottom for s in digits]))
    height = float(np.median([s.bottom - s.top for s in digits]))
    count, _, stats, _ = cv2.connectedComponentsWithStats((crop.pixels < FAINT).astype(np.uint8),
                                                          8)
    least = max(crop.px_area(LEAST_POINT), POINT_AREA * height * height)

    def at_foot(blobs: list[np.ndarray]) -> list[np.ndarray]:
        return [b for b in blobs if b[3] < height / 2 and b[1] + b[3] / 2 > foot - height / 3
                and b[4] >= least]

    symbols = _points_put_in(crop, symbols, at_foot([stats[k] for k in range(1, count)]),
                             foot, height)
    if crop.specks:
        symbols = _points_put_in(crop, symbols, at_foot([np.array(b) for b in crop.specks]),
                                 foot, height, specks=True)
    found = _missing_strokes(crop, Line(line.x0, line.top, line.x1, line.bottom,
                                        tuple(symbols)), foot, height)
    return _flat_after_digits(crop, found)


def _number_around(symbols: list[Symbol], n: int) -> str:
    """The digits, points and commas read around the gap after symbol `n`."""
    first, last = n, n + 1
    while first > 0 and (symbols[first - 1].text.isdigit() or symbols[first - 1].text in ",."):
        first -= 1
    while last + 1 < len(symbols) and (symbols[last + 1].text.isdigit()
                                       or symbols[last + 1].text in ",."):
        last += 1
    return "".join(s.text for s in symbols[first:last + 1])


def _points_put_in(crop: Crop, symbols: list[Symbol], small: list[np.ndarray], foot: float,
                   height: float, specks: bool = False) -> list[Symbol]:
    """`symbols` with a separator between two digits wherever a blob of `small` stands
    between them. `specks`: the blobs are dust-sized (a point, never a comma), put only in a
    number read without any separator, and only on the digits' foot."""
    out: list[Symbol] = []
    for n, s in enumerate(symbols):
        out.append(s)
        if n + 1 == len(symbols) or not (s.text.isdigit() and symbols[n + 1].text.isdigit()):
            continue
        if specks and any(ch in ",." for ch in _number_around(symbols, n)):
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
        if specks and y + h < base - max(1.0, height / 6):  # not on the foot
            continue
        text = "." if specks else _separator(w, h, y + h - base, height)
        out.append(Symbol(text, x, y, x + w, y + h, min(s.confidence, nxt.confidence)))
    return out


def _waves(piece: np.ndarray, scale: float) -> bool:
    """Does a flat blob (a boolean mask, `scale` points a pixel) rise and fall along its
    length, as ～ does?"""
    rows = np.arange(piece.shape[0])[:, None]
    weight = piece.sum(axis=0)
    middles = (piece * rows).sum(axis=0)[weight > 0] / weight[weight > 0]
    inner = middles[len(middles) // 6: len(middles) - len(middles) // 6]
    return len(inner) > 2 and float(inner.max() - inner.min()) * scale >= WAVE


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
                mark = "～" if _waves(labels[y:y + h, x:x + w] == k, crop.scale) else "-"
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
        if (area < crop.px_area(MIN_INK / 2) or w < 2 * h or h > height / 2 or not
                foot - height * 0.85 < y + h / 2 < foot - height * 0.15):
            continue
        if any(s.text in FLAT and x <= (s.x0 + s.x1) / 2 <= x + w for s in symbols):
            continue
        at = next((n for n, s in enumerate(symbols) if s.x0 > middle), len(symbols))
        if at == 0 or not symbols[at - 1].text.isdigit():
            continue
        mark = "～" if _waves(labels[y:y + h, x:x + w] == k, crop.scale) else "-"
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
    `below` pixels) and makes it taller than wide; a point sits on the foot, about square (a
    tall one not below the foot is a point thresholded to black and white, its edge grown)."""
    comma = below >= max(1.0, 0.06 * digit_height) or (height >= 1.6 * width and below > 0)
    return "," if comma else "."


def separators(crop: Crop, line: Line) -> Line:
    """Every , or . between digits told by its ink (`_separator`); two read for one blob
    (5,.000) are one."""
    symbols = [s for n, s in enumerate(line.symbols)
               if not (n and s.text in ",." and line.symbols[n - 1].text in ",."
                       and s.x0 < line.symbols[n - 1].x1 + crop.px(BOX_SLOP))]
    digits = [s for s in symbols if s.text.isdigit()]
    if not digits:
        return line
    foot = float(np.median([s.bottom for s in digits]))
    height = float(np.median([s.bottom - s.top for s in digits]))
    count, _, stats, _ = cv2.connectedComponentsWithStats((crop.pixels < FAINT).astype(np.uint8),
                                                          8)
    slop = crop.px(BOX_SLOP)
    for n in range(1, len(symbols) - 1):
        s = symbols[n]
        if s.text not in ",." or not (symbols[n - 1].text.isdigit()
                                      and symbols[n + 1].text.isdigit()):
            continue
        blobs = [stats[k] for k in range(1, count)
                 if s.x0 - slop <= stats[k][0] + stats[k][2] / 2 <= s.x1 + slop
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


def shape_of_lone(crop: Crop, line: Line) -> Line:
    """A lone glyph the model has no letter for, told by its ink: a ring as wide as tall with
    one hole is ○ (the model knows no ○ and reads 0, O, D, 5 …); a "digit" as wide as tall,
    or of three blobs (two rings and a stroke), is ％."""
    if len(line.symbols) != 1:
        return line
    s = line.symbols[0]
    ink = (crop.pixels < FAINT).astype(np.uint8)
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    outer = [n for n in range(len(contours)) if hierarchy[0][n][3] < 0
             and cv2.contourArea(contours[n]) >= crop.px_area(MIN_INK)]
    text = s.text
    if len(outer) == 1:
        x, y, w, h = cv2.boundingRect(contours[outer[0]])
        holes = [n for n in range(len(contours)) if hierarchy[0][n][3] == outer[0]]
        # A ring whatever it was read as (a clean ○ was voted 1): as wide as tall, round (口's
        # box is full), one hole in its middle.
        if 0.8 <= w / max(h, 1) <= 1.25 and len(holes) == 1 and (
                cv2.contourArea(contours[holes[0]]) >= 0.3 * w * h) and (
                cv2.contourArea(contours[outer[0]]) <= ROUND_FILL * w * h) and _centred(
                cv2.boundingRect(contours[holes[0]]), (x, y, w, h)):
            text = "○"
    if text == s.text and s.text.isdigit() and outer:
        boxes = [cv2.boundingRect(contours[n]) for n in outer]
        x0, y0 = min(x for x, _, _, _ in boxes), min(y for _, y, _, _ in boxes)
        w = max(x + bw for x, _, bw, _ in boxes) - x0
        h = max(y + bh for _, y, _, bh in boxes) - y0
        if len(outer) >= 3 or 0.85 * h <= w < WIDE_GLYPH * h:  # a digit is narrower; ％ not
            # ... nor is a ring broken in the scan (no hole), whose middle is blank: ％'s
            # stroke crosses its middle.
            middle = ink[y0 + h // 3:y0 + h - h // 3, x0 + w // 3:x0 + w - w // 3]
            text = "○" if len(outer) <= 2 and s.text in _RING_READS and not middle.any() else "％"
    if text == s.text:
        return line
    return Line(line.x0, line.top, line.x1, line.bottom,
                (Symbol(text, s.x0, s.top, s.x1, s.bottom, s.confidence),))


def _centred(inner: tuple[int, ...], outer: tuple[int, ...]) -> bool:
    """Does box `inner` (x, y, w, h) stand in the middle of `outer`, as a ring's hole does
    (the hole of 0 in 20 read as one glyph stands to one side)?"""
    ix, iy, iw, ih = inner
    ox, oy, ow, oh = outer
    return (abs(ix + iw / 2 - (ox + ow / 2)) <= HOLE_OFF_CENTRE * ow
            and abs(iy + ih / 2 - (oy + oh / 2)) <= HOLE_OFF_CENTRE * oh)


def marks(line: Line) -> Line:
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



# The most of its box a ring's outline encloses (a circle π/4; 口 nearly all).
ROUND_FILL = 0.9
# How far (a share of the ring's size) a ring's hole may stand from its middle.
HOLE_OFF_CENTRE = 0.12
# A glyph's ink this many times wider than tall is no one digit, mark or ％: glyphs touching.
WIDE_GLYPH = 1.3


def wide(crop: Crop) -> bool:
    """Is the crop's ink (one glyph as read) much wider than tall?"""
    ink = crop.pixels < FAINT
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    return bool(len(rows)) and cols[-1] - cols[0] + 1 >= WIDE_GLYPH * (rows[-1] - rows[0] + 1)

