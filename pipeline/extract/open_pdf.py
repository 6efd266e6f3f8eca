"""Open a PDF with pdfplumber, turning every way it can fail into a one-line PipelineError."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from pipeline.core.errors import PipelineError
from pipeline.core.errors import describe as describe_exception
from pipeline.core.files import check_pdf_file, why_unopenable


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open `path`, or raise PipelineError saying why it is not a readable PDF."""
    check_pdf_file(path)
    name = str(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise PipelineError(_why_unreadable(exc, path), file=name) from exc
    try:
        n_pages = len(pdf.pages)
    except Exception as exc:
        close_quietly(pdf)
        raise PipelineError(_why_unreadable(exc, path), file=name) from exc
    if n_pages == 0:
        close_quietly(pdf)
        raise PipelineError("PDF has no pages", file=name)
    return pdf


def close_quietly(pdf: pdfplumber.PDF) -> None:
    """Close `pdf` and its file; pdfplumber's close re-reads the page tree, which may be broken."""
    try:
        pdf.close()
    except Exception:  # the file is what matters: release it whatever the page tree says
        pdf.stream.close()


def _why_unreadable(exc: BaseException, path: Path) -> str:
    """Why pdfminer could not open `path`: encrypted, cut short, or otherwise damaged."""
    reason = describe(exc)
    return why_unopenable(path, reason)


def _cause(exc: BaseException) -> BaseException:
    """The library's own exception inside pdfplumber's PdfminerException wrapper."""
    while type(exc).__name__ == "PdfminerException" and exc.args:
        inner = exc.args[0]
        if not isinstance(inner, BaseException):
            break
        exc = inner
    return exc


def describe(exc: BaseException) -> str:
    """A short, single-line description of a PDF library's exception."""
    exc = _cause(exc)
    if "Password" in type(exc).__name__ or "Encrypt" in type(exc).__name__:
        return "encrypted PDF (a password is needed to read it)"
    return describe_exception(exc)
