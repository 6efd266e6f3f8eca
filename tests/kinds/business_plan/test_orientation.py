"""Which way round a figure table is printed, told from what its labels say."""

from __future__ import annotations

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.kinds.business_plan.clean.orientation import (
    Label,
    column_labels,
    conditions,
    items_across,
    row_labels,
)


def _grid(rows: list[list[tuple[str | None, int, int]]]) -> Grid:
    """A grid from rows of (text, rowspan, colspan); None leaves the slot to a merged cell."""
    cells, taken = [], set()
    for r, row in enumerate(rows):
        col = 0
        for text, rowspan, colspan in row:
            while (r, col) in taken:
                col += 1
            if text is not None:
                cells.append({"row": r, "col": col, "rowspan": rowspan, "colspan": colspan,
                              "text": text})
                taken |= {(r + i, col + j) for i in range(rowspan) for j in range(colspan)}
            col += colspan
    n_cols = max(c["col"] + c["colspan"] for c in cells)
    return Grid({"n_rows": len(rows), "n_cols": n_cols, "cells": cells})


def _labels(texts: list[str]) -> list[Label]:
    return [Label(text, None) for text in texts]


SHIPPED = _grid([
    [("項目", 2, 1), ("計 画 値", 1, 3)],
    [("", 1, 1), ("無 担 保", 1, 1), ("有 担 保", 1, 1)],
    [("新規保証引受", 1, 1), ("1", 1, 1), ("2", 1, 1), ("3", 1, 1)],
    [("代位弁済", 1, 1), ("4", 1, 1), ("5", 1, 1), ("6", 1, 1)],
])
SIDE_LABEL = _grid([
    [("項 目", 1, 2), ("新規保証引受", 1, 1), ("代位弁済", 1, 1)],
    [("計 画 値", 3, 1), ("", 1, 1), ("3", 1, 1), ("9", 1, 1)],
    [("無 担 保", 1, 1), ("1", 1, 1), ("4", 1, 1)],
    [("有 担 保", 1, 1), ("2", 1, 1), ("5", 1, 1)],
])


def test_the_shipped_table_has_its_conditions_across() -> None:
    columns = column_labels(SHIPPED, range(2), [1, 2, 3])
    rows = row_labels(SHIPPED, [2, 3], range(1))
    assert [c.text for c in columns] == ["", "無担保", "有担保"]
    assert [r.text for r in rows] == ["新規保証引受", "代位弁済"]
    assert not items_across(columns, rows)


def test_conditions_down_the_rows_under_a_merged_side_label() -> None:
    columns = column_labels(SIDE_LABEL, range(1), [2, 3])
    rows = row_labels(SIDE_LABEL, [1, 2, 3], range(2))
    assert [c.text for c in columns] == ["新規保証引受", "代位弁済"]
    assert [r.text for r in rows] == ["", "無担保", "有担保"]  # 計画値 names the values
    assert items_across(columns, rows)
    assert conditions(rows) == ["計", "無担保", "有担保"]


@pytest.mark.parametrize(("columns", "rows", "across"), [
    (["延滞率"], [""], True),  # one ratio, transposed (its row's 計画値 left out)
    ([""], ["延滞率"], False),  # one ratio as shipped (計画値 over its column left out)
    (["延滞率", "回収率"], [""], True),
    (["合計", "無担保", "有担保"], ["新規保証引受"], False),
    (["新規保証引受", "経費"], ["合計", "無担保", "有担保"], True),
    (["2024年度実績", "2025年度計画"], ["新規保証引受"], False),  # no conditions: as shipped
    (["", ""], ["新規保証引受"], False),
])
def test_orientation_from_what_the_labels_are(columns, rows, across) -> None:
    assert items_across(_labels(columns), _labels(rows)) is across


def test_a_value_heading_word_is_never_a_label() -> None:
    grid = _grid([
        [("項目", 1, 1), ("延滞率", 1, 1)],
        [("計画値", 1, 1), ("0.11", 1, 1)],
    ])
    columns, rows = column_labels(grid, range(1), [1]), row_labels(grid, [1], range(1))
    assert [c.text for c in columns] == ["延滞率"]  # spans every value column, but one item
    assert [r.text for r in rows] == [""]
    assert items_across(columns, rows)
    assert conditions(rows) == [""]


def test_two_unlabelled_condition_rows_are_an_error() -> None:
    grid = _grid([
        [("項目", 1, 1), ("新規", 1, 1)],
        [("", 1, 1), ("1", 1, 1)],
        [("", 1, 1), ("2", 1, 1)],
        [("無担保", 1, 1), ("3", 1, 1)],
    ])
    with pytest.raises(PipelineError, match="value rows R2C1, R3C1 have no label"):
        conditions(row_labels(grid, [1, 2, 3], range(1)))
