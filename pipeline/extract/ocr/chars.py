"""Lines read in a crop placed on the page as Chars, as a PDF's characters stand: each with
its line's em box, neighbours printed together touching, half-width Latin told from full-width.
"""

from __future__ import annotations

from pipeline.extract.ocr.crops import Crop
from pipeline.extract.ocr.tesseract import Line, Symbol
from pipeline.extract.primitives import Char

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
