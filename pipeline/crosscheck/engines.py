"""Compare two extract engines' artifacts of one PDF, cell by cell and line by line.

Both engines feed the same table finder, so they must agree exactly on structure and text: the
same pages, tables (method, grid size), cells (slot, span, text, runs' text) and loose lines
(text). Positions are compared within POSITION points: PDFium keeps coordinates in single
precision, so a box may differ in its last printed digit. One reading difference is benign and
listed apart: characters the clean stage folds to the same one (core/text.py unify_ideographs),
so the datasets cannot differ: a JIS look-alike (〜 or ～) that a CJK font without a /ToUnicode
map gives pdfminer as its code and PDFium through the CID, a CJK radical (⾦) that a /ToUnicode
map names and PDFium reads as the unified ideograph (金).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.core.text import unify_ideographs

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
    benign: bool = False

    def __str__(self) -> str:
        return f"page {self.page} {self.where}: {self.why}: {self.first} | {self.second}"


def _texts(page: int, where: str, what: str, a: str, b: str
           ) -> Iterator[tuple[int, str, str, str, str] | EngineDisagreement]:
    """Nothing for equal texts, a benign difference for JIS look-alikes only, else a problem."""
    if a == b:
        return
    if unify_ideographs(a) == unify_ideographs(b):
        yield EngineDisagreement(page, where, f"{what}: folded alike", repr(a), repr(b),
                                 benign=True)
    else:
        yield page, where, f"{what} differs", repr(a), repr(b)


def _close(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= POSITION for x, y in zip(a, b, strict=True))


def _cell_problems(page: int, where: str, a: dict[str, Any], b: dict[str, Any]
                   ) -> Iterator[tuple[int, str, str, str, str] | EngineDisagreement]:
    ref = f"{where} R{a['row'] + 1}C{a['col'] + 1}"
    if (a["row"], a["col"], a["rowspan"], a["colspan"]) != (
            b["row"], b["col"], b["rowspan"], b["colspan"]):
        yield (page, ref, "slot or span differs",
               f"R{a['row'] + 1}C{a['col'] + 1} {a['rowspan']}x{a['colspan']}",
               f"R{b['row'] + 1}C{b['col'] + 1} {b['rowspan']}x{b['colspan']}")
        return
    yield from _texts(page, ref, "text", a["text"], b["text"])
    if not _close(a["bbox"], b["bbox"]):
        yield page, ref, "box differs", str(a["bbox"]), str(b["bbox"])
    runs_a, runs_b = a.get("runs", []), b.get("runs", [])
    if len(runs_a) != len(runs_b):
        yield page, ref, "runs differ", repr([r[0] for r in runs_a]), repr([r[0] for r in runs_b])
        return
    if not all(unify_ideographs(x[0]) == unify_ideographs(y[0])
               for x, y in zip(runs_a, runs_b, strict=True)):
        yield page, ref, "runs differ", repr([r[0] for r in runs_a]), repr([r[0] for r in runs_b])
    elif not all(_close(x[1:], y[1:]) for x, y in zip(runs_a, runs_b, strict=True)):
        yield page, ref, "run boxes differ", str(runs_a), str(runs_b)


def _table_problems(page: int, number: int, a: dict[str, Any], b: dict[str, Any]
                    ) -> Iterator[tuple[int, str, str, str, str] | EngineDisagreement]:
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
                   ) -> Iterator[tuple[int, str, str, str, str] | EngineDisagreement]:
    if len(a) != len(b):
        yield page, "lines", "loose line count differs", str(len(a)), str(len(b))
    for n, (line_a, line_b) in enumerate(zip(a, b, strict=False), start=1):
        keys = ("x0", "top", "x1", "bottom", "size")
        yield from _texts(page, f"line {n}", "text", line_a["text"], line_b["text"])
        if not _close([line_a[k] for k in keys], [line_b[k] for k in keys]):
            yield (page, f"line {n}", "position differs", str([line_a[k] for k in keys]),
                   str([line_b[k] for k in keys]))


def compare_artifacts(a: dict[str, Any], b: dict[str, Any]) -> list[EngineDisagreement]:
    """Every difference between two extract artifacts of one PDF (engines `a` and `b`), the
    benign ones (characters clean folds alike) marked so."""
    found: list[tuple[int, str, str, str, str] | EngineDisagreement] = []
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
    return [item if isinstance(item, EngineDisagreement) else EngineDisagreement(*item)
            for item in found]


@dataclass(frozen=True)
class EngineComparison:
    """Two engines on one PDF: what differs, and how much was compared."""

    engines: tuple[str, str]
    problems: list[EngineDisagreement]  # the benign look-alike readings are in `lookalikes`
    cells: int
    lines: int
    lookalikes: list[EngineDisagreement]


def compare_engines(pdf: Path, engines: tuple[str, str] = ("pdfplumber", "pdfium"),
                    identify: bool = True) -> EngineComparison:
    """Extract `pdf` with both engines and compare the artifacts (`identify=False` for PDFs of
    no known kind)."""
    from pipeline.extract.document import extract_pdf

    first, second = (extract_pdf(pdf, engine=e, identify=identify) for e in engines)
    cells = sum(len(t["cells"]) for page in first["pages"] for t in page["tables"])
    lines = sum(len(page["lines"]) for page in first["pages"])
    found = compare_artifacts(first, second)
    return EngineComparison(engines, [p for p in found if not p.benign], cells, lines,
                            [p for p in found if p.benign])
