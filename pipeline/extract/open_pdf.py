"""Open a PDF with pdfplumber, turning every way it can fail into a one-line PipelineError."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pdfplumber

from pipeline.errors import PipelineError


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes, for provenance."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open `path`, or raise PipelineError saying why it is not a readable PDF."""
    name = str(path)
    if not path.is_file():
        raise PipelineError("no such file", file=name)
    with path.open("rb") as handle:
        head = handle.read(1024)
    if not head:
        raise PipelineError("empty file, not a PDF", file=name)
    if b"%PDF-" not in head:
        raise PipelineError("not a PDF (no %PDF- header)", file=name)
    try:
        pdf = pdfplumber.open(path)
        n_pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise PipelineError(f"cannot open PDF: {describe(exc)}", file=name) from exc
    if n_pages == 0:
        pdf.close()
        raise PipelineError("PDF has no pages", file=name)
    return pdf


def describe(exc: BaseException) -> str:
    """A short, single-line description of a library exception."""
    kind = type(exc).__name__
    if "Password" in kind or "Encrypt" in kind:
        return "encrypted PDF (a password is needed to read it)"
    text = " ".join(str(exc).split())[:160]
    return f"{kind}: {text}" if text else kind
