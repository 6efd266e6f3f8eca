"""Build a PDF's extract artifact: every page's tables (as span grids) and loose lines.

The first page is read and its document kind identified before any other page is touched, so an
unknown document is turned away at the cost of one page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.files import sha256_of
from pipeline.extract.engines import DEFAULT, open_document
from pipeline.extract.identify import identify_kind
from pipeline.extract.lines import loose_lines
from pipeline.extract.open_pdf import describe
from pipeline.extract.primitives import PageContent
from pipeline.extract.tables import page_tables

ARTIFACT_VERSION = 2


def extract_pdf(path: Path, engine: str = DEFAULT, identify: bool = True) -> dict[str, Any]:
    """Read `path` into the artifact dict, or raise PipelineError naming file and page.

    `identify=False` reads any PDF's tables and lines without asking what document it is (for
    benchmarks on other documents); its artifact has no kind."""
    pages = []
    kind = ""
    with open_document(path, engine) as document:
        contents = document.pages()
        for number in range(1, document.n_pages + 1):
            try:
                pages.append(page_artifact(next(contents)))
                if number == 1 and identify:  # an unknown document stops here, after page 1
                    kind = identify_kind(pages[0], path.name)
            except PipelineError as exc:
                raise exc.located(file=str(path), page=number) from None
            except Exception as exc:  # a damaged page can fail anywhere inside the parser
                raise PipelineError(
                    f"cannot read page: {describe(exc)}", file=str(path), page=number
                ) from exc
    return {
        "artifact": "extract",
        "version": ARTIFACT_VERSION,
        "source": {"file": path.name, "sha256": sha256_of(path), "pages": len(pages)},
        "engine": engine,
        "kind": kind,
        "pages": pages,
    }


def page_artifact(page: PageContent) -> dict[str, Any]:
    """One page of the artifact: size, loose lines, tables."""
    tables = page_tables(page)
    return {
        "page": page.number,
        "width": round(page.width, 2),
        "height": round(page.height, 2),
        "lines": loose_lines(page.chars, [t["bbox"] for t in tables]),
        "tables": tables,
    }
