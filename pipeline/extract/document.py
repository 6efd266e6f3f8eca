"""Build a PDF's extract artifact: every page's ruled tables (as span grids) and loose lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pdfplumber.page import Page

from pipeline.core.errors import PipelineError
from pipeline.core.files import sha256_of
from pipeline.extract.grid import table_cells
from pipeline.extract.identify import identify_kind
from pipeline.extract.open_pdf import close_quietly, describe, open_pdf

ARTIFACT_VERSION = 1
# Ruled tables only: every table this project reads has its cells drawn (as lines or thin rects).
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
MIN_TABLE_CELLS = 2


def extract_pdf(path: Path) -> dict[str, Any]:
    """Read `path` into the artifact dict, or raise PipelineError naming file and page."""
    pdf = open_pdf(path)
    pages = []
    kind = ""
    try:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(_extract_page(page, number))
                if number == 1:  # before reading further: an unknown document stops here
                    kind = identify_kind(pages[0], path.name)
            except PipelineError as exc:
                raise exc.located(file=str(path), page=number) from None
            except Exception as exc:  # a damaged page can fail anywhere inside pdfminer
                raise PipelineError(
                    f"cannot read page: {describe(exc)}", file=str(path), page=number
                ) from exc
            finally:
                page.close()
    finally:
        close_quietly(pdf)
    return {
        "artifact": "extract",
        "version": ARTIFACT_VERSION,
        "source": {"file": path.name, "sha256": sha256_of(path), "pages": len(pages)},
        "kind": kind,
        "pages": pages,
    }


def _extract_page(page: Page, number: int) -> dict[str, Any]:
    tables = []
    boxes = []
    for table in page.find_tables(TABLE_SETTINGS):
        cells, n_rows, n_cols = table_cells(table)
        if len(cells) < MIN_TABLE_CELLS:
            continue
        boxes.append(table.bbox)
        tables.append(
            {
                "bbox": [round(v, 2) for v in table.bbox],
                "n_rows": n_rows,
                "n_cols": n_cols,
                "cells": [cell.to_json() for cell in cells],
            }
        )
    return {
        "page": number,
        "width": round(float(page.width), 2),
        "height": round(float(page.height), 2),
        "lines": _loose_lines(page, boxes),
        "tables": tables,
    }


def _inside(obj: dict, box: tuple) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _loose_lines(page: Page, table_boxes: list[tuple]) -> list[dict[str, Any]]:
    """Text lines outside every table, top to bottom, with position and font size."""
    if table_boxes:
        page = page.filter(
            lambda obj: obj.get("object_type") != "char"
            or not any(_inside(obj, box) for box in table_boxes)
        )
    lines = []
    for line in page.extract_text_lines(return_chars=True):
        chars = line["chars"]
        lines.append(
            {
                "text": line["text"],
                "x0": round(line["x0"], 2),
                "x1": round(line["x1"], 2),
                "top": round(line["top"], 2),
                "bottom": round(line["bottom"], 2),
                "size": round(max(c["size"] for c in chars), 2) if chars else 0.0,
            }
        )
    return lines
