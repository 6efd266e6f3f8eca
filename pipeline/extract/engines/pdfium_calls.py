"""PDFium functions called with and returning handles as plain addresses (ints).

pypdfium2's bindings take and return handles as ctypes pointer objects; turning one into a
dictionary key (ctypes.cast, addressof) costs more than the call. The PDFium engine's hot
loops call these variants instead: the same C functions, every handle parameter and result
typed c_void_p, so a handle is an int (None for a null one) that is its own key.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as R


def _handle(kind: Any) -> Any:
    """c_void_p for a PDFium handle type (a pointer to an opaque fpdf_… struct), else `kind`."""
    name = getattr(kind, "__name__", "")
    return ctypes.c_void_p if name.startswith("LP_struct_fpdf_") else kind


def by_address(function: Any) -> Any:
    """`function` with its handles as addresses."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    prototype = ctypes.CFUNCTYPE(_handle(function.restype),
                                 *(_handle(kind) for kind in function.argtypes))
    return prototype(address)


TEXT_OBJECT = by_address(R.FPDFText_GetTextObject)
PAGE_OBJECT = by_address(R.FPDFPage_GetObject)
FORM_OBJECT = by_address(R.FPDFFormObj_GetObject)
COUNT_PAGE_OBJECTS = by_address(R.FPDFPage_CountObjects)
COUNT_FORM_OBJECTS = by_address(R.FPDFFormObj_CountObjects)
OBJECT_TYPE = by_address(R.FPDFPageObj_GetType)
OBJECT_BOUNDS = by_address(R.FPDFPageObj_GetBounds)
OBJECT_MATRIX = by_address(R.FPDFPageObj_GetMatrix)
COUNT_MARKS = by_address(R.FPDFPageObj_CountMarks)
TEXT_FONT = by_address(R.FPDFTextObj_GetFont)
FONT_SIZE = by_address(R.FPDFTextObj_GetFontSize)


def as_handle(address: int, kind: Any) -> Any:
    """The pointer object of type `kind` at `address`, for pypdfium2's own bindings."""
    return ctypes.cast(address, kind)
