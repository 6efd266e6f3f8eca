"""The pdfplumber engine: pdfminer's characters, and the edges of its lines, rects and curves;
a rectangle painted with fill only and thick both ways is a background (primitives.Fill)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.utils import line_to_edge, rect_to_edges

from pipeline.extract.open_pdf import close_quietly, open_pdf
from pipeline.extract.primitives import Char, Fill, PageContent, Segment, is_background

# Points a stroke may slant and still count as horizontal or vertical.
STRAIGHT = 0.5


def _background(rect: dict[str, Any]) -> bool:
    return bool(rect["fill"]) and not rect["stroke"] and is_background(
        float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))


def _fills(page: Any) -> list[Fill]:
    """The page's backgrounds: fill-only rects thick both ways."""
    return [Fill(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
            for r in page.rects if _background(r)]


def _segments(page: Any) -> list[Segment]:
    """Every axis-aligned edge pdfplumber sees: lines, the sides of rects (backgrounds apart),
    curve pieces (in pdfplumber's own order of page.edges)."""
    found = []
    edges = [line_to_edge(line) for line in page.lines]
    edges += [edge for rect in page.rects if not _background(rect) for edge in rect_to_edges(rect)]
    edges += page.curve_edges
    for edge in edges:
        x0, x1 = float(edge["x0"]), float(edge["x1"])
        top, bottom = float(edge["top"]), float(edge["bottom"])
        if abs(bottom - top) <= STRAIGHT:
            found.append(Segment(x0, top, x1, top))
        elif abs(x1 - x0) <= STRAIGHT:
            found.append(Segment(x0, top, x0, bottom))
        # a slanted piece (a rounded corner, a diagonal stroke) rules no cell
    return found


def read_page(page: Any, number: int) -> PageContent:
    """One pdfplumber page as characters and segments."""
    chars = [
        Char(c["text"], float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]),
             float(c["size"]), bool(c["upright"]))
        for c in page.chars
    ]
    return PageContent(number, float(page.width), float(page.height), chars, _segments(page),
                       _fills(page))


class PdfplumberDocument:
    """An open pdfplumber PDF, read page by page (each page's objects freed after)."""

    def __init__(self, pdf: pdfplumber.PDF) -> None:
        self._pdf = pdf
        self.n_pages = len(pdf.pages)

    def pages(self) -> Iterator[PageContent]:
        for number, page in enumerate(self._pdf.pages, start=1):
            try:
                yield read_page(page, number)
            finally:
                page.close()


@contextmanager
def open_pdfplumber(path: Path) -> Iterator[PdfplumberDocument]:
    pdf = open_pdf(path)
    try:
        yield PdfplumberDocument(pdf)
    finally:
        close_quietly(pdf)
