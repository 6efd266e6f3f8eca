"""`python -m pipeline crosscheck`: the engines on the same PDFs, every disagreement listed.

Two checks, each PDF read once per engine: `engines` compares the two extract engines
(pdfplumber and PDFium) cell by cell and line by line (crosscheck/engines.py); `camelot` has
camelot's lattice read re-read every table of the chosen engine (crosscheck/compare.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.crosscheck.compare import Disagreement, compare_page
from pipeline.crosscheck.engines import compare_artifacts
from pipeline.crosscheck.listing import entry, write_listing
from pipeline.extract.engines import DEFAULT as DEFAULT_ENGINE

CHECKS = ("engines", "camelot")
ENGINE_PAIR = ("pdfplumber", "pdfium")


def _extract(pdf: Path, engine: str) -> dict[str, Any]:
    from pipeline.extract import document

    return document.extract_pdf(pdf, engine=engine)


def camelot_problems(pdf: Path, ours: dict[str, Any]) -> tuple[list[Disagreement], int]:
    """Disagreements between an extract artifact of `pdf` and camelot; cells compared."""
    from pipeline.crosscheck.camelot_grid import read_tables

    heights = {page["page"]: page["height"] for page in ours["pages"]}
    theirs = read_tables(pdf, heights)
    problems: list[Disagreement] = []
    for page in ours["pages"]:
        problems += compare_page(page, [t for t in theirs if t.page == page["page"]],
                                 # (an artifact naming no engine predates PDFium)
                                 engine=ours.get("engine", "pdfplumber"))
    n_cells = sum(len(t["cells"]) for page in ours["pages"] for t in page["tables"])
    return problems, n_cells


def crosscheck_files(pdfs: list[Path], echo: Callable[[str], None],
                     engine: str = DEFAULT_ENGINE,
                     checks: Sequence[str] = CHECKS, listing: Path | None = None) -> None:
    """Run `checks` on every PDF, print each disagreement and a summary line per PDF and
    check, and write them to `listing` (JSON, crosscheck/listing.py) once every PDF was
    compared; PipelineError if there is any."""
    totals = dict.fromkeys(checks, 0)
    entries: list[dict[str, Any]] = []
    for pdf in pdfs:
        artifacts: dict[str, dict[str, Any]] = {}

        def read(name: str, pdf: Path = pdf, artifacts: dict = artifacts) -> dict[str, Any]:
            if name not in artifacts:  # each engine reads the PDF once for both checks
                artifacts[name] = _extract(pdf, name)
            return artifacts[name]

        if "engines" in checks:
            first, second = (read(name) for name in ENGINE_PAIR)
            everything = compare_artifacts(first, second)
            found = [p for p in everything if not p.benign]
            for problem in found:
                echo(f"{pdf.name}: engines: {problem}")
                entries.append(entry(first, "engines", problem.page, problem.where, problem.why,
                                     dict(zip(ENGINE_PAIR, (problem.first, problem.second),
                                              strict=True))))
            cells = sum(len(t["cells"]) for page in first["pages"] for t in page["tables"])
            lines = sum(len(page["lines"]) for page in first["pages"])
            alike = len(everything) - len(found)
            echo(f"engines {pdf.name}: {cells} cell(s), {lines} line(s), {len(found)} "
                 f"disagreement(s) ({' vs '.join(ENGINE_PAIR)})"
                 + (f"; {alike} reading(s) the clean stage folds alike" if alike
                    else ""))
            totals["engines"] += len(found)
        if "camelot" in checks:
            problems, n_cells = camelot_problems(pdf, read(engine))
            for problem in problems:
                echo(f"{pdf.name}: {problem}")
                entries.append(entry(read(engine), "camelot", problem.page,
                                     f"table {problem.table} {problem.cell}", problem.why,
                                     {problem.engine: problem.ours, "camelot": problem.theirs}))
            echo(f"crosscheck {pdf.name}: {n_cells} cell(s), {len(problems)} disagreement(s)")
            totals["camelot"] += len(problems)
    failed = []
    if totals.get("engines"):
        failed.append(f"{' and '.join(ENGINE_PAIR)} disagree on {totals['engines']} cell(s) or "
                      "line(s)")
    if totals.get("camelot"):
        failed.append(f"{engine} and camelot disagree on {totals['camelot']} cell(s)")
    error = "; ".join(failed) + " (listed above)" if failed else None
    if listing is not None:
        write_listing(listing, entries, error)
    if error:
        raise PipelineError(error)
