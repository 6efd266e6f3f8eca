"""The source PDFs a review shows: found in RAW by name and sha256, each page rendered once
(pypdfium2) and cropped to the boxes the datasets name, as small grey PNG data URIs."""

from __future__ import annotations

import base64
import io
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.core.files import sha256_of
from pipeline.core.grid import Box

# Pixels per PDF point the pages are rendered at (3 = 216 dpi): a table's 6–7 pt notes come out
# 18–21 px high, shown pixel for pixel, so their kanji read as the print does.
SCALE = 3.0
# Points of the page shown around a box: enough for the cell's own rules, too little for the
# neighbouring cells' text (a row's print starts a few points past its rules).
MARGIN = 1.0
# Widest image kept, in pixels: a wider crop (a paragraph across the page) is scaled down to it,
# as the page shows it no wider (a paragraph's 10.5 pt text still about 20 px high).
MAX_WIDTH = 1000
# Grey levels kept (a 4-bit palette): print is black on white, so 16 levels lose nothing.
LEVELS = 16
_PALETTE = [v for i in range(LEVELS) for v in (i * 255 // (LEVELS - 1),) * 3]


@dataclass(frozen=True)
class Crop:
    """A cropped image of the print: PNG data URI and its size in pixels (SCALE per point, or
    fewer for one scaled down to MAX_WIDTH)."""

    uri: str
    width: int
    height: int



# Each (PDF path, page, box) cropped once: a row's image on top and in its document is one.
Crops = dict[tuple[str, int, Box], Crop | None]

# Each grey level to its palette index.
_LEVEL_OF = [v >> (8 - (LEVELS - 1).bit_length()) for v in range(256)]


def _paletted(image: Any) -> Any:
    """A grey image with its levels as LEVELS palette indices (a page is quantised once, so
    each of its crops is only cut and encoded)."""
    indexed = image.convert("L").point(_LEVEL_OF)
    indexed.putpalette(_PALETTE)  # an "L" image given a palette is that "P" image, no copy
    return indexed


def _png(paletted: Any) -> bytes:
    """A paletted image as a 4-bit PNG (fixed palette: the same pixels, the same bytes)."""
    buffer = io.BytesIO()
    # zlib's fastest level: the default (6) takes about twice as long for 6 % fewer bytes of
    # page, level 9 or optimize=True 7× as long again for 2 % fewer.
    paletted.save(buffer, "PNG", compress_level=1, bits=(LEVELS - 1).bit_length())
    return buffer.getvalue()


def _check_budget(page: Any, file: str, number: int) -> None:
    """PipelineError naming the page when it is too big to render, or its images to decode."""
    from pipeline.core.errors import PipelineError
    from pipeline.extract.budget import check_images, check_render

    try:
        check_render(*page.get_size(), SCALE * 72)
        check_images(page)
    except PipelineError as exc:
        raise exc.located(file=file, page=number) from None


@dataclass(eq=False)  # hashable by identity: one per PDF in RAW (Sources keeps them)
class Document:
    """One source PDF found in RAW; its pages rendered when first asked for."""

    path: Path
    _pdf: Any = None
    # Page number → (grey rendering, its paletted copy, where its top left corner lies in the
    # page space of the boxes), or None for a page not in the PDF.
    _pages: dict[int, tuple[Any, Any, tuple[float, float]] | None] = field(default_factory=dict)

    def _page(self, number: int) -> tuple[Any, Any, tuple[float, float]] | None:
        if number not in self._pages:
            import pypdfium2 as pdfium

            from pipeline.extract.engines.pdfium_geometry import rendered_origin

            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(str(self.path))
            if not 1 <= number <= len(self._pdf):
                self._pages[number] = None
            else:
                page = self._pdf[number - 1]
                try:
                    _check_budget(page, self.path.name, number)
                    grey = page.render(scale=SCALE, grayscale=True).to_pil()
                    origin = rendered_origin(page.raw)  # PDFium renders the CropBox, turned
                finally:
                    page.close()
                self._pages[number] = (grey, _paletted(grey), origin)
        return self._pages[number]

    def crop(self, number: int, box: Box) -> Crop | None:
        """The print inside `box` (page points, top-left origin) on page `number`, with a
        margin; None when the page or the box is not on it."""
        rendered = self._page(number)
        if rendered is None:
            return None
        image, paletted, (x, y) = rendered
        left = max(0, int((box[0] - x - MARGIN) * SCALE))
        top = max(0, int((box[1] - y - MARGIN) * SCALE))
        right = min(image.width, int((box[2] - x + MARGIN) * SCALE + 0.999))
        bottom = min(image.height, int((box[3] - y + MARGIN) * SCALE + 0.999))
        if right <= left or bottom <= top:
            return None
        box_px = (left, top, right, bottom)
        if right - left > MAX_WIDTH:
            from PIL import Image

            height = max(1, round((bottom - top) * MAX_WIDTH / (right - left)))
            cropped = _paletted(image.crop(box_px).resize((MAX_WIDTH, height),
                                                          Image.Resampling.LANCZOS))
        else:
            cropped = paletted.crop(box_px)
        uri = "data:image/png;base64," + base64.b64encode(_png(cropped)).decode("ascii")
        return Crop(uri, cropped.width, cropped.height)

    def close(self) -> None:
        self._pages.clear()
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def _crop_all(path: Path, boxes: list[tuple[int, Box]]) -> list[Crop | None]:
    """Each (page, box) of the PDF at `path` cropped, in order (a worker's share)."""
    document = Document(path)
    try:
        return [document.crop(page, box) for page, box in boxes]
    finally:
        document.close()


def crop_documents(wanted: dict[Document, list[tuple[int, Box]]], jobs: int = 1) -> Crops:
    """The crops of every (page, box) of every document, a document per worker call (up to
    `jobs` workers): pages are rendered and encoded in parallel, in any order, the same crops."""
    from pipeline.core.workers import run_calls

    order = sorted(wanted, key=lambda d: str(d.path))
    made = run_calls([(_crop_all, (d.path, wanted[d])) for d in order], min(jobs, len(order)))
    return {(str(d.path), page, box): crop for d, crops in zip(order, made, strict=True)
            for (page, box), crop in zip(wanted[d], crops, strict=True)}


@dataclass
class Sources:
    """The source PDFs of the published rows, looked up in RAW by file name and sha256."""

    raw: Path | None
    found: dict[str, Document] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    _hashes: dict[str, Path] | None = None

    def _by_hash(self) -> dict[str, Path]:
        if self._hashes is None:
            pdfs = [p for p in self.raw.iterdir()
                    if p.suffix.lower() == ".pdf" and p.is_file()] if (
                self.raw is not None and self.raw.is_dir()) else []
            self._hashes = {}
            for pdf in sorted(pdfs, key=lambda p: p.name):
                self._hashes.setdefault(sha256_of(pdf), pdf)
        return self._hashes

    def document(self, file: str, sha256: str) -> Document | None:
        """The PDF `file` with `sha256` (by that name, else any PDF in RAW with those bytes);
        None, with the reason in `missing`, when RAW has no such PDF."""
        key = f"{file}\0{sha256}"
        if key in self.found:
            return self.found[key]
        if file in self.missing:
            return None
        path = self._by_hash().get(sha256)
        if path is not None:
            self.found[key] = Document(path)
            return self.found[key]
        where = shlex.quote(str(self.raw)) if self.raw is not None else "no RAW folder given"
        named = self.raw / file if self.raw is not None else None
        self.missing[file] = (
            f"{file} is in {where} but its sha256 differs from the published one (the PDF was "
            "replaced: run make all)" if named is not None and named.is_file()
            else f"{file} is not in {where} (review --raw names the folder of source PDFs)")
        return None

    def close(self) -> None:
        for document in self.found.values():
            document.close()
