"""Labels read imperfectly are set right only to a clearly closest known name; else an error."""

from __future__ import annotations

import pytest

from pipeline.core.errors import PipelineError
from pipeline.extract.ocr.match import closest, correct_page

NAMES = ("北海道労働金庫", "東北労働金庫", "九州労働金庫", "融資額限度", "＜主要計数＞")


def test_one_glyph_misread_is_set_right() -> None:
    assert closest("北海道労動金庫", NAMES) == ("北海道労働金庫", [])


def test_ascii_forms_of_a_label_are_the_label() -> None:
    assert closest("<主要計数>", NAMES) == ("＜主要計数＞", [])


def test_a_rule_remnant_at_a_labels_edge_is_no_part_of_it() -> None:
    """A stroke the ruling left beside a label reads as dashes (ーー-無担保, the plan scanned at
    200 dpi): the label is the name, never published with them."""
    names = (*NAMES, "無担保", "有担保")
    page = {"tables": [{"cells": [{"row": 1, "col": 0, "text": "ーー-無担保"},
                                  {"row": 2, "col": 0, "text": "有担保｜"},
                                  {"row": 3, "col": 0, "text": "－"},
                                  {"row": 4, "col": 0, "text": "－10"}]}],
            "lines": [], "read": {"method": "ocr"}}
    correct_page(page, names)
    assert [c["text"] for c in page["tables"][0]["cells"]] == ["無担保", "有担保", "－", "－10"]
    assert page["tables"][0]["cells"][0]["read_as"] == "ーー-無担保"


def test_text_near_nothing_is_left_as_read() -> None:
    assert closest("手形貸付の期間", NAMES) == (None, [])


def test_text_as_near_to_two_names_is_an_error_naming_the_cell() -> None:
    page = {"tables": [{"cells": [{"row": 0, "col": 2, "text": "□国労働金庫"}]}], "lines": [],
            "read": {"method": "ocr"}}
    with pytest.raises(PipelineError, match=r"table 1 R1C3.*'中国労働金庫' or '四国労働金庫'"):
        correct_page(page, ("中国労働金庫", "四国労働金庫", "九州労働金庫"))


def test_a_correction_is_recorded_on_the_page() -> None:
    page = {"tables": [{"cells": [{"row": 1, "col": 0, "text": "融資額限皮"}]}], "lines": [],
            "read": {"method": "ocr"}}
    correct_page(page, NAMES)
    cell = page["tables"][0]["cells"][0]
    assert cell["text"] == "融資額限度" and cell["read_as"] == "融資額限皮"
    assert page["read"]["corrections"] == [
        {"where": "table 1 R2C1", "read": "融資額限皮", "as": "融資額限度"}]


def test_a_label_over_its_legend_is_set_right_line_by_line() -> None:
    page = {"tables": [{"cells": [{"row": 0, "col": 0, "text": "柄資の種類\n○:あり\n×:なし"}]}],
            "lines": [], "read": {}}
    correct_page(page, ["融資の種類", "融資額限度", "○：あり", "×：なし"])
    cell = page["tables"][0]["cells"][0]
    assert cell["text"] == "融資の種類\n○：あり\n×：なし"
    assert cell["read_as"] == "柄資の種類\n○:あり\n×:なし"
