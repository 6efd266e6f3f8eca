"""Engines that read a PDF's pages into characters and rules (extract/primitives.py).

`pdfplumber` (pdfminer's pure-Python parser) is the reference; `pdfium` (PDFium through
pypdfium2, which pdfplumber already installs) reads the same primitives faster and is the
default: the two agree cell by cell on every shipped and generated edition (crosscheck).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from pipeline.extract.primitives import PageContent

DEFAULT = "pdfium"
NAMES = ("pdfplumber", "pdfium")


class Document(Protocol):
    """An open PDF: how many pages, and each page's content, in order."""

    n_pages: int

    def pages(self) -> Iterator[PageContent]: ...


def open_document(path: Path, engine: str = DEFAULT) -> AbstractContextManager[Document]:
    """Open `path` with `engine`; a context manager closing it on exit."""
    if engine == "pdfplumber":
        from pipeline.extract.engines.pdfplumber_engine import open_pdfplumber

        return open_pdfplumber(path)
    if engine == "pdfium":
        from pipeline.extract.engines.pdfium_engine import open_pdfium

        return open_pdfium(path)
    raise ValueError(f"unknown engine {engine!r} (known: {', '.join(NAMES)})")
