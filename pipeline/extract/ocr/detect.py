"""Whether a page without characters is a scan: it paints an image (PDFium's page objects).

A page with neither characters nor an image (a blank page, a drawn cover) is left as it is,
so a text PDF's blank page is never read by OCR. Needs only pypdfium2 (no OCR packages).
"""

from __future__ import annotations

from pathlib import Path

# How deep into form XObjects an image is looked for.
DEPTH = 4


def has_image(path: Path, number: int) -> bool:
    """Does page `number` (1-based) of `path` paint an image?"""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number - 1]
        return any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,),
                                                  max_depth=DEPTH))
    finally:
        document.close()
