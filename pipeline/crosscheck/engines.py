"""Compare two extract engines' artifacts of one PDF, cell by cell and line by line.

Both engines feed the same table finder, so they must agree exactly on structure and text: the
same pages, tables (method, grid size), cells (slot, span, text, runs' text) and loose lines
(text). Positions are compared within POSITION points: PDFium keeps coordinates in single
precision, so a box may differ in its last printed digit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Points two engines' positions of the same thing may differ by.
POSITION = 0.05


@dataclass(frozen=True)
class EngineDisagreement:
    """One thing two engines read differently: where, what, and each engine's reading."""

    page: int
    where: str
    why: str
    first: str
    second: str

    def __str__(self) -> str:
        return f"page {self.page} {self.where}: {self.why}: {self.first} | {self.second}"


def _close(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= POSITION for x, y in zip(a, b, strict=True))


def _cell_problems(page: int, where: str, a: dict[str, Any], b: dict[str, Any]
                   ) -> Iterator[tuple[int, str, str, str, str]]:
    ref = f"{where} R{a['row'] + 1}C{a['col'] + 1}"
    if (a["row"], a["col"], a["rowspan"], a["colspan"]) != (
            b["row"], b["col"], b["rowspan"], b["colspan"]):
        yield (page, ref, "slot or span differs",
               f"R{a['row'] + 1}C{a['col'] + 1} {a['rowspan']}x{a['colspan']}",
               f"R{b['row'] + 1}C{b['col'] + 1} {b['rowspan']}x{b['colspan']}")
        return
    if a["text"] != b["text"]:
        yield page, ref, "text differs", repr(a["text"]), repr(b["text"])
    elif not _close(a["bbox"], b["bbox"]):
        yield page, ref, "box differs", str(a["bbox"]), str(b["bbox"])
    runs_a, runs_b = a.get("runs", []), b.get("runs", [])
    if [r[0] for r in runs_a] != [r[0] for r in runs_b]:
        yield page, ref, "runs differ", repr([r[0] for r in runs_a]), repr([r[0] for r in runs_b])
    elif not all(_close(x[1:], y[1:]) for x, y in zip(runs_a, runs_b, strict=True)):
        yield page, ref, "run boxes differ", str(runs_a), str(runs_b)


def _table_problems(page: int, number: int, a: dict[str, Any], b: dict[str, Any]
                    ) -> Iterator[tuple[int, str, str, str, str]]:
    where = f"table {number}"
    for key in ("method", "n_rows", "n_cols"):
        if a[key] != b[key]:
            yield page, where, f"{key} differs", str(a[key]), str(b[key])
            return
    for key in ("bbox", "xs", "ys"):
        if not _close(a[key], b[key]):
            yield page, where, f"{key} differs", str(a[key]), str(b[key])
    if len(a["cells"]) != len(b["cells"]):
        yield page, where, "cell count differs", str(len(a["cells"])), str(len(b["cells"]))
    for cell_a, cell_b in zip(a["cells"], b["cells"], strict=False):
        yield from _cell_problems(page, where, cell_a, cell_b)


def _line_problems(page: int, a: list[dict[str, Any]], b: list[dict[str, Any]]
                   ) -> Iterator[tuple[int, str, str, str, str]]:
    if len(a) != len(b):
        yield page, "lines", "loose line count differs", str(len(a)), str(len(b))
    for n, (line_a, line_b) in enumerate(zip(a, b, strict=False), start=1):
        keys = ("x0", "top", "x1", "bottom", "size")
        if line_a["text"] != line_b["text"]:
            yield page, f"line {n}", "text differs", repr(line_a["text"]), repr(line_b["text"])
        elif not _close([line_a[k] for k in keys], [line_b[k] for k in keys]):
            yield (page, f"line {n}", "position differs", str([line_a[k] for k in keys]),
                   str([line_b[k] for k in keys]))


def compare_artifacts(a: dict[str, Any], b: dict[str, Any]) -> list[EngineDisagreement]:
    """Every difference between two extract artifacts of one PDF (engines `a` and `b`)."""
    found: list[tuple[int, str, str, str, str]] = []
    if a["kind"] != b["kind"]:
        found.append((0, "document", "kind differs", a["kind"], b["kind"]))
    if len(a["pages"]) != len(b["pages"]):
        found.append((0, "document", "page count differs", str(len(a["pages"])),
                      str(len(b["pages"]))))
    for page_a, page_b in zip(a["pages"], b["pages"], strict=False):
        page = page_a["page"]
        if not _close([page_a["width"], page_a["height"]], [page_b["width"], page_b["height"]]):
            found.append((page, "page", "size differs", f"{page_a['width']}x{page_a['height']}",
                          f"{page_b['width']}x{page_b['height']}"))
        found += _line_problems(page, page_a["lines"], page_b["lines"])
        if len(page_a["tables"]) != len(page_b["tables"]):
            found.append((page, "tables", "table count differs", str(len(page_a["tables"])),
                          str(len(page_b["tables"]))))
        for number, (table_a, table_b) in enumerate(
                zip(page_a["tables"], page_b["tables"], strict=False), start=1):
            found += _table_problems(page, number, table_a, table_b)
    return [EngineDisagreement(*item) for item in found]


@dataclass(frozen=True)
class EngineComparison:
    """Two engines on one PDF: what differs, and how much was compared."""

    engines: tuple[str, str]
    problems: list[EngineDisagreement]
    cells: int
    lines: int


def compare_engines(pdf: Path, engines: tuple[str, str] = ("pdfplumber", "pdfium"),
                    identify: bool = True) -> EngineComparison:
    """Extract `pdf` with both engines and compare the artifacts (`identify=False` for PDFs of
    no known kind)."""
    from pipeline.extract.document import extract_pdf

    first, second = (extract_pdf(pdf, engine=e, identify=identify) for e in engines)
    cells = sum(len(t["cells"]) for page in first["pages"] for t in page["tables"])
    lines = sum(len(page["lines"]) for page in first["pages"])
    return EngineComparison(engines, compare_artifacts(first, second), cells, lines)
