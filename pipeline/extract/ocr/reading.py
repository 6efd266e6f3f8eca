"""How one piece of a scan (a line, or a block of lines) is read into Lines.

A piece is first read as Japanese text. A line that reads as numerals, units or marks only, or
is a few characters long, is read again with that character set alone and a one-line (or
one-character) segmentation; the surer reading is kept. A glyph alone is read several ways, the
readings voting; circled numerals are read apart (circled.py); then what Tesseract cannot tell
by itself is set right from the glyphs' ink (glyphs.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

import cv2
import numpy as np

from pipeline.core.text import CIRCLED
from pipeline.extract.ocr import tesseract
from pipeline.extract.ocr.circled import CIRCLED_TRUSTED, circled_numeral, rings
from pipeline.extract.ocr.crops import PAD, Crop
from pipeline.extract.ocr.glyphs import (
    FLAT_ALONE,
    marks,
    missing_points,
    separators,
    shape_of_lone,
    stroke,
    wide,
)
from pipeline.extract.ocr.labels import as_known_name
from pipeline.extract.ocr.tesseract import Line, Symbol, mean_confidence, read_scaled
from schemas.reference import MONTHS_PER_UNIT, YEN_PER_UNIT

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
# Confidence (0–100) at which a glyph alone is taken as the mark, unit or numeral it reads as.
ALONE = 20.0
# Confidence (0–100) a constrained reading may give away and still be kept.
CONSTRAINED_MARGIN = 15.0
# What a value printed in a cell reads as: a number (1,000 2.875), a range (1.600～2.300, 5-7;
# 2.15～ at a line's end), after a circled numeral, in brackets, with ％ or a unit word; or a
# mark or unit alone.
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_UNIT = "|".join(sorted(map(re.escape, {*YEN_PER_UNIT, *MONTHS_PER_UNIT, "%", "％"}),
                        key=len, reverse=True))
PARSES = re.compile(rf"[{CIRCLED}]?[(（]?(?:{_NUMBER})(?:[~～\-](?:{_NUMBER})?)?"
                    rf"(?:{_UNIT})?[)）]?(?:{_UNIT})?|(?:{_UNIT})")
# The least share of the first reading's width a re-reading that parses must cover.
COVERS = 0.8
# Enlargement of a constrained re-read of what did not parse.
REREAD_ENLARGED = 2.0
# Confidence (0–100) of every glyph of a first reading that is kept without re-reading it.
FIRST_SURE = 95.0
# Confidence (0–100) of every glyph of a short first reading with prose in it kept as read.
PROSE_SURE = 90.0
_PROSE = re.compile("[\u3041-\u30ff\u3400-\u9fff]")  # kana, kanji
# What a lone ring (the mark ○) reads as, surely: kept for `glyphs.marks` and
# `glyphs.shape_of_lone` to tell from its ink, without re-reading it.
RING_LETTERS = frozenset("Oo〇")
# A line read again is cut out of its crop with this many points around its box.
AROUND_LINE = 0.96


def _looks_constrained(text: str) -> bool:
    """Short, or mostly numerals and marks (as an unconstrained reading gives them)."""
    return len(text) <= SHORT or 2 * sum(ch in LOOKALIKES for ch in text) >= len(text)


def _reread(crop: Crop, line: Line, whole: bool, alone: bool | None = None) -> Line:
    """`line` read again with the constrained character set (a glyph alone: the lone-glyph
    set) as one line and as one word; the surest of the readings. `whole`: the line is the
    crop's only one, so the crop itself is read."""
    pixels = crop.pixels
    if whole:
        top, left, part = 0, 0, pixels
    else:
        margin, pad = crop.px(AROUND_LINE), crop.px(PAD)
        top, bottom = max(line.top - margin, 0), min(line.bottom + margin, pixels.shape[0])
        left, right = max(line.x0 - margin, 0), min(line.x1 + margin, pixels.shape[1])
        part = cv2.copyMakeBorder(np.ascontiguousarray(pixels[top:bottom, left:right]), pad,
                                  pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        top, left = top - pad, left - pad
    alone = len(line.text) == 1 if alone is None else alone

    def surest(factor: float, parsing: bool = False) -> Line | None:
        best: Line | None = None
        for psm in ((tesseract.CHAR, tesseract.WORD) if alone
                    else (tesseract.LINE, tesseract.WORD)):
            for found in read_scaled(part, psm, ALONE_SET if alone else CONSTRAINED,
                                     factor)[:1]:
                moved = Line(line.x0, line.top, line.x1, line.bottom, tuple(
                    Symbol(s.text, s.x0 + left, s.top + top, s.x1 + left, s.bottom + top,
                           s.confidence) for s in found.symbols))
                if (not parsing or parses(moved.text)) and (
                        best is None or _score(moved) > _score(best)):
                    best = moved
        return best

    # Prose read as numerals is kept only when surer; numerals read as prose give way easily.
    margin = CONSTRAINED_MARGIN if all(ch in LOOKALIKES for ch in line.text) else 0.0
    best = surest(1.0)
    if not parses(line.text) and (best is None or not parses(best.text)
                                  or _score(best) + margin < _score(line)):
        # What does not parse under the cell's character set is read again enlarged (small
        # type in a low-resolution scan: 5～7 read as ヒュ4, then as 4).
        again = surest(REREAD_ENLARGED, parsing=True)
        if again is not None and (best is None or _score(again) >= _score(best)
                                  or not parses(best.text)):
            best = again
    if best is None:
        return line
    if len(best.symbols) == 1 and len(line.symbols) == 1 and mean_confidence(best) >= ALONE:
        return best
    if _score(best) + margin >= _score(line):
        return best
    # A reading with digits that does not parse gives way to one that parses and reads the
    # same ink (not a part of it: 3年 for 3年以内).
    if (not parses(line.text) and any(ch.isdigit() for ch in line.text) and parses(best.text)
            and _extent(best) >= COVERS * _extent(line)
            and _score(best) + CONSTRAINED_MARGIN >= _score(line)):
        return best
    return line


def _extent(line: Line) -> int:
    """How wide the glyphs read stand, first to last (pixels)."""
    return max(s.x1 for s in line.symbols) - min(s.x0 for s in line.symbols)


def _score(line: Line) -> float:
    """A reading's worth: its mean confidence."""
    return mean_confidence(line)




# A glyph alone is read in these ways (enlargement, segmentation mode, constrained or not):
# Tesseract's model reads a lone small glyph differently at each, and what most of the
# readings agree on among the lone-glyph set is kept.
LONE_READINGS = ((1.0, tesseract.CHAR, True), (2.0, tesseract.CHAR, True),
                 (2.0, tesseract.LINE, True), (1.0, tesseract.CHAR, False),
                 (2.0, tesseract.CHAR, False), (1.0, tesseract.LINE, False))


def _glyph(crop: Crop) -> Line | None:
    """A lone glyph Tesseract's line mode reads nothing in, read as one character."""
    for psm in (tesseract.CHAR, tesseract.WORD, tesseract.RAW_LINE):
        found = read_scaled(crop.pixels, psm)
        if found:
            return found[0]
    return None


def parses(text: str) -> bool:
    """Does `text` read as a cell's value, mark or unit (PARSES, or a glyph of ALONE_SET)?"""
    return bool(PARSES.fullmatch(text)) or (len(text) == 1 and text in ALONE_SET)


def _sure(line: Line, charset: str) -> bool:
    """A first reading worth no re-reading: every glyph of the set the re-reads are confined
    to, and read surely (the re-reads, which cost most of a page's time, then change nothing:
    measured on generated scans, README "Scanned editions")."""
    return line.confidence >= FIRST_SURE and all(s.text in charset for s in line.symbols)


def _sure_prose(line: Line) -> bool:
    """A short first reading read surely with a kana or kanji no numeral, mark or unit looks
    like (a label: 無担保, 1年以内): the constrained re-reads find nothing else in it (an @ is
    no prose: a circled numeral read so)."""
    return line.confidence >= PROSE_SURE and any(
        ch not in LOOKALIKES and _PROSE.match(ch) for ch in line.text)


def _lone(crop: Crop, line: Line) -> Line:
    """A glyph alone in its band, read several ways; the mark, unit or digit the readings
    find it most surely (summed confidence), else as first read. One of those read surely
    the first time is kept as read."""
    if _sure(line, ALONE_SET) or (line.confidence >= FIRST_SURE and line.text in RING_LETTERS):
        return line
    votes: dict[str, float] = {}
    for factor, psm, constrained in LONE_READINGS:
        for found in read_scaled(crop.pixels, psm, ALONE_SET if constrained else "",
                                  factor)[:1]:
            if len(found.symbols) == 1 and found.text in ALONE_SET:
                votes[found.text] = votes.get(found.text, 0.0) + found.symbols[0].confidence
    if not votes:  # small type the one-line and one-character modes read nothing in (否)
        for factor in (1.0, 2.0):
            for found in read_scaled(crop.pixels, tesseract.BLOCK, ALONE_SET, factor)[:1]:
                if len(found.symbols) == 1 and found.text in ALONE_SET:
                    votes[found.text] = votes.get(found.text, 0.0) + found.symbols[0].confidence
    if not votes:
        return line
    text = max(votes, key=lambda t: votes[t])
    s = line.symbols[0]
    share = votes[text] / len(LONE_READINGS)
    return Line(line.x0, line.top, line.x1, line.bottom,
                (Symbol(text, s.x0, s.top, s.x1, s.bottom, share),))




def _with_circled(crop: Crop, tall: bool) -> list[Line] | None:
    """A piece holding circled numerals, read with them blanked and each put back, read
    alone, where it stands (Tesseract reads ② as ⑧ or 2 or drops it, and its ring swallows
    the digit beside it); None when the piece has none."""
    found = rings(crop)
    if not found:
        return None
    first = [s for line in read_scaled(crop.pixels, tesseract.BLOCK if tall else tesseract.LINE)
             for s in line.symbols]
    numerals = []
    pixels = crop.pixels.copy()
    slop = crop.px(tesseract.BOX_SLOP)
    for x, y, w, h in found:
        sure = [s for s in first if s.text in CIRCLED[:9] and s.confidence >= CIRCLED_TRUSTED
                and x - slop <= s.x0 and s.x1 <= x + w + slop]  # (①1 is read as ⑪)
        numeral = (Symbol(sure[0].text, x, y, x + w, y + h, sure[0].confidence) if sure
                   else circled_numeral(crop, (x, y, w, h)))
        if numeral is not None:
            numerals.append(numeral)
            pixels[y:y + h, x:x + w] = 255
    if not numerals:
        return None
    lines = read_piece(replace(crop, pixels=pixels), tall, circled=False)
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



# How glyphs touching each other are read again: (enlargement, segmentation mode).
TOUCHING_READINGS = ((1.0, tesseract.BLOCK), (2.0, tesseract.BLOCK), (2.0, tesseract.WORD))


def _touching(crop: Crop, line: Line) -> Line:
    """One 'glyph' much wider than tall, read again as the numerals or marks it holds (digits
    printed close touch in a blurred scan: 20 read as 0 or ％): the surest reading of two
    characters or more, unless the first reading was a mark or unit (not a digit) read surely
    (％ beside a speck a rule left), else as first read."""
    if _sure(line, ALONE_SET) and not line.text.isdigit():
        return line
    best: Line | None = None
    for factor, psm in TOUCHING_READINGS:
        for found in read_scaled(crop.pixels, psm, CONSTRAINED, factor)[:1]:
            if len(found.symbols) >= 2 and (
                    best is None or mean_confidence(found) > mean_confidence(best)):
                best = found
    return best if best is not None else line


# A digit read with less confidence (0–100) than this is read again alone; the ways it is.
DIGIT_SURE = 95.0
DIGIT_READINGS = ((1.0, tesseract.CHAR), (1.0, tesseract.WORD), (2.0, tesseract.WORD))
DIGITS = "0123456789"


def _digits_checked(crop: Crop, line: Line) -> Line:
    """Each digit of a number read unsurely, read again alone (its columns of the crop, digits
    only, as one character and as a word): the digit the readings, the first one included,
    find most surely (Tesseract's line mode read an 8 between commas as 6)."""
    symbols = list(line.symbols)
    for n, s in enumerate(symbols):
        if not s.text.isdigit() or s.confidence >= DIGIT_SURE:
            continue
        slop = crop.px(tesseract.BOX_SLOP)
        left = max(s.x0 - slop, symbols[n - 1].x1 if n else 0, 0)
        right = min(s.x1 + slop, symbols[n + 1].x0 if n + 1 < len(symbols) else s.x1 + slop)
        if right - left < 2:
            continue
        pad = crop.px(PAD)
        part = cv2.copyMakeBorder(np.ascontiguousarray(crop.pixels[:, left:right]), 0, 0, pad,
                                  pad, cv2.BORDER_CONSTANT, value=255)
        votes = {s.text: [s.confidence]}
        for factor, psm in DIGIT_READINGS:
            for found in read_scaled(part, psm, DIGITS, factor)[:1]:
                if len(found.symbols) == 1:
                    votes.setdefault(found.text, []).append(found.symbols[0].confidence)
        best = max(votes, key=lambda t: sum(votes[t]))
        # Another digit only when read so by two readings at least, each surer on average than
        # the first (a digit cut out by a box Tesseract misplaced reads as another: 0 as 9).
        if (best != s.text and len(votes[best]) >= 2
                and sum(votes[best]) / len(votes[best]) > s.confidence):
            symbols[n] = Symbol(best, s.x0, s.top, s.x1, s.bottom,
                                sum(votes[best]) / (len(DIGIT_READINGS) + 1))
    return Line(line.x0, line.top, line.x1, line.bottom, tuple(symbols))


# A line of small type (glyphs under SMALL points tall) read with a glyph less sure than
# UNSURE (0–100) is read again enlarged ENLARGE times: Tesseract reads small kanji better so.
SMALL = 7.2
UNSURE = 90.0
ENLARGE = 1.5


def _small_enlarged(crop: Crop, line: Line) -> Line:
    """A line of small type read unsurely, read again enlarged; the surer reading (a glyph
    alone has ways of its own: `_lone`, `glyphs.stroke`)."""
    if (len(line.symbols) < 2 or line.bottom - line.top >= crop.px(SMALL)
            or line.confidence >= UNSURE):
        return line
    again = read_scaled(crop.pixels, tesseract.LINE, "", ENLARGE)
    if len(again) == 1 and len(again[0].symbols) == len(line.symbols) and (
            mean_confidence(again[0]) > mean_confidence(line)):
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
    lines = read_scaled(crop.pixels, tesseract.BLOCK if tall else tesseract.LINE)
    if not tall and len(lines) == 1:
        lines = [as_known_name(crop, _small_enlarged(crop, lines[0]))]
    if not lines or (len(lines) == 1 and lines[0].text in FLAT_ALONE):
        flat = stroke(crop)
        if flat is not None:
            return [flat]
    if not lines:
        glyph = _glyph(crop)
        lines = [glyph] if glyph is not None else []
    out = []
    for line in lines:
        if len(lines) == 1 and len(line.symbols) == 1 and wide(crop):
            line = _touching(crop, line)
        elif len(lines) == 1 and len(line.symbols) == 1:
            line = _lone(crop, line)
        elif (_looks_constrained(line.text) and not _sure(line, CONSTRAINED)
              and not _sure_prose(line)):
            line = _digits_checked(crop, _reread(crop, line, whole=len(lines) == 1))
        out.append(marks(shape_of_lone(crop, separators(crop, missing_points(crop, line)))))
    return out
