"""source_method and source_confidence: text rows say text with no confidence; OCR rows the
least sure of what they were read from."""

from __future__ import annotations

from pipeline.core.reading import fill_read_columns, least, page_method, read_columns


def test_text_rows_have_no_confidence() -> None:
    assert read_columns("text", [0.5]) == {"source_method": "text", "source_confidence": None}


def test_an_ocr_row_takes_its_least_sure_cell() -> None:
    assert read_columns("ocr", [0.9, None, 0.7]) == {"source_method": "ocr",
                                                     "source_confidence": 0.7}
    assert least([None]) is None


def test_rows_a_kind_did_not_mark_take_their_page() -> None:
    pages = [{"page": 1, "lines": [], "tables": []},
             {"page": 2, "read": {"method": "ocr"}, "lines": [{"text": "a", "confidence": 0.8}],
              "tables": [{"cells": [{"text": "b", "confidence": 0.6}]}]}]
    datasets = {"d": [{"source_page": 1}, {"source_page": 2},
                      {"source_page": 2, "source_method": "ocr", "source_confidence": 0.9}]}
    fill_read_columns({"pages": pages}, datasets)
    assert [(r["source_method"], r["source_confidence"]) for r in datasets["d"]] == [
        ("text", None), ("ocr", 0.6), ("ocr", 0.9)]
    assert page_method(pages[0]) == "text"
