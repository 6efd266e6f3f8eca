"""pdfminer's text of a character whose font has no /ToUnicode map, for the PDFium engine.

Without a /ToUnicode map PDFium hands the character code itself over as the text (and flags
it: FPDFText_HasUnicodeMapError); pdfminer decodes the code through the font's encoding (a
simple font's /Encoding and /Differences, a CID font's CMap and ordering) and, where that
names nothing, writes "(cid:N)". The clean stage recognises those, so the engines must agree.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

# The text pdfminer reads for a character code of one font.
CodeText = Callable[[int], str]


def code_text(spec: dict) -> CodeText | None:
    """pdfminer's text of each code of a font without /ToUnicode (None for one that has it,
    or that pdfminer cannot load)."""
    if "ToUnicode" in spec:
        return None
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.pdfinterp import PDFResourceManager

    try:
        font = PDFResourceManager().get_font(None, spec)
    except Exception as exc:  # a font pdfminer cannot read: PDFium's text serves
        logging.getLogger(__name__).info(
            "font %r without /ToUnicode not read by pdfminer (%s: %s): PDFium's text serves",
            spec.get("BaseFont"), type(exc).__name__, exc)
        return None
    multibyte = font.is_multibyte()

    def text(code: int) -> str:
        cids = list(font.decode(code.to_bytes(2, "big"))) if multibyte else [code]
        cid = cids[0] if cids else code
        try:
            return font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            return f"(cid:{cid})"

    return text
