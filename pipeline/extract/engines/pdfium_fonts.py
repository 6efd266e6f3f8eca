"""Each font's metrics as pdfminer reads them, for the PDFium engine's character boxes.

pdfminer puts a character's bottom at the baseline plus the font's /Descent (from the font
descriptor, made negative; from the built-in metrics for the standard 14 fonts; from the
/FontBBox of a Type 3 font's descriptor, or of the font when it has none), and its top one font
size above. PDFium replaces a descriptor's missing or zero metrics with the glyphs' own, so the
descriptors are read (with pdfminer's object parser, no content stream is interpreted) and
matched to PDFium's fonts by /BaseFont name (PDFium drops the subset tag); fonts without one
(Chromium's Type 3 fonts) share the name "" when they all have the same descent. A font not
found falls back to PDFium's descent.

A CID font printed without its font file and encoded by a UCS-2 CMap (reportlab's HeiseiMin,
HeiseiKakuGo) is measured by PDFium with a substitute font's widths; pdfminer takes the /W
array's, which the character codes (their UCS-2 values) index through the CMap: for such fonts
the advance widths are read the pdfminer way too.

PDFium reads every width entry as a whole number of thousandths where pdfminer keeps its
fraction (Chromium writes /W entries such as 629.88281): `width_fractions` gives the difference
per character, which the engine adds to the advance (and to the origins that follow, see
pdfium_runs.py).

The file is read with pdfminer in pdfium_reference.py; this module has what is read of each
font dictionary, and the names PDFium's font handles are matched by.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from typing import Any, NamedTuple

import pypdfium2.raw as R

from pipeline.extract.engines.pdfium_codes import CodeText


def name_of(value: Any) -> str:
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return str(name)


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def font_descent(spec: dict, resolve: Any) -> float:
    """pdfminer's descent (per unit of font size, ≤ 0) of one font dictionary."""
    subtype = name_of(resolve(spec.get("Subtype")))
    if subtype == "Type0":
        descendants = resolve(spec.get("DescendantFonts")) or [{}]
        spec = resolve(descendants[0]) or {}
        descriptor = resolve(spec.get("FontDescriptor")) or {}
    elif subtype == "Type3":
        # pdfminer's PDFType3Font: the descent is the /FontBBox bottom of the descriptor (the
        # font's own box only when there is no descriptor: a descriptor without one gives 0),
        # scaled by the font matrix's vertical norm, its sign kept.
        if "FontDescriptor" in spec:
            descriptor = resolve(spec.get("FontDescriptor")) or {}
        else:
            descriptor = {"FontBBox": spec.get("FontBBox")}
        bbox = resolve(descriptor.get("FontBBox"))
        if not isinstance(bbox, list | tuple) or len(bbox) != 4:
            return 0.0
        matrix = resolve(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0]
        return _number(resolve(bbox[1])) * (_number(resolve(matrix[1]))
                                            + _number(resolve(matrix[3])))
    else:
        from pdfminer.pdffont import FontMetricsDB

        try:
            descriptor, _ = FontMetricsDB.get_metrics(name_of(resolve(spec.get("BaseFont"))))
        except KeyError:
            descriptor = resolve(spec.get("FontDescriptor")) or {}
    return -abs(_number(resolve(descriptor.get("Descent", 0)))) / 1000


# Advance width (in font sizes) of a text, for the fonts PDFium measures otherwise.
Widths = Callable[[str], float]


def ucs2_widths(spec: dict, resolve: Any) -> Widths | None:
    """pdfminer's advance widths of an unembedded UCS-2-encoded CID font, else None."""
    encoding = name_of(resolve(spec.get("Encoding")))
    if name_of(resolve(spec.get("Subtype"))) != "Type0" or not (
            "UCS2" in encoding or "UTF16" in encoding):
        return None
    descendant = resolve((resolve(spec.get("DescendantFonts")) or [{}])[0]) or {}
    descriptor = resolve(descendant.get("FontDescriptor")) or {}
    if any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3")):
        return None
    from pdfminer.pdfinterp import PDFResourceManager

    font = PDFResourceManager().get_font(None, spec)
    if font.is_vertical():
        return None

    def widths(text: str) -> float:
        return sum(font.char_width(cid) for cid in font.decode(text.encode("utf-16-be")))

    return widths


# How much wider pdfminer takes a font's characters than PDFium (per unit of font size).
class WidthFractions:
    """The fractions of a font's widths PDFium drops: it reads each /W, /DW, /Widths and
    /MissingWidth entry as a whole number of thousandths (629.88281 as 629, truncated; a Type 3
    font's widths rounded), pdfminer keeps them. By a character's text (the first code that
    reads as it) or by the codes of strings as drawn; codes without a width of their own take
    the default's fraction."""

    def __init__(self, font: Any, by_code: dict[int, float], default: float) -> None:
        self._font = font
        self._by_code = by_code
        self._default = default
        self._by_text: dict[str, float] = {}
        for code, fraction in by_code.items():
            try:
                text = font.to_unichr(code)
            except Exception:  # a code no map names: no character of PDFium's reads as it
                continue
            self._by_text.setdefault(text, fraction)

    def __call__(self, text: str) -> float:
        return self._by_text.get(text, self._default)

    def of_strings(self, strings: list[bytes]) -> float:
        """The sum over every code of `strings` (as drawn, before the font's CMap)."""
        by_code, default = self._by_code, self._default
        return sum(by_code.get(cid, default) for text in strings
                   for cid in self._font.decode(text))


