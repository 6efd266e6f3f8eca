"""Figure tables read from the grid: header rows, total column, numbers and their errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.core.errors import PipelineError
from pipeline.kinds.business_plan.clean.captions import Caption, caption_above
from pipeline.kinds.business_plan.clean.figures import parse_number, read_figures

CAPTION = Caption("主要計数", "百万円", (0,))


def _table(rows: list[list[tuple[str, int]]]) -> dict:
    """A grid from rows of (text, colspan); a text of None leaves the slot to a cell above."""
    cells = []
    for r, row in enumerate(rows):
        col = 0
        for text, span in row:
            if text is not None:
                cells.append({"row": r, "col": col, "rowspan": 1, "colspan": span, "text": text})
            col += span
    return {"n_rows": len(rows), "n_cols": max(sum(s for _, s in row) for row in rows),
            "cells": cells, "bbox": [0, 100, 400, 200]}


def test_unlabelled_column_under_the_merged_header_is_the_total() -> None:
    table = _table([
        [("項目", 1), ("計 画 値", 3)],
        [("", 1), ("", 1), ("無 担 保", 1), ("有 担 保", 1)],
        [("代 位 弁 済", 1), ("31,698", 1), ("10,640", 1), ("21,057", 1)],
    ])
    got = [(f.item, f.condition, f.value, f.cell) for _, f in read_figures(table, CAPTION)]
    assert got == [("代位弁済", "計", Decimal(31698), "R3C2"),
                   ("代位弁済", "無担保", Decimal(10640), "R3C3"),
                   ("代位弁済", "有担保", Decimal(21057), "R3C4")]
    assert read_figures(table, CAPTION)[0][1].amount_yen == 31_698_000_000


def test_a_printed_total_label_and_negative_numbers() -> None:
    table = _table([
        [("項目", 1), ("合 計", 1), ("無担保", 1), ("有担保", 1)],
        [("増 減", 1), ("△5", 1), ("▲7", 1), ("2", 1)],
    ])
    got = [(f.condition, f.value) for _, f in read_figures(table, CAPTION)]
    assert got == [("計", Decimal(-5)), ("無担保", Decimal(-7)), ("有担保", Decimal(2))]


def test_two_unlabelled_columns_are_an_error() -> None:
    table = _table([
        [("項目", 1), ("計画値", 3)],
        [("新規", 1), ("1", 1), ("2", 1), ("3", 1)],
    ])
    with pytest.raises(PipelineError, match="no header"):
        read_figures(table, CAPTION)


def test_blank_and_dash_cells_are_skipped_but_words_are_errors() -> None:
    table = _table([
        [("項目", 1), ("計画値", 1)],
        [("延滞率", 1), ("0.11", 1)],
        [("回収率", 1), ("－", 1)],
        [("代弁率", 1), ("未定", 1)],
    ])
    ratios = Caption("諸比率", "％", ())
    with pytest.raises(PipelineError, match="代弁率: '未定' is not a number") as exc:
        read_figures(table, ratios)
    assert exc.value.cell == "R4C2"
    del table["cells"][-1]
    assert [(f.item, f.condition) for _, f in read_figures(table, ratios)] == [("延滞率", "")]


@pytest.mark.parametrize(("text", "value"), [
    ("1,814,456", Decimal(1814456)), ("0.11", Decimal("0.11")), ("１２", Decimal(12)),
    ("1,81", None), ("12.3.4", None), ("", None),
])
def test_parse_number(text, value) -> None:
    assert parse_number(text) == value


def test_caption_and_unit_from_the_lines_above() -> None:
    page = {"lines": [
        {"text": "本文の最後の行です。", "top": 40, "bottom": 50},
        {"text": "＜諸比率＞", "top": 70, "bottom": 80},
        {"text": "（単位：%）", "top": 85, "bottom": 95},
        {"text": "以 上", "top": 210, "bottom": 220},
    ]}
    assert caption_above(page, {"bbox": [0, 100, 400, 200]}) == Caption("諸比率", "％", (2, 1))
    assert caption_above(page, {"bbox": [0, 60, 400, 200]}) is None


def _read(table: dict, caption: Caption = CAPTION, continued: tuple = ()) -> list[tuple]:
    return [(f.item, f.condition, f.value_text, f.cell)
            for _, f in read_figures(table, caption, list(continued))]


def _key(rows: list[tuple]) -> set[tuple]:
    return {row[:3] for row in rows}


def test_items_across_and_conditions_down_read_as_the_shipped_table() -> None:
    shipped = _table([
        [("項目", 1), ("計 画 値", 3)],
        [("", 1), ("", 1), ("無 担 保", 1), ("有 担 保", 1)],
        [("新規保証引受", 1), ("3", 1), ("1", 1), ("2", 1)],
        [("代位弁済", 1), ("9", 1), ("4", 1), ("5", 1)],
    ])
    across = _table([
        [("項 目", 2), ("新規保証引受", 1), ("代位弁済", 1)],
        [("計 画 値", 1), ("", 1), ("3", 1), ("9", 1)],
        [(None, 1), ("無 担 保", 1), ("1", 1), ("4", 1)],
        [(None, 1), ("有 担 保", 1), ("2", 1), ("5", 1)],
    ])
    across["cells"][3]["rowspan"] = 3  # 計画値 merged down beside the condition labels
    got = _read(across)
    assert _key(got) == _key(_read(shipped))
    assert got[:3] == [("新規保証引受", "計", "3", "R2C3"), ("新規保証引受", "無担保", "1", "R3C3"),
                       ("新規保証引受", "有担保", "2", "R4C3")]


def test_items_across_without_a_side_label_and_a_printed_total() -> None:
    table = _table([
        [("項目", 1), ("新規", 1), ("経費", 1)],
        [("合 計", 1), ("△3", 1), ("9", 1)],
        [("無担保", 1), ("▲1", 1), ("4", 1)],
        [("有担保", 1), ("△2", 1), ("5", 1)],
    ])
    assert _key(_read(table)) == {
        ("新規", "計", "△3"), ("新規", "無担保", "▲1"), ("新規", "有担保", "△2"),
        ("経費", "計", "9"), ("経費", "無担保", "4"), ("経費", "有担保", "5")}


@pytest.mark.parametrize("items", [["延滞率"], ["延滞率", "代位弁済率", "回収率"]])
def test_a_ratio_table_as_one_row_of_values(items) -> None:
    table = _table([
        [("項目", 1), *((item, 1) for item in items)],
        [("計画値", 1), *((f"0.{n}1", 1) for n in range(len(items)))],
    ])
    ratios = Caption("諸比率", "％", ())
    assert _read(table, ratios) == [(item, "", f"0.{n}1", f"R2C{n + 2}")
                                   for n, item in enumerate(items)]


def test_an_item_column_without_a_label_is_an_error() -> None:
    table = _table([
        [("項目", 1), ("新規", 1), ("", 1)],
        [("計", 1), ("3", 1), ("9", 1)],
        [("無担保", 1), ("1", 1), ("4", 1)],
        [("有担保", 1), ("2", 1), ("5", 1)],
    ])
    with pytest.raises(PipelineError, match="column has numbers but no item label") as exc:
        read_figures(table, CAPTION)
    assert exc.value.cell == "R1C3"


def test_a_word_among_the_numbers_across_is_an_error_naming_its_item() -> None:
    table = _table([
        [("項目", 1), ("新規", 1), ("経費", 1)],
        [("計", 1), ("3", 1), ("未定", 1)],
        [("無担保", 1), ("1", 1), ("4", 1)],
    ])
    with pytest.raises(PipelineError, match="経費: '未定' is not a number") as exc:
        read_figures(table, CAPTION)
    assert exc.value.cell == "R2C3"


@pytest.mark.parametrize("repeated", [False, True])
def test_items_across_continued_on_the_next_page(repeated) -> None:
    header = [("項目", 1), ("新規", 1), ("経費", 1)]
    head = _table([header, [("計", 1), ("3", 1), ("9", 1)]])
    rest = _table([*([header] if repeated else []),
                   [("無担保", 1), ("1", 1), ("4", 1)],
                   [("有担保", 1), ("2", 1), ("5", 1)]])
    head["xs"] = rest["xs"] = [0, 100, 200, 300]
    got = read_figures(head, CAPTION, [rest])
    r = 1 + repeated
    assert [(part, f.item, f.condition, f.value_text, f.cell) for part, f in got] == [
        (0, "新規", "計", "3", "R2C2"), (0, "経費", "計", "9", "R2C3"),
        (1, "新規", "無担保", "1", f"R{r}C2"), (1, "新規", "有担保", "2", f"R{r + 1}C2"),
        (1, "経費", "無担保", "4", f"R{r}C3"), (1, "経費", "有担保", "5", f"R{r + 1}C3")]


def test_a_total_row_labelled_with_the_value_heading_is_the_total() -> None:
    table = _table([
        [("項目", 1), ("新規", 1)],
        [("計 画 値", 1), ("3", 1)],
        [("無担保", 1), ("1", 1)],
        [("有担保", 1), ("2", 1)],
    ])
    assert _key(_read(table)) == {("新規", "計", "3"), ("新規", "無担保", "1"),
                                  ("新規", "有担保", "2")}


def test_columns_that_are_not_conditions_are_read_as_before() -> None:
    table = _table([
        [("項目", 1), ("2024年度実績", 1), ("2025年度計画", 1)],
        [("新規", 1), ("3", 1), ("4", 1)],
    ])
    assert _key(_read(table)) == {("新規", "2024年度実績", "3"), ("新規", "2025年度計画", "4")}
