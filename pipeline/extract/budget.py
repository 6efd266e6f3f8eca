"""What a PDF may cost, checked before anything is rendered or decoded: pages per document,
pixels per rendered page, pixels of the images a page paints (from their dictionaries).

A PDF of a few hundred bytes can declare a 200 × 200 inch page or a 200,000-pixel-square
image, which rendering would turn into gigabytes; such a page is refused in one line naming
it, before a byte of it is drawn. The limits leave room for any real scan: an A3 page at
600 dpi (the most the OCR path renders at, upscaling a coarse scan) is 70 million pixels,
an A2 page 139 million. (A limit on memory, pipeline/core/limits.py, stops whatever a
budget cannot foresee.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError

# Pixels one page may be rendered to (an A2 page at 600 dpi fits: 139 million).
MAX_PIXELS = 150_000_000
# Pages one document may have: a long report has hundreds; each costs a step of time and its
# artifact's share of memory (a page tree can declare millions from a few bytes).
MAX_PAGES = 10_000
# The highest resolution the OCR path renders a scanned page at (300 dpi, more to upscale a
# coarse scan): the budget a page must fit before it is read by OCR.
OCR_DPI = 600
# How deep into form XObjects images are looked for (as ocr/detect.py).
DEPTH = 4


def _inches(points: float) -> str:
    return f"{points / 72:,.0f}" if points >= 720 else f"{points / 72:,.1f}"


def check_pages(count: int) -> None:
    """PipelineError when a document has more pages than one extract reads."""
    if count > MAX_PAGES:
        raise PipelineError(f"the PDF has {count:,} pages, more than the {MAX_PAGES:,} one "
                            "extract reads: split it into smaller files")


def check_render(width: float, height: float, dpi: float) -> None:
    """PipelineError when a page of `width` × `height` points is too big to render at `dpi`."""
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels > MAX_PIXELS:
        raise PipelineError(
            f"page is {_inches(width)} × {_inches(height)} inches: rendering it at {dpi:g} dpi "
            f"would take {pixels / 1e6:,.0f} million pixels, more than the {MAX_PIXELS / 1e6:,.0f} "
            "million a page may (an A2 page at 600 dpi is 139 million); is it really a page?")


def image_sizes(page: Any) -> Iterator[tuple[int, int]]:
    """(width, height) in pixels of every image a pypdfium2 page paints (forms entered), read
    from the image dictionaries: nothing is decoded."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    width, height = ctypes.c_uint(), ctypes.c_uint()
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=DEPTH):
        if pdfium_c.FPDFImageObj_GetImagePixelSize(image.raw, width, height):
            yield width.value, height.value


def check_images(page: Any) -> None:
    """PipelineError when the images a pypdfium2 page paints hold, together, more pixels than
    a page may be rendered to (each would be decoded whole to draw it)."""
    total = 0
    for width, height in image_sizes(page):
        total += width * height
        if total > MAX_PIXELS:
            raise PipelineError(
                f"an image on the page is {width:,} × {height:,} pixels (the page's images: "
                f"{total / 1e6:,.0f} million pixels), more than the {MAX_PIXELS / 1e6:,.0f} "
                "million a page may paint (an A2 scan at 600 dpi is 139 million)")


def check_scan(path: Path, number: int, width: float, height: float,
               dpi: float = OCR_DPI) -> None:
    """PipelineError unless page `number` (1-based) of `path`, `width` × `height` points, may be
    rendered at `dpi` and the images it paints decoded."""
    import pypdfium2 as pdfium

    check_render(width, height, dpi)
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number - 1]
        try:
            check_images(page)
        finally:
            page.close()
    finally:
        document.close()