def _fractional(value: Any) -> bool:
    return isinstance(value, float) and not value.is_integer()


def _pdfium_width(width: float) -> int:
    """A width entry as PDFium reads it: truncated to a whole number (saturated)."""
    return int(max(-2.0**31, min(2.0**31 - 1, width)))


def width_fractions(spec: dict, resolve: Any) -> WidthFractions | None:
    """The width fractions PDFium drops of a font dictionary; None when it drops none (every
    width a whole number, or a vertical font, or one pdfminer cannot read)."""
    subtype = name_of(resolve(spec.get("Subtype")))
    if subtype == "Type0":
        descendant = resolve((resolve(spec.get("DescendantFonts")) or [{}])[0]) or {}
        raw = [resolve(descendant.get("DW"))]
        for item in resolve(descendant.get("W")) or []:
            item = resolve(item)
            raw += [resolve(v) for v in item] if isinstance(item, list) else [item]
    else:
        raw = [resolve(v) for v in resolve(spec.get("Widths")) or []]
        descriptor = resolve(spec.get("FontDescriptor")) or {}
        raw.append(resolve(descriptor.get("MissingWidth")) if isinstance(descriptor, dict)
                   else None)
    scale = 1.0
    if subtype == "Type3":
        matrix = resolve(spec.get("FontMatrix")) or [0.001]
        scale = _number(resolve(matrix[0])) * 1000
        if not any(isinstance(v, int | float) and not float(v * scale).is_integer()
                   for v in raw):
            return None
    elif not any(_fractional(v) for v in raw):
        return None
    from pdfminer.pdfinterp import PDFResourceManager

    try:
        font = PDFResourceManager().get_font(None, spec)
    except Exception:  # a font pdfminer cannot read: PDFium's widths serve
        return None
    if font.is_vertical():
        return None
    by_code: dict[int, float] = {}
    for code, width in font.widths.items():
        number = _number(width)
        if not isinstance(code, int):
            continue
        if subtype == "Type3":  # PDFium: the width in thousandths of text space, rounded
            pdfium = math.floor(abs(number * scale) + 0.5) * (1 if number >= 0 else -1) / 1000
        else:
            pdfium = _pdfium_width(number) / 1000
        by_code[code] = font.char_width(code) - pdfium
    default = 0.0
    if subtype != "Type3":
        missing = _number(font.default_width)
        default = (missing - _pdfium_width(missing)) / 1000
    return WidthFractions(font, by_code, default)


class GlyphWidths:
    """PDFium's advance width (per unit of font size) of a font's character by its text: the
    width of the code the font's /ToUnicode map gives back for it, looked up once; 0 when the
    text maps to no code."""

    def __init__(self, font: Any) -> None:
        self._font = font
        self._known: dict[str, float] = {}
        self._width = ctypes.c_float()

    def __call__(self, text: str) -> float:
        width = self._known.get(text)
        if width is None:
            width = 0.0
            if self._font and len(text) == 1 and R.FPDFFont_GetGlyphWidth(
                    self._font, ord(text), 1.0, self._width):
                width = max(0.0, self._width.value)
            self._known[text] = width
        return width


class FontFacts(NamedTuple):
    """What the PDFium engine needs of one font: pdfminer's descent (per unit of font size),
    pdfminer's widths where PDFium measures the font otherwise, pdfminer's text of its codes
    where it has no /ToUnicode map, the width fractions PDFium drops (None: none), and
    PDFium's own advance widths."""

    descent: float
    widths: Widths | None
    texts: CodeText | None
    fractions: WidthFractions | None
    glyphs: GlyphWidths


def address(handle: Any) -> int:
    """The address a PDFium handle points at (0 for none): a dictionary key (ctypes.cast
    costs several times more)."""
    return ctypes.addressof(handle.contents) if handle else 0


def without_subset(name: str) -> str:
    """A font name without its subset tag (BAAAAA+IPAexGothic → IPAexGothic), as PDFium
    reports it."""
    tag, plus, rest = name.partition("+")
    return rest if plus and len(tag) == 6 and tag.isupper() and tag.isalpha() else name


def base_font_name(font: Any) -> str:
    """The font's /BaseFont, as PDFium reads it ("" when it has none)."""
    if not font:
        return ""
    size = R.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return ""
    buffer = ctypes.create_string_buffer(size)
    R.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", "replace")
