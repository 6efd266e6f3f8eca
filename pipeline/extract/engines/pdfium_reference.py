"""What the PDFium engine takes from pdfminer's reading of the file (the reference engine's).

The file is walked once with pdfminer's object parser, when first needed: every font the pages
(and their forms) use, by /BaseFont name (pdfium_fonts.py: descents, widths, texts of unmapped
codes, the width fractions PDFium drops), each page's /Rotate as pdfminer takes it (a value
that is not a multiple of 90 turns nothing; PDFium reads 135 as 90). The file stays open so
that, for a page drawn with a font whose widths have fractions, its content streams are scanned
when the page is read for which text objects continue a run of text (pdfium_runs.py). A
structure pdfminer cannot walk leaves PDFium's own readings in place.
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import pypdfium2.raw as R

from pipeline.extract.engines.pdfium_codes import CodeText, code_text
from pipeline.extract.engines.pdfium_fonts import (
    FontFacts,
    GlyphWidths,
    WidthFractions,
    Widths,
    address,
    base_font_name,
    font_descent,
    name_of,
    ucs2_widths,
    width_fractions,
    without_subset,
)
from pipeline.extract.engines.pdfium_runs import Runs, scan

log = logging.getLogger(__name__)

# Forms drawn within forms deeper than this are not scanned (PDFium stops at a similar depth).
MAX_FORM_DEPTH = 30


class FileFacts(NamedTuple):
    """What pdfminer reads of the file: by font name its descent, its widths where PDFium
    measures it otherwise, its codes' text where it has no /ToUnicode map, the width fractions
    PDFium drops; by page its /Rotate (pdfminer's) and whether a font it (or a form it draws)
    uses has widths with fractions."""

    descents: dict[str, float]
    widths: dict[str, Widths]
    texts: dict[str, CodeText]
    fractions: dict[str, WidthFractions]
    rotations: list[int]
    fractional: list[bool]


class _Reader:
    """One walk over the file's pages and the resources they (and their forms) use."""

    def __init__(self) -> None:
        from pdfminer.pdftypes import resolve1

        self.resolve = resolve1
        self.facts = FileFacts({}, {}, {}, {}, [], [])
        self.pages: list[Any] = []  # pdfminer's pages, their objects read when first needed
        self.nameless: set[float] = set()
        self._fractional: dict[int, bool] = {}  # resources (by id) → uses a font with fractions
        self._forms: dict[int, Runs | None] = {}

    def font(self, spec: Any) -> bool:
        """Read one font dictionary; whether PDFium drops fractions of its widths."""
        resolve, facts = self.resolve, self.facts
        spec = resolve(spec)
        if not isinstance(spec, dict):
            return False
        if "BaseFont" not in spec:
            self.nameless.add(font_descent(spec, resolve))  # a Type 3 font, typically
            return False
        name = name_of(resolve(spec["BaseFont"]))
        bare = without_subset(name)
        if name not in facts.descents:
            descent = font_descent(spec, resolve)
            facts.descents[name] = descent
            facts.descents.setdefault(bare, descent)
            if widths := ucs2_widths(spec, resolve):
                facts.widths[name] = facts.widths[bare] = widths
            if text := code_text(spec):
                facts.texts[name] = facts.texts[bare] = text
            if fractions := width_fractions(spec, resolve):
                facts.fractions[name] = facts.fractions[bare] = fractions
        return name in facts.fractions

    def resources(self, resources: Any) -> bool:
        """Read the fonts of `resources` and of the forms they hold; whether any of them has
        width fractions PDFium drops."""
        resolve = self.resolve
        resources = resolve(resources) or {}
        if not isinstance(resources, dict):
            return False
        key = id(resources)  # pdfminer hands out the same object for the same reference
        if key in self._fractional:
            return self._fractional[key]
        self._fractional[key] = False  # a form that draws itself
        found = False
        fonts = resolve(resources.get("Font")) or {}
        for spec in fonts.values() if isinstance(fonts, dict) else ():
            found = self.font(spec) or found
        xobjects = resolve(resources.get("XObject")) or {}
        for xobject in xobjects.values() if isinstance(xobjects, dict) else ():
            attrs = getattr(resolve(xobject), "attrs", None)
            if attrs and name_of(resolve(attrs.get("Subtype"))) == "Form":
                found = self.resources(attrs.get("Resources")) or found
        self._fractional[key] = found
        return found

    def runs(self, data: bytes, resources: Any, depth: int = 0) -> Runs:
        """The text runs of a content stream drawn with `resources` (its forms' too)."""
        resolve = self.resolve
        resources = resolve(resources) or {}
        xobjects = resolve(resources.get("XObject")) if isinstance(resources, dict) else None
        xobjects = xobjects if isinstance(xobjects, dict) else {}

        def form(name: bytes) -> Runs | None | bool:
            key = name.decode("utf-8", "replace")
            stream = resolve(xobjects.get(key, xobjects.get(name.decode("latin-1"))))
            attrs = getattr(stream, "attrs", None)
            if not attrs or name_of(resolve(attrs.get("Subtype"))) != "Form":
                return False  # no XObject of that name, or an image: no form object
            if id(stream) not in self._forms:
                self._forms[id(stream)] = None  # a form that draws itself: not read twice
                if depth < MAX_FORM_DEPTH:
                    own = attrs.get("Resources")
                    self._forms[id(stream)] = self.runs(
                        stream.get_data(), own if own else resources, depth + 1)
            return self._forms[id(stream)]

        return scan(data, form)

    def page(self, page: Any) -> None:
        """Read one page's fonts and /Rotate."""
        self.pages.append(page)
        self.facts.rotations.append(page.rotate)
        self.facts.fractional.append(self.resources(page.resources))

    def page_runs(self, index: int) -> Runs:
        """The text runs of page `index`'s content (its streams joined)."""
        page = self.pages[index]
        data = b"\n".join(self.resolve(stream).get_data() for stream in page.contents)
        return self.runs(data, page.resources)


def read_file(handle: BinaryIO) -> _Reader:
    """pdfminer's reading of the fonts and pages of the PDF open as `handle` (left open: the
    pages' content is read when asked for)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    reader = _Reader()
    document = PDFDocument(PDFParser(handle))
    for page in PDFPage.create_pages(document):
        reader.page(page)
    if len(reader.nameless) == 1:  # PDFium names none of them: "" serves when they all agree
        reader.facts.descents[""] = reader.nameless.pop()
    return reader


class Reference:
    """pdfminer's facts of PDFium's handles and pages: the file read once (fonts by name), each
    font handle's facts cached for the page at hand (PDFium may reuse a handle after a page)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._handle: BinaryIO | None = None
        self._reader: _Reader | None = None
        self._file: FileFacts | None = None
        self._by_handle: dict[int, FontFacts] = {}

    @property
    def file(self) -> FileFacts:
        """The file's facts (read on first use; empty where pdfminer cannot walk it)."""
        if self._file is None:
            self._file = FileFacts({}, {}, {}, {}, [], [])
            try:
                self._handle = self._path.open("rb")
                self._reader = read_file(self._handle)
                self._file = self._reader.facts
            except Exception as exc:  # a structure pdfminer cannot walk: PDFium's readings serve
                log.info("%s: fonts not read by pdfminer (%s: %s): PDFium's metrics serve",
                         self._path.name, type(exc).__name__, exc)
                self.close()
        return self._file

    def close(self) -> None:
        """Close the file pdfminer reads (the facts read stay)."""
        if self._handle is not None:
            self._handle.close()
            self._handle, self._reader = None, None

    def new_page(self) -> None:
        """Forget the handles of the page before."""
        self._by_handle.clear()

    def rotation(self, index: int) -> int | None:
        """pdfminer's /Rotate of page `index` (0-based; None if it did not read the page)."""
        rotations = self.file.rotations
        return rotations[index] if index < len(rotations) else None

    def runs(self, index: int) -> Runs | None:
        """The text runs of page `index` where its fonts' widths have fractions (else, or if
        its content cannot be read, None)."""
        fractional = self.file.fractional
        if index >= len(fractional) or not fractional[index] or self._reader is None:
            return None
        try:
            return self._reader.page_runs(index)
        except Exception:  # a stream pdfminer cannot decode: PDFium's origins serve
            return None

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
        file = self.file
        name = base_font_name(font)
        bare = without_subset(name)
        if name in file.descents or bare in file.descents:
            descent = file.descents.get(name, file.descents.get(bare, 0.0))
        else:
            log.debug("%s: font %r not found in the file's font dictionaries: PDFium's descent "
                      "serves", self._path.name, name)
            value = ctypes.c_float()
            descent = value.value if font and R.FPDFFont_GetDescent(font, 1.0, value) else 0.0
        return FontFacts(descent, file.widths.get(name) or file.widths.get(bare),
                         file.texts.get(name) or file.texts.get(bare),
                         file.fractions.get(name) or file.fractions.get(bare),
                         GlyphWidths(font))
