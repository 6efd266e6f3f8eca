"""Open a PDF with PDFium, turning every way it can fail into a one-line PipelineError."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as R

from pipeline.core.errors import PipelineError
from pipeline.core.files import check_pdf_file, why_unopenable

# PDFium's FPDF_GetLastError codes, in words.
REASONS = {
    R.FPDF_ERR_FILE: "cannot open the file",
    R.FPDF_ERR_FORMAT: "not in PDF format or damaged",
    R.FPDF_ERR_PASSWORD: "encrypted PDF (a password is needed to read it)",
    R.FPDF_ERR_SECURITY: "unsupported security scheme",
    R.FPDF_ERR_PAGE: "page not found or content error",
}


def open_checked(path: Path) -> pdfium.PdfDocument:
    """Open `path`, or raise PipelineError saying why it is not a readable PDF."""
    check_pdf_file(path)
    name = str(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise PipelineError(_why_unreadable(exc, path), file=name) from exc
    if len(pdf) == 0:
        pdf.close()
        raise PipelineError("PDF has no pages", file=name)
    return pdf


def _why_unreadable(exc: pdfium.PdfiumError, path: Path) -> str:
    reason = REASONS.get(getattr(exc, "err_code", None), " ".join(str(exc).split()))
    return why_unopenable(path, reason)
