"""`python -m pipeline crosscheck`: both engines on the same PDFs, every disagreement listed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.core.errors import PipelineError
from pipeline.crosscheck.camelot_grid import read_tables
from pipeline.crosscheck.compare import Disagreement, compare_page


def crosscheck_pdf(pdf: Path) -> tuple[list[Disagreement], int]:
    """Disagreements between the extract stage (pdfplumber) and camelot on `pdf`; cells compared."""
    from pipeline.extract.document import extract_pdf

    ours = extract_pdf(pdf)
    heights = {page["page"]: page["height"] for page in ours["pages"]}
    theirs = read_tables(pdf, heights)
    problems: list[Disagreement] = []
    for page in ours["pages"]:
        problems += compare_page(page, [t for t in theirs if t.page == page["page"]])
    n_cells = sum(len(t["cells"]) for page in ours["pages"] for t in page["tables"])
    return problems, n_cells


def crosscheck_files(pdfs: list[Path], echo: Callable[[str], None]) -> None:
    """Cross-check every PDF, print each disagreement; PipelineError if there is any."""
    total = 0
    for pdf in pdfs:
        problems, n_cells = crosscheck_pdf(pdf)
        for problem in problems:
            echo(f"{pdf.name}: {problem}")
        echo(f"crosscheck {pdf.name}: {n_cells} cell(s), {len(problems)} disagreement(s)")
        total += len(problems)
    if total:
        raise PipelineError(f"pdfplumber and camelot disagree on {total} cell(s) (listed above)")
