"""The PDFium engine: pdfplumber's primitives read through pypdfium2 at C speed.

Characters come from PDFium's text page, their boxes rebuilt the way pdfminer (and so
pdfplumber) makes them: from the baseline origin, the advance width and the font's descriptor
/Descent, `top` one font size above `bottom` (not the glyph's ink, nor PDFium's own ascent).
The advance width is the loose box's, narrowed to the font's own width where PDFium widened the
box to the glyph's ink. /ActualText spans are dropped from the page objects (in memory) before
the text page is made, so PDFium reads the glyphs (their /ToUnicode text and widths) as pdfminer
does, not the replacement text. Spaces PDFium synthesises between words ("generated") are
dropped: pdfplumber has a space only where the PDF draws one. Rules are the painted path
objects (in form XObjects too) cut into the edges pdfplumber sees: every straight piece between
consecutive points of a subpath, a closed subpath's closing piece included, a Bézier curve by
its end points; a rectangle painted with fill only and thick both ways is a background
(primitives.Fill), not edges. Coordinates follow pdfplumber: its MediaBox, its /Rotate, origin
top-left.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R

from pipeline.extract.engines import pdfium_calls as C
from pipeline.extract.engines.pdfium_fonts import FontDescents, FontFacts
from pipeline.extract.primitives import Char, Fill, PageContent, Segment, is_background

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Points a stroke may slant and still count as horizontal or vertical (as pdfplumber_engine).
STRAIGHT = 0.5
ACTUAL_TEXT = b"ActualText"


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (PDF row-vector convention: p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


class _View:
    """pdfplumber's page geometry: user space → (x, top) as pdfminer and pdfplumber place it."""

    def __init__(self, page: Any) -> None:
        box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        if R.FPDFPage_GetMediaBox(page, *box):
            left, bottom, right, top = (v.value for v in box)
        else:  # PDFium's default: US Letter
            left, bottom, right, top = 0.0, 0.0, 612.0, 792.0
        x0, x1 = sorted((left, right))
        y0, y1 = sorted((bottom, top))
        turns = R.FPDFPage_GetRotation(page) % 4
        # pdfminer's page CTM per rotation (PDFPageInterpreter.process_page), then pdfplumber's
        # flip (Page.process_object): top = height - y + mediabox top, x + mediabox x0.
        if turns == 1:
            self.ctm: Matrix = (0.0, -1.0, 1.0, 0.0, -y0, x1)
            self.width, self.height, shift_x, shift_top = y1 - y0, x1 - x0, y0, -x0
        elif turns == 2:
            self.ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
            self.width, self.height, shift_x, shift_top = x1 - x0, y1 - y0, x0, -y0
        elif turns == 3:
            self.ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
            self.width, self.height, shift_x, shift_top = y1 - y0, x1 - x0, y0, -x0
        else:
            self.ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
            self.width, self.height, shift_x, shift_top = x1 - x0, y1 - y0, x0, -y0
        # user (x, y) → pdfplumber (x, top) in one affine map: x' = ax + cy + e, top = bx + dy + f
        a, b, c, d, e, f = self.ctm
        self.map: Matrix = (a, -b, c, -d, e + shift_x, self.height - f + shift_top)
        self.axis_aligned = turns in (0, 2)


