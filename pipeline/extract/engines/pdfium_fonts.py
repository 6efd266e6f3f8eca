"""Each font's descent as pdfminer reads it, for the PDFium engine's character boxes.

pdfminer puts a character's bottom at the baseline plus the font's /Descent (from the font
descriptor, made negative; from the built-in metrics for the standard 14 fonts; from the
/FontBBox of a Type 3 font's descriptor, or of the font when it has none), and its top one font
size above. PDFium replaces a descriptor's missing or zero metrics with the glyphs' own, so the
descriptors are read here (with pdfminer's object parser, no content stream is interpreted),
matched to PDFium's fonts by /BaseFont name (PDFium drops the subset tag); fonts without one
(Chromium's Type 3 fonts) share the name "" when they all have the same descent. A font not
found falls back to PDFium's descent.

A CID font printed without its font file and encoded by a UCS-2 CMap (reportlab's HeiseiMin,
HeiseiKakuGo) is measured by PDFium with a substitute font's widths; pdfminer takes the /W
array's, which the character codes (their UCS-2 values) index through the CMap: for such fonts
the advance widths are read the pdfminer way too.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pypdfium2.raw as R

from pipeline.extract.engines.pdfium_codes import CodeText, code_text

log = logging.getLogger(__name__)


def _name(value: Any) -> str:
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return str(name)


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _descent(spec: dict, resolve: Any) -> float:
    """pdfminer's descent (per unit of font size, ≤ 0) of one font dictionary."""
    subtype = _name(resolve(spec.get("Subtype")))
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
            descriptor, _ = FontMetricsDB.get_metrics(_name(resolve(spec.get("BaseFont"))))
        except KeyError:
            descriptor = resolve(spec.get("FontDescriptor")) or {}
    return -abs(_number(resolve(descriptor.get("Descent", 0)))) / 1000


# Advance width (in font sizes) of a text, for the fonts PDFium measures otherwise.
Widths = Callable[[str], float]


def _ucs2_widths(spec: dict, resolve: Any) -> Widths | None:
    """pdfminer's advance widths of an unembedded UCS-2-encoded CID font, else None."""
    encoding = _name(resolve(spec.get("Encoding")))
    if _name(resolve(spec.get("Subtype"))) != "Type0" or not (
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


def read_fonts(path: Path
               ) -> tuple[dict[str, float], dict[str, Widths], dict[str, CodeText]]:
    """/BaseFont name → descent of every font the pages (and their forms) use, → widths of
    those PDFium would measure otherwise, → pdfminer's text of the codes of those without a
    /ToUnicode map."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    found: dict[str, float] = {}
    measured: dict[str, Widths] = {}
    unmapped: dict[str, CodeText] = {}
    nameless: set[float] = set()
    with path.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        seen: set[int] = set()
        for page in PDFPage.create_pages(document):
            todo = [page.resources]
            while todo:
                resources = resolve1(todo.pop()) or {}
                if not isinstance(resources, dict) or id(resources) in seen:
                    continue
                seen.add(id(resources))
                for spec in (resolve1(resources.get("Font")) or {}).values():
                    spec = resolve1(spec)
                    if isinstance(spec, dict) and "BaseFont" not in spec:
                        nameless.add(_descent(spec, resolve1))  # a Type 3 font, typically
                    elif isinstance(spec, dict):
                        name = _name(resolve1(spec["BaseFont"]))
                        descent = _descent(spec, resolve1)
                        found.setdefault(name, descent)
                        found.setdefault(without_subset(name), descent)
                        if name not in measured and (widths := _ucs2_widths(spec, resolve1)):
                            measured[name] = measured[without_subset(name)] = widths
                        if name not in unmapped and (text := code_text(spec)):
                            unmapped[name] = unmapped[without_subset(name)] = text
                for xobject in (resolve1(resources.get("XObject")) or {}).values():
                    attrs = getattr(resolve1(xobject), "attrs", None)
                    if attrs and _name(resolve1(attrs.get("Subtype"))) == "Form":
                        todo.append(attrs.get("Resources"))
    if len(nameless) == 1:  # PDFium names none of them: "" serves when they all agree
        found[""] = nameless.pop()
    return found, measured, unmapped


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
    where it has no /ToUnicode map, and PDFium's own advance widths."""

    descent: float
    widths: Widths | None
    texts: CodeText | None
    glyphs: GlyphWidths


class FontDescents:
    """pdfminer's metrics of PDFium font handles: the file's fonts read once (by name), each
    handle's facts cached for the page at hand (PDFium may reuse a handle after a page)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._by_name: dict[str, float] | None = None
        self._widths: dict[str, Widths] = {}
        self._texts: dict[str, CodeText] = {}
        self._by_handle: dict[int, FontFacts] = {}

    def new_page(self) -> None:
        """Forget the handles of the page before."""
        self._by_handle.clear()

    def of(self, font: Any) -> float:
        """pdfminer's descent of `font`, per unit of font size."""
        return self.facts(font).descent

    def facts(self, font: Any) -> FontFacts:
        """`font`'s facts."""
        return self.facts_at(address(font))

    def facts_at(self, key: int) -> FontFacts:
        """The facts of the font at address `key` (0: none)."""
        found = self._by_handle.get(key)
        if found is None:
            font = ctypes.cast(key, R.FPDF_FONT) if key else None
            found = self._by_handle[key] = self._read(font)
        return found

    def _read(self, font: Any) -> FontFacts:
        if self._by_name is None:
            try:
                self._by_name, self._widths, self._texts = read_fonts(self._path)
            except Exception as exc:  # a structure pdfminer cannot walk: PDFium's metrics serve
                log.info("%s: fonts not read by pdfminer (%s: %s): PDFium's metrics serve",
                         self._path.name, type(exc).__name__, exc)
                self._by_name = {}
        name = base_font_name(font)
        bare = without_subset(name)
        if name in self._by_name or bare in self._by_name:
            descent = self._by_name.get(name, self._by_name.get(bare, 0.0))
        else:
            log.debug("%s: font %r not found in the file's font dictionaries: PDFium's descent "
                      "serves", self._path.name, name)
            value = ctypes.c_float()
            descent = value.value if font and R.FPDFFont_GetDescent(font, 1.0, value) else 0.0
        return FontFacts(descent, self._widths.get(name) or self._widths.get(bare),
                         self._texts.get(name) or self._texts.get(bare), GlyphWidths(font))


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
