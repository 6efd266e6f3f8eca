"""A bank's sub-columns are what its cells are parted into: a stray rule fragment a scan adds
inside a bank (every cell there spans it) is no sub-column; a bank lacking one still is an
error."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.kinds.npo_loan.clean.header import banks

BANKS = ("北海道労働金庫", "東北労働金庫", "中央労働金庫")
ROWS = (("融資額限度", "1,000", "万円", "つなぎ資金を含む"), ("返済期間", "10", "年", "原則として"))


def _grid(columns: dict[str, int], spans: dict[str, int] | None = None) -> Grid:
    """A ruled table: a label column, then per bank `columns[bank]` grid columns, the header
    row naming the banks, each bank's rows printing value | unit | note, the note spanning
    whatever grid columns are left (`spans`: a bank whose value and unit one cell spans)."""
    cells: list[dict[str, Any]] = []
    starts, col = {}, 1
    for bank in BANKS:
        starts[bank], col = col, col + columns[bank]
    n_cols = col

    def cell(row: int, col: int, colspan: int, text: str) -> None:
        cells.append({"row": row, "col": col, "rowspan": 1, "colspan": colspan, "text": text,
                      "bbox": [0, 0, 0, 0]})

    cell(0, 0, 1, "項目")
    for bank in BANKS:
        cell(0, starts[bank], columns[bank], bank)
    for r, (label, value, unit, note) in enumerate(ROWS, start=1):
        cell(r, 0, 1, label)
        for bank in BANKS:
            start, width = starts[bank], columns[bank]
            if (spans or {}).get(bank):
                cell(r, start, 1, f"{value}{unit}")
                cell(r, start + 1, width - 1, note)
                continue
            cell(r, start, 1, value)
            cell(r, start + 1, 1, unit)
            cell(r, start + 2, width - 2, note)
    return Grid({"n_rows": len(ROWS) + 1, "n_cols": n_cols, "cells": cells, "method": "ruled",
                 "xs": [float(10 * x) for x in range(n_cols + 1)],
                 "ys": [float(10 * y) for y in range(len(ROWS) + 2)]})


def test_a_line_no_cell_is_parted_by_is_no_sub_column() -> None:
    grid = _grid({"北海道労働金庫": 3, "東北労働金庫": 4, "中央労働金庫": 3})
    found, labels = banks(grid, 0)
    assert labels == 1
    assert [b.name for b in found] == list(BANKS)
    odd = found[1]
    assert odd.width == 4 and odd.roles[:3] == ("value", "unit", "note")


def test_a_bank_lacking_a_sub_column_is_still_an_error() -> None:
    grid = _grid({"北海道労働金庫": 3, "東北労働金庫": 2, "中央労働金庫": 3},
                 spans={"東北労働金庫": 1})
    with pytest.raises(PipelineError, match="bank 東北労働金庫 has 2 sub-columns where the "
                       "others have 3"):
        banks(grid, 0)
