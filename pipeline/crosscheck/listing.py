"""The cross-check's findings as JSON (OUT/interim/crosscheck.json), for the review page: each
disagreement with the PDF's name and sha256, where on which page, the readings, and the box on
the page of the cell, table or line it is about (from the extract artifact)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pipeline.core.files import write_atomic

_CELL = re.compile(r"^table (\d+)(?: R(\d+)C(\d+))?$")
_LINE = re.compile(r"^line (\d+)$")


def box_of(artifact: dict[str, Any], page: int, where: str) -> list[float] | None:
    """The box on `page` of `where` ('table 2 R3C4', 'table 2', 'line 5') in `artifact`; None
    when it names nothing there (a cell only the other engine sees, a whole page)."""
    pages = [p for p in artifact.get("pages", []) if p.get("page") == page]
    if not pages:
        return None
    found = _CELL.match(where)
    if found:
        tables = pages[0].get("tables", [])
        number = int(found[1])
        if not 1 <= number <= len(tables):
            return None
        table = tables[number - 1]
        if found[2] is None:
            return list(table["bbox"])
        row, col = int(found[2]) - 1, int(found[3]) - 1
        cells = [c for c in table["cells"] if (c["row"], c["col"]) == (row, col)]
        return list(cells[0]["bbox"]) if cells else None
    found = _LINE.match(where)
    lines = pages[0].get("lines", [])
    if found and 1 <= int(found[1]) <= len(lines):
        line = lines[int(found[1]) - 1]
        return [line["x0"], line["top"], line["x1"], line["bottom"]]
    return None


def entry(artifact: dict[str, Any], check: str, page: int, where: str, why: str,
          readings: dict[str, str | None]) -> dict[str, Any]:
    """One disagreement as the listing holds it."""
    source = artifact.get("source", {})
    return {"file": source.get("file", ""), "sha256": source.get("sha256", ""),
            "check": check, "page": page, "where": where, "why": why,
            "readings": readings, "bbox": box_of(artifact, page, where)}


def write_listing(path: Path, entries: list[dict[str, Any]], error: str | None) -> Path:
    """Write the listing atomically: every disagreement, and the error line (None: none)."""
    text = json.dumps({"artifact": "crosscheck", "error": error, "disagreements": entries},
                      ensure_ascii=False, indent=1) + "\n"
    return write_atomic(path, text)