def _chars(textpage: Any, view: _View, descents: FontDescents, objects: _Objects) -> list[Char]:
    """The text page's characters (generated ones dropped) with pdfminer's boxes, and the
    characters of the text objects PDFium leaves out of its text page, in drawing order."""
    count = R.FPDFText_CountChars(textpage)
    if count <= 0:
        return [char for _, char in objects.blank_chars(view, descents)]
    buffer = (ctypes.c_ushort * (count + 1))()
    written = R.FPDFText_GetText(textpage, 0, count, buffer)
    units = bytes(buffer)[: max(0, written - 1) * 2].decode("utf-16-le", "surrogatepass")
    if len(units) != count:  # a surrogate pair is one character: read them one by one
        units = "".join(chr(R.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    ma, mb, mc, md, me, mf = view.map
    axis_aligned = view.axis_aligned
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    loose = R.FS_RECTF()
    matrix = R.FS_MATRIX()
    by_object: dict[int, Style | None] = {}
    object_at, get_origin, get_loose, generated = (
        C.TEXT_OBJECT, R.FPDFText_GetCharOrigin, R.FPDFText_GetLooseCharBox,
        R.FPDFText_IsGenerated)
    chars = []
    append = chars.append
    blanks = objects.blank_chars(view, descents)
    order = objects.order
    for i, text in enumerate(units):
        key = object_at(textpage, i)
        if not key or (text.isspace() and generated(textpage, i)):
            continue  # generated by PDFium: a space or line break it reads between words
        if blanks:
            at = order.get(key, -1)
            while blanks and blanks[-1][0] < at:  # drawn before this character's object
                append(blanks.pop()[1])
        style = by_object.get(key, False)
        if style is False:
            style = by_object[key] = _style(textpage, i, key, matrix, descents)
        if style is None:
            continue
        a, b, c, d, size, descent, upright, facts = style
        if facts.texts is not None and R.FPDFText_HasUnicodeMapError(textpage, i):
            text = facts.texts(ord(text))  # no /ToUnicode: PDFium's text is the code
        get_origin(textpage, i, origin_x, origin_y)
        ox, oy = origin_x.value, origin_y.value
        if b == 0.0 and c == 0.0 and a != 0.0:
            if facts.widths is None:
                get_loose(textpage, i, loose)
                extent = loose.right - loose.left
                # PDFium widens the loose box to the glyph's ink where that reaches past the
                # advance width (or before the origin): the font's own width then says less
                glyph = facts.glyphs(text) * size * abs(a)
                if 0.0 < glyph < extent:
                    extent = glyph
                advance = extent / a  # text space, horizontal scaling in a
            else:
                advance = facts.widths(text) * size
            ux0, ux1 = ox, ox + a * advance
            uy0, uy1 = oy + d * descent * size, oy + d * (descent + 1.0) * size
        else:  # rotated or skewed text: PDFium's glyph box (no advance width to be had)
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            R.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
            ux0, ux1, uy0, uy1 = left.value, right.value, bottom.value, top.value
        # to pdfplumber's space (a rotated page turns x and y)
        if axis_aligned:
            xa, xb, ta, tb = ma * ux0 + me, ma * ux1 + me, md * uy0 + mf, md * uy1 + mf
        else:
            xa, xb, ta, tb = mc * uy0 + me, mc * uy1 + me, mb * ux0 + mf, mb * ux1 + mf
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        top, bottom = (ta, tb) if ta <= tb else (tb, ta)
        append(Char(text, x0, top, x1, bottom, bottom - top, upright))
    chars += [char for _, char in reversed(blanks)]
    return chars


def _box(view: _View, ux0: float, uy0: float, ux1: float, uy1: float
         ) -> tuple[float, float, float, float]:
    """A user-space box in pdfplumber's space: (x0, top, x1, bottom)."""
    ma, mb, mc, md, me, mf = view.map
    if view.axis_aligned:
        xa, xb, ta, tb = ma * ux0 + me, ma * ux1 + me, md * uy0 + mf, md * uy1 + mf
    else:
        xa, xb, ta, tb = mc * uy0 + me, mc * uy1 + me, mb * ux0 + mf, mb * ux1 + mf
    return min(xa, xb), min(ta, tb), max(xa, xb), max(ta, tb)


# A text object's matrix (a, b, c, d), font size, descent, uprightness, its font's facts.
Style = tuple[float, float, float, float, float, float, bool, FontFacts]


def _style(textpage: Any, index: int, key: int, matrix: Any, descents: FontDescents
           ) -> Style | None:
    """The matrix, font size, font descent (per font size), uprightness and font facts of the
    text object at address `key`, whose character `index` is."""
    if not R.FPDFText_GetMatrix(textpage, index, matrix):
        return None
    size = ctypes.c_float()
    if not C.FONT_SIZE(key, size):
        return None
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    upright = a * d > 0 and b * c <= 0
    facts = descents.facts_at(C.TEXT_FONT(key) or 0)
    return (a, b, c, d, float(size.value), facts.descent, upright, facts)


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


class _Objects:
    """One walk over the page's objects (form XObjects entered): the painted paths with their
    matrices into user space, the drawing order of the text objects, and the text objects
    PDFium's text page skips because they have no width (a run of spaces only, which
    pdfminer reads as space characters)."""

    def __init__(self, page: Any) -> None:
        self.paths: list[tuple[Any, Matrix]] = []
        self.order: dict[int, int] = {}
        self.blank: list[tuple[int, Any, Matrix]] = []
        one = R.FS_MATRIX()
        bounds = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        text, path, form = R.FPDF_PAGEOBJ_TEXT, R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_FORM
        kind_of, bounds_of, order = C.OBJECT_TYPE, C.OBJECT_BOUNDS, self.order
        # depth first, in drawing order: (parent, is the page, its matrix, next child); every
        # handle an address (pdfium_calls)
        stack: list[list[Any]] = [[page, True, IDENTITY, 0]]
        while stack:
            top = stack[-1]
            parent, is_page, outer, i = top
            count = C.COUNT_PAGE_OBJECTS(parent) if is_page else C.COUNT_FORM_OBJECTS(parent)
            if i >= count:
                stack.pop()
                continue
            top[3] = i + 1
            key = C.PAGE_OBJECT(parent, i) if is_page else C.FORM_OBJECT(parent, i)
            if not key:
                continue
            kind = kind_of(key)
            if kind == text:
                _drop_actual_text(key)
                order[key] = len(order)
                if bounds_of(key, *bounds) and abs(bounds[2].value - bounds[0].value) < 0.01:
                    self.blank.append((order[key], C.as_handle(key, R.FPDF_PAGEOBJECT),
                                       self._matrix(key, one, outer)))
            elif kind == path:
                self.paths.append((C.as_handle(key, R.FPDF_PAGEOBJECT),
                                   self._matrix(key, one, outer)))
            elif kind == form:
                stack.append([key, False, self._matrix(key, one, outer), 0])

    @staticmethod
    def _matrix(key: int, one: Any, outer: Matrix) -> Matrix:
        if not C.OBJECT_MATRIX(key, one):
            return outer
        return _multiply((one.a, one.b, one.c, one.d, one.e, one.f), outer)

    def blank_chars(self, view: _View, descents: FontDescents) -> list[tuple[int, Char]]:
        """One space character per skipped text object, where pdfminer puts the first, as
        (drawing order, char), last drawn first."""
        found = []
        size_of, width = ctypes.c_float(), ctypes.c_float()
        for order, obj, (a, b, c, d, e, f) in self.blank:
            font = R.FPDFTextObj_GetFont(obj)
            if b or c or not font or not R.FPDFTextObj_GetFontSize(obj, size_of):
                continue
            size = size_of.value
            text = " "
            if not R.FPDFFont_GetGlyphWidth(font, ord(text), size, width) or width.value <= 0:
                text = "\u3000"  # a CJK subset may only have the ideographic space
                if not R.FPDFFont_GetGlyphWidth(font, ord(text), size, width):
                    continue
            descent = descents.of(font)
            x0, top, x1, bottom = _box(view, e, f + d * descent * size, e + a * width.value,
                                       f + d * (descent + 1.0) * size)
            found.append((order, Char(text, x0, top, x1, bottom, bottom - top, a * d > 0)))
        return found[::-1]


def _segments(objects: _Objects, view: _View, fills: list[Fill]) -> list[Segment]:
    """Every axis-aligned edge of the page's painted paths, forms included; the backgrounds
    (fill-only rectangles thick both ways) go to `fills` instead."""
    found: list[Segment] = []
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, matrix in objects.paths:
        to_page = _multiply(matrix, view.map)
        filled = (R.FPDFPath_GetDrawMode(obj, fill_mode, stroke) and fill_mode.value
                  and not stroke.value)
        for points in _subpaths(obj):
            box = _rectangle(points, to_page) if filled else None
            if box is not None and is_background(*box):
                fills.append(Fill(*box))
                continue
            _edges(points, to_page, found)
    return found


def _rectangle(points: list[tuple[float, float]], matrix: Matrix
               ) -> tuple[float, float, float, float] | None:
    """The box of a subpath that is an axis-aligned rectangle closed on its start (as
    pdfminer makes an LTRect of one), in page space; None for any other shape."""
    a, b, c, d, e, f = matrix
    mapped = [(a * px + c * py + e, b * px + d * py + f) for px, py in points]
    corners = [p for n, p in enumerate(mapped) if n == 0 or p != mapped[n - 1]]
    if len(corners) != 5 or corners[0] != corners[4]:
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = corners
    if not ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
            or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
        return None
    return min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2)


def _subpaths(obj: Any) -> list[list[tuple[float, float]]]:
    """pdfminer's points of each subpath: every operator's end point (a Bézier curve's, not its
    control points), a closing operator adding the subpath's start again."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    curve = 0
    for i in range(R.FPDFPath_CountSegments(obj)):
        segment = R.FPDFPath_GetPathSegment(obj, i)
        kind = R.FPDFPathSegment_GetType(segment)
        R.FPDFPathSegment_GetPoint(segment, x, y)
        point = (x.value, y.value)
        if kind == R.FPDF_SEGMENT_MOVETO:
            if current:
                subpaths.append(current)
            current, curve = [point], 0
        elif kind == R.FPDF_SEGMENT_BEZIERTO:
            curve += 1
            if curve % 3 == 0:  # the end point of one cubic curve
                current.append(point)
        else:
            curve = 0
            current.append(point)
        if R.FPDFPathSegment_GetClose(segment) and current:
            current.append(current[0])
    if current:
        subpaths.append(current)
    return subpaths


def _edges(points: list[tuple[float, float]], matrix: Matrix, found: list[Segment]) -> None:
    """The straight, axis-aligned pieces between consecutive points, in pdfplumber's space."""
    a, b, c, d, e, f = matrix
    if len(points) == 3 and points[2] == points[0]:
        points = points[:2]  # one line closed back on itself: pdfminer's single LTLine
    mapped = [(a * px + c * py + e, b * px + d * py + f) for px, py in points]
    for (x0, t0), (x1, t1) in zip(mapped, mapped[1:], strict=False):
        if x1 < x0:
            x0, x1 = x1, x0
        if t1 < t0:
            t0, t1 = t1, t0
        if x0 == x1 and t0 == t1:
            continue  # a point (a closing piece of nothing): no edge
        if t1 - t0 <= STRAIGHT:
            found.append(Segment(x0, t0, x1, t0))
        elif x1 - x0 <= STRAIGHT:
            found.append(Segment(x0, t0, x0, t1))


class PdfiumDocument:
    """An open PDFium document, read page by page (each page's handles closed after).

    PDFium reads a page whose content it cannot decode or parse (an unsupported filter, a
    damaged stream) as an empty page, silently; a page without any object is therefore read
    by the reference engine (pdfplumber) instead, which either reads it or says why not."""

    def __init__(self, pdf: pdfium.PdfDocument, path: Path) -> None:
        self._pdf = pdf
        self._path = path
        self.n_pages = len(pdf)
        self._descents = FontDescents(path)

    def pages(self) -> Iterator[PageContent]:
        for index in range(self.n_pages):
            page = self._pdf[index]
            try:
                empty = R.FPDFPage_CountObjects(page.raw) == 0
                content = None if empty else read_page(page, index + 1, self._descents)
            finally:
                page.close()
            yield content or _reference_page(self._path, index)


def _reference_page(path: Path, index: int) -> PageContent:
    """Page `index` as the pdfplumber engine reads it (or its PipelineError why it cannot)."""
    from pipeline.extract.engines.pdfplumber_engine import open_pdfplumber

    with open_pdfplumber(path) as document:
        for number, content in enumerate(document.pages()):
            if number == index:
                return content
    raise AssertionError("unreachable: PDFium and pdfminer count the pages alike")


def read_page(page: pdfium.PdfPage, number: int, descents: FontDescents) -> PageContent:
    """One PDFium page as characters and segments."""
    descents.new_page()
    view = _View(page.raw)
    objects = _Objects(page.raw)
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, view, descents, objects)
    finally:
        textpage.close()
    fills: list[Fill] = []
    segments = _segments(objects, view, fills)
    return PageContent(number, view.width, view.height, chars, segments, fills)


@contextmanager
def open_pdfium(path: Path) -> Iterator[PdfiumDocument]:
    from pipeline.extract.engines.pdfium_open import open_checked

    pdf = open_checked(path)
    try:
        yield PdfiumDocument(pdf, path)
    finally:
        pdf.close()

