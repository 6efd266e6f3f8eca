"""Where on the page each cross-check finding is: a cell's, a table's or a line's box."""

from __future__ import annotations

import json

from pipeline.crosscheck.listing import box_of, entry, write_listing

ARTIFACT = {
    "source": {"file": "x.pdf", "sha256": "a" * 64},
    "pages": [{"page": 2, "lines": [{"text": "t", "x0": 1, "top": 2, "x1": 3, "bottom": 4}],
               "tables": [{"bbox": [10, 10, 90, 90], "cells": [
                   {"row": 0, "col": 0, "bbox": [10, 10, 50, 30]},
                   {"row": 2, "col": 3, "bbox": [50, 30, 90, 50]}]}]}],
}


def test_cells_tables_and_lines_are_boxed() -> None:
    assert box_of(ARTIFACT, 2, "table 1 R3C4") == [50, 30, 90, 50]
    assert box_of(ARTIFACT, 2, "table 1") == [10, 10, 90, 90]
    assert box_of(ARTIFACT, 2, "line 1") == [1, 2, 3, 4]


def test_what_is_not_on_the_page_has_no_box() -> None:
    assert box_of(ARTIFACT, 1, "table 1 R1C1") is None
    assert box_of(ARTIFACT, 2, "table 2 R1C1") is None
    assert box_of(ARTIFACT, 2, "table 1 R9C9") is None
    assert box_of(ARTIFACT, 2, "table 1 camelot R3C9") is None
    assert box_of(ARTIFACT, 2, "line 7") is None and box_of(ARTIFACT, 0, "document") is None


def test_the_listing_names_the_pdf_and_the_error(tmp_path) -> None:
    found = entry(ARTIFACT, "camelot", 2, "table 1 R1C1", "text differs",
                  {"pdfplumber": "'1,000'", "camelot": None})
    path = write_listing(tmp_path / "c.json", [found], "they disagree")
    data = json.loads(path.read_text("utf-8"))
    assert data["error"] == "they disagree"
    assert data["disagreements"] == [{
        "file": "x.pdf", "sha256": "a" * 64, "check": "camelot", "page": 2,
        "where": "table 1 R1C1", "why": "text differs",
        "readings": {"pdfplumber": "'1,000'", "camelot": None}, "bbox": [10, 10, 50, 30]}]
    assert '\n "error": "they disagree"' in path.read_text("utf-8")  # what make greps for
    assert json.loads(write_listing(tmp_path / "d.json", [], None).read_text())["error"] is None
