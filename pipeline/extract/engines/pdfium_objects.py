"""One walk over a page's objects for the PDFium engine, and the characters of the text objects
PDFium's text page leaves out.

The walk enters form XObjects and keeps, in drawing order: the painted paths with their
matrices into user space; each text object's place in the drawing order and in its content
stream; and, where the page's runs are known (pdfium_runs.py), how far behind pdfminer's
PDFium starts each text object that continues a run (the width fractions it dropped so far).
It also drops /ActualText spans (in memory) so that PDFium's text page reads the glyphs.

PDFium's text page leaves out two kinds of text object pdfminer reads: one without width (a
run of spaces only: the engine gives it one space, where pdfminer puts the first), and one
that copies a text object drawn just before it at nearly the same place (the same codes in the
same font and size: a bold face made by drawing twice; CPDF_TextPage::IsSameAsPreTextObject):
its characters are the copied object's, moved as far as it is.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as R

from pipeline.extract.engines import pdfium_calls as C
from pipeline.extract.engines.pdfium_geometry import IDENTITY, Matrix, PageView, multiply, text_box
from pipeline.extract.engines.pdfium_reference import Reference
from pipeline.extract.engines.pdfium_runs import Runs
from pipeline.extract.primitives import Char

NO_SHIFT = (0.0, 0.0)
UNREAD = object()
ACTUAL_TEXT = b"ActualText"
# How many text objects back PDFium looks for the one a text object copies (in its stream).
COPY_REACH = 5


def _drop_actual_text(key: int) -> None:
    """Remove the /ActualText of the marked-content spans around the text object at `key` (in
    memory only): PDFium's text page would read that text instead of the glyphs, with no
    advance widths, where pdfminer reads the glyphs."""
    marks = C.COUNT_MARKS(key)
    if marks <= 0:
        return
    obj = C.as_handle(key, R.FPDF_PAGEOBJECT)
    for index in range(marks - 1, -1, -1):
        mark = R.FPDFPageObj_GetMark(obj, index)
        if mark and R.FPDFPageObjMark_GetParamValueType(mark, ACTUAL_TEXT) != R.FPDF_OBJECT_UNKNOWN:
            R.FPDFPageObjMark_RemoveParam(obj, mark, ACTUAL_TEXT)


class PageObjects:
    """One walk over the page's objects (see the module's docstring): `paths`, `order` (text
    object → place in the drawing order), `blank` (the text objects without width), `starts`
    (text object → how far behind pdfminer's PDFium starts it, in user space)."""

    def __init__(self, page: Any, reference: Reference | None = None, index: int = 0) -> None:
        self.paths: list[tuple[Any, Matrix]] = []
        self.order: dict[int, int] = {}
        self.blank: list[tuple[int, int, Any, Matrix]] = []
        self.starts: dict[int, tuple[float, float]] = {}
        self._ends: dict[int, tuple[float, float]] = {}
        # text object → its stream's text objects, its place among them, the stream's matrix
        self._place: dict[int, tuple[list[int], int, Matrix]] = {}
        one = R.FS_MATRIX()
        bounds = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        text, path, form = R.FPDF_PAGEOBJ_TEXT, R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_FORM
        kind_of, bounds_of, order = C.OBJECT_TYPE, C.OBJECT_BOUNDS, self.order
        # depth first, in drawing order: (parent, is the page, its matrix, next child, its
        # runs, its text objects so far, its forms so far); every handle an address
        # (pdfium_calls). The page's runs are asked for at its first text or form object: a
        # page of images only does not have the file read by pdfminer.
        stack: list[list[Any]] = [[page, True, IDENTITY, 0, UNREAD, [], 0]]
        while stack:
            top = stack[-1]
            parent, is_page, outer, i, own, texts, forms = top
            count = C.COUNT_PAGE_OBJECTS(parent) if is_page else C.COUNT_FORM_OBJECTS(parent)
            if i >= count:
                stack.pop()
                if own is not None and own is not UNREAD and (
                        len(texts) != len(own.after) or forms != len(own.forms)):
                    for key in texts:  # the runs were not read as PDFium reads the stream
                        self.starts.pop(key, None)
                continue
            top[3] = i + 1
            key = C.PAGE_OBJECT(parent, i) if is_page else C.FORM_OBJECT(parent, i)
            if not key:
                continue
            kind = kind_of(key)
            if own is UNREAD and kind in (text, form):
                own = top[4] = reference.runs(index) if reference else None
            if kind == text:
                _drop_actual_text(key)
                order[key] = len(order)
                self._place[key] = (texts, len(texts), outer)
                texts.append(key)
                if own is not None and reference is not None:
                    self._follow(key, own, texts, one, outer, reference)
                if bounds_of(key, *bounds) and abs(bounds[2].value - bounds[0].value) < 0.01:
                    self.blank.append((order[key], key, C.as_handle(key, R.FPDF_PAGEOBJECT),
                                       self._matrix(key, one, outer)))
            elif kind == path:
                self.paths.append((C.as_handle(key, R.FPDF_PAGEOBJECT),
                                   self._matrix(key, one, outer)))
            elif kind == form:
                inner = own.forms[forms] if own is not None and forms < len(own.forms) else None
                top[6] = forms + 1
                stack.append([key, False, self._matrix(key, one, outer), 0, inner, [], 0])

    def _follow(self, key: int, runs: Runs, texts: list[int], one: Any, outer: Matrix,
                reference: Reference) -> None:
        """Where text object `key` (the last of its stream's `texts` so far, the next of its
        `runs`) starts and ends relative to pdfminer's reading: the end of the object it
        continues from, plus its own dropped width fractions along its baseline."""
        index = len(texts) - 1
        if index >= len(runs.after):
            return  # more objects than the runs know: they are dropped when the stream ends
        before = runs.after[index]
        start = NO_SHIFT if before is None else self._ends.get(texts[before], NO_SHIFT)
        if start != NO_SHIFT:
            self.starts[key] = start
        if index not in runs.continued:
            return  # no object starts where this one ends
        end = start
        fractions = reference.facts_at(C.TEXT_FONT(key) or 0).fractions
        size = ctypes.c_float()
        if fractions is not None and C.FONT_SIZE(key, size):
            total = fractions.of_strings(runs.shown(index)) * size.value
            if total:
                a, b = self._matrix(key, one, outer)[:2]
                end = (start[0] + a * total, start[1] + b * total)
        self._ends[key] = end

    @staticmethod
    def _matrix(key: int, one: Any, outer: Matrix) -> Matrix:
        if not C.OBJECT_MATRIX(key, one):
            return outer
        return multiply((one.a, one.b, one.c, one.d, one.e, one.f), outer)

    def blank_chars(self, view: PageView, reference: Reference) -> list[tuple[int, Char]]:
        """One space character per skipped text object, where pdfminer puts the first, as
        (drawing order, char), last drawn first."""
        found = []
        size_of, width = ctypes.c_float(), ctypes.c_float()
        for order, key, obj, (a, b, c, d, e, f) in self.blank:
            font = R.FPDFTextObj_GetFont(obj)
            if not font or not R.FPDFTextObj_GetFontSize(obj, size_of):
                continue
            size = size_of.value
            text = " "
            if not R.FPDFFont_GetGlyphWidth(font, ord(text), size, width) or width.value <= 0:
                text = "\u3000"  # a CJK subset may only have the ideographic space
                if not R.FPDFFont_GetGlyphWidth(font, ord(text), size, width):
                    continue
            facts = reference.facts(font)
            advance = width.value + (facts.fractions(text) * size if facts.fractions else 0.0)
            shift_x, shift_y = self.starts.get(key, NO_SHIFT)
            e, f = e + shift_x, f + shift_y
            if b == 0.0 and c == 0.0:
                box = (e, f + d * facts.descent * size, e + a * advance,
                       f + d * (facts.descent + 1.0) * size)
            else:
                box = text_box(e, f, a, b, c, d, advance, facts.descent * size,
                               (facts.descent + 1.0) * size)
            x0, top, x1, bottom = view.box(*box)
            found.append((order, Char(text, x0, top, x1, bottom, bottom - top,
                                      view.upright(a, b, c, d))))
        return found[::-1]

    def copied_chars(self, chars: list[Char], drawn: list[int], view: PageView
                     ) -> list[tuple[int, Char]]:
        """The characters of the text objects the text page left out as copies of one drawn
        just before (`chars` are the text page's, each drawn by the object in place `drawn`),
        as (drawing order, char), last drawn first: the copied object's characters moved as far
        as the copy is (its position and its run's shift)."""
        blank = {key for _, key, _, _ in self.blank}
        read = set(drawn)
        missing = [key for key, at in self.order.items() if at not in read and key not in blank]
        if not missing:
            return []
        by_order: dict[int, list[Char]] = {}
        for char, at in zip(chars, drawn, strict=True):
            by_order.setdefault(at, []).append(char)
        ma, mb, mc, md = view.map[:4]
        one = R.FS_MATRIX()
        found: list[tuple[int, Char]] = []
        for key in missing:
            texts, place, outer = self._place[key]
            for other in reversed(texts[max(0, place - COPY_REACH):place]):
                copied = by_order.get(self.order[other])
                if not copied or not _alike(key, other):
                    continue
                *_, e, f = self._matrix(key, one, outer)
                *_, e0, f0 = self._matrix(other, one, outer)
                (sx, sy), (sx0, sy0) = (self.starts.get(key, NO_SHIFT),
                                        self.starts.get(other, NO_SHIFT))
                du, dv = e - e0 + sx - sx0, f - f0 + sy - sy0
                dx, dtop = ma * du + mc * dv, mb * du + md * dv
                moved = [Char(c.text, c.x0 + dx, c.top + dtop, c.x1 + dx, c.bottom + dtop,
                              c.size, c.upright) for c in copied]
                by_order[self.order[key]] = moved
                found += [(self.order[key], char) for char in moved]
                break
        return found[::-1]


def _alike(key: int, other: int) -> bool:
    """Whether text object `key` may be PDFium's copy of `other`: the same font and size, boxes
    of the same size that overlap (PDFium also compares their codes, which it does not tell)."""
    if C.TEXT_FONT(key) != C.TEXT_FONT(other):
        return False
    size, size0 = ctypes.c_float(), ctypes.c_float()
    if not (C.FONT_SIZE(key, size) and C.FONT_SIZE(other, size0)) or size.value != size0.value:
        return False
    box = [ctypes.c_float() for _ in range(4)]
    box0 = [ctypes.c_float() for _ in range(4)]
    if not (C.OBJECT_BOUNDS(key, *box) and C.OBJECT_BOUNDS(other, *box0)):
        return False
    left, bottom, right, top = (v.value for v in box)
    left0, bottom0, right0, top0 = (v.value for v in box0)
    return (abs((right - left) - (right0 - left0)) < 0.01
            and abs((top - bottom) - (top0 - bottom0)) < 0.01
            and left < right0 and left0 < right and bottom < top0 and bottom0 < top)
