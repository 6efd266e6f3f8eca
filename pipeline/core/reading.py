"""How a row was read: from the PDF's text layer, or by OCR from a scan, and how surely.

Every dataset's rows carry `source_method` ("text" or "ocr") and `source_confidence` (OCR's
lowest confidence, 0–1, among the cells or lines the row was read from; empty for text).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TEXT, OCR = "text", "ocr"


def page_method(page: dict[str, Any]) -> str:
    """How an extract artifact's page was read (a page read by OCR says so in its `read`)."""
    return page.get("read", {}).get("method", TEXT)


def least(confidences: Iterable[float | None]) -> float | None:
    """The lowest of the confidences known (None when none is: text, or nothing read)."""
    known = [c for c in confidences if c is not None]
    return min(known) if known else None


def page_confidence(page: dict[str, Any]) -> float | None:
    """The lowest confidence of anything read on the page (its cells and loose lines)."""
    return least([*(c.get("confidence") for t in page["tables"] for c in t["cells"]),
                  *(line.get("confidence") for line in page["lines"])])


def read_columns(method: str, confidences: Iterable[float | None]) -> dict[str, Any]:
    """A row's source_method and source_confidence."""
    return {"source_method": method,
            "source_confidence": least(confidences) if method == OCR else None}


def fill_read_columns(artifact: dict[str, Any],
                      datasets: dict[str, list[dict[str, Any]]]) -> None:
    """Give every record that lacks them its page's method and (for OCR) the page's lowest
    confidence, in place: a kind that knows its rows' cells says more precisely."""
    pages = {page["page"]: page for page in artifact["pages"]}
    for records in datasets.values():
        for row in records:
            if "source_method" in row:
                continue
            page = pages.get(row.get("source_page"), {"tables": [], "lines": []})
            method = page_method(page)
            row.update(read_columns(method, [page_confidence(page)]))
