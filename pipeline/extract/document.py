"""Build a PDF's extract artifact: every page's tables (as span grids) and loose lines.

The first page is read and its document kind identified before any other page is touched, so an
unknown document is turned away at the cost of one page.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.files import sha256_of
from pipeline.core.grid import points
from pipeline.core.limits import step
from pipeline.extract.budget import check_pages
from pipeline.extract.engines import DEFAULT, open_document
from pipeline.extract.identify import identify_kind
from pipeline.extract.lines import loose_lines
from pipeline.extract.primitives import PageContent
from pipeline.extract.sideways import check_sideways, sideways_count, upright
from pipeline.extract.tables import page_tables

ARTIFACT_VERSION = 2

log = logging.getLogger(__name__)


def extract_pdf(path: Path, engine: str = DEFAULT, identify: bool = True) -> dict[str, Any]:
    """Read `path` into the artifact dict, or raise PipelineError naming file and page.

    `identify=False` reads any PDF's tables and lines without asking what document it is (for
    benchmarks on other documents); its artifact has no kind."""
    pages = []
    kind = "" if identify else None
    with open_document(path, engine) as document:
        try:
            check_pages(document.n_pages)
        except PipelineError as exc:
            raise exc.located(file=str(path)) from None
        contents = document.pages()
        for number in range(1, document.n_pages + 1):
            step(number)  # each page has its own time (--timeout)
            try:
                content = next(contents)
                how = None
                turn = 0
                if not content.chars:  # no text layer: a scan (an image) is read by OCR
                    content, how = _scanned(path, content)
                else:  # content turned on its page is read in its own upright frame
                    content, turn = upright(content)
                pages.append(page_artifact(content, pages[-1] if pages else None))
                _mark_turned(pages[-1], turn, sideways_count(content))
                if how is not None:
                    from pipeline.extract.ocr.match import correct_page

                    pages[-1]["read"] = how
                    correct_page(pages[-1])
                if kind == "":  # the first page with text decides; an unknown document stops
                    kind = _identify(pages, content, document.n_pages, path.name)
                if identify:  # a known document's page is read whole or not at all
                    check_sideways(pages[-1])
            except PipelineError as exc:
                raise exc.located(file=str(path), page=number) from None
            except Exception as exc:  # a damaged page can fail anywhere inside the parser
                from pipeline.extract.open_pdf import describe  # (pdfplumber's words for it)

                raise PipelineError(
                    f"cannot read page: {describe(exc)}", file=str(path), page=number
                ) from exc
    return {
        "artifact": "extract",
        "version": ARTIFACT_VERSION,
        "source": {"file": path.name, "sha256": sha256_of(path), "pages": len(pages)},
        "engine": engine,
        "kind": kind or "",
        "pages": pages,
    }


def _mark_turned(page: dict[str, Any], turn: int, sideways: int) -> None:
    """Say in the page artifact that it was read turned (`turned`: its content's quarter,
    degrees clockwise) and how many characters it leaves sideways; nothing on a page read as
    it stands with none."""
    if turn:
        page["turned"] = turn
    if sideways:
        page["sideways"] = sideways


def _scanned(path: Path, content: PageContent) -> tuple[PageContent, dict[str, Any] | None]:
    """A page without characters read by OCR when it paints an image (pipeline/extract/ocr,
    loaded only here), with how it was read; a page without an image as it is. PipelineError
    saying what to install where OCR is not."""
    from pipeline.extract.ocr.detect import has_image

    if not has_image(path, content.number):
        return content, None
    from pipeline.extract.budget import check_scan

    check_scan(path, content.number, content.width, content.height)  # before any pixel
    from pipeline.extract.ocr.tesseract import available

    missing = available()
    if missing is not None:
        raise PipelineError(f"no text layer, only an image (a scanned page): {missing}")
    from pipeline.extract.ocr.page import read_scanned_page

    log.info("%s: page %d: no text layer, an image: read by OCR", path.name, content.number)
    return read_scanned_page(path, content)


# Pages without any text read before a document is called a scan.
TEXTLESS_PAGES = 3


def _identify(pages: list[dict[str, Any]], content: PageContent, n_pages: int,
              file: str) -> str:
    """The document kind once a page has text ("" while none has); PipelineError for an
    unknown document, or for one whose first pages hold no text at all (a scan)."""
    if content.chars:
        return identify_kind(pages[-1], file)
    if len(pages) >= min(TEXTLESS_PAGES, n_pages):
        shown = "page 1" if len(pages) == 1 else f"pages 1–{len(pages)}"
        raise PipelineError(
            f"no text layer: {shown} hold only images or drawings, no characters (a scanned "
            "document?)", file=file, page=1)
    return ""


def page_artifact(page: PageContent, before: dict[str, Any] | None = None) -> dict[str, Any]:
    """One page of the artifact: size, loose lines, tables (a table at its top may go on with
    the last one of `before`, the previous page's artifact)."""
    tables = page_tables(page, before)
    return {
        "page": page.number,
        "width": points(page.width),
        "height": points(page.height),
        "lines": loose_lines(page.chars, [t["bbox"] for t in tables]),
        "tables": tables,
    }
