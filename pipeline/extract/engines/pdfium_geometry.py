"""Page geometry for the PDFium engine: from PDFium's user space to pdfplumber's page space.

PDFium gives positions in the page's user space, whatever its /Rotate; pdfminer applies the
page's rotation to its CTM (PDFPageInterpreter.process_page) and pdfplumber then flips y and
shifts by the MediaBox (Page.process_object). A character's box is pdfminer's too: the box of
its advance width by one font size (from the font's descent) in text space, through the
character's matrix, bounded by the page's axes; its uprightness is pdfminer's test on that
matrix with the page's rotation applied, so text a /Rotate page turns back upright is upright.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as R

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# A box in user space, (x0, y0, x1, y1), or in pdfplumber's space, (x0, top, x1, bottom).
Box = tuple[float, float, float, float]
# pdfminer's page rotations (degrees, 0-359) in quarter turns; any other value turns nothing.
QUARTER_TURNS = {90: 1, 180: 2, 270: 3}


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (PDF row-vector convention: p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


class PageView:
    """pdfplumber's page geometry: user space → (x, top) as pdfminer and pdfplumber place it.

    The rotation is PDFium's reading of /Rotate (inherited from the page tree, a multiple of
    90 degrees taken modulo 360, so -90 and 450 are 270 and 90 as for pdfminer), or `rotate`,
    pdfminer's reading (which turns a value that is no multiple of 90 not at all); the MediaBox
    may lie anywhere (its corners in any order). The CropBox moves nothing: pdfplumber places
    characters on the MediaBox."""

    def __init__(self, page: Any, rotate: int | None = None) -> None:
        box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        if R.FPDFPage_GetMediaBox(page, *box):
            left, bottom, right, top = (v.value for v in box)
        else:  # PDFium's default: US Letter
            left, bottom, right, top = 0.0, 0.0, 612.0, 792.0
        x0, x1 = sorted((left, right))
        y0, y1 = sorted((bottom, top))
        turns = R.FPDFPage_GetRotation(page) % 4
        if rotate is not None:  # /Rotate as pdfminer takes it: a quarter turn or none
            turns = QUARTER_TURNS.get(rotate % 360, 0)
        self.turns = turns
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

    def box(self, ux0: float, uy0: float, ux1: float, uy1: float) -> Box:
        """A user-space box (corners in any order) in pdfplumber's space: (x0, top, x1,
        bottom)."""
        ma, mb, mc, md, me, mf = self.map
        if self.axis_aligned:
            xa, xb, ta, tb = ma * ux0 + me, ma * ux1 + me, md * uy0 + mf, md * uy1 + mf
        else:
            xa, xb, ta, tb = mc * uy0 + me, mc * uy1 + me, mb * ux0 + mf, mb * ux1 + mf
        return min(xa, xb), min(ta, tb), max(xa, xb), max(ta, tb)

    def upright(self, a: float, b: float, c: float, d: float) -> bool:
        """pdfminer's LTChar.upright of a character whose matrix in user space is (a, b, c, d):
        tested on that matrix times the page's rotation, as pdfminer's CTM carries it."""
        if self.turns:
            pa, pb, pc, pd = self.ctm[:4]
            a, b, c, d = a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd
        return a * d > 0 and b * c <= 0


def text_box(ox: float, oy: float, a: float, b: float, c: float, d: float,
             advance: float, low: float, high: float) -> Box:
    """pdfminer's box of a glyph in user space: the text-space box from (0, low) to (advance,
    high) through the matrix (a, b, c, d) at the origin (ox, oy), bounded by the axes, as
    (x0, y0, x1, y1)."""
    xs = [ox + a * u + c * v for u in (0.0, advance) for v in (low, high)]
    ys = [oy + b * u + d * v for u in (0.0, advance) for v in (low, high)]
    return min(xs), min(ys), max(xs), max(ys)


def rendered_origin(page: Any) -> tuple[float, float]:
    """Where the top left corner of PDFium's rendering of `page` (its CropBox within the
    MediaBox, turned by /Rotate) lies in pdfplumber's page space, which places the MediaBox:
    (0, 0) unless the page has a CropBox or a MediaBox off the origin."""
    rect = R.FS_RECTF()
    if not R.FPDF_GetPageBoundingBox(page, rect):
        return 0.0, 0.0
    x0, top, _, _ = PageView(page).box(rect.left, rect.bottom, rect.right, rect.top)
    return x0, top
