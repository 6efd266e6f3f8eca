"""Row labels of a table without rules, from where each label stands: a row's own label is its
text furthest right in the label columns, every other label heads the rows it is centred over
at its level (a label over all label columns heads none)."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.kinds.npo_loan.clean.stub import stub_bands

EM = 6.0
ROW = 12.0  # each row's height; the label column is one column, the bank's the next


def run(text: str, centre: float, mid: float) -> list[Any]:
    """A run of `text` centred at x `centre`, its line's middle at `mid`."""
    half = len(text) * EM / 2
    return [text, centre - half, mid - EM / 2, centre + half, mid + EM / 2]


def grid(rows: int, runs: list[list[Any]], values: dict[int, str]) -> Grid:
    """One label column holding `runs` (each in the row its middle stands in, one cell per
    row) and a bank column with `values` by row."""
    cells: list[dict[str, Any]] = []
    for r in range(rows):
        own = [x for x in runs if r * ROW <= (x[2] + x[4]) / 2 < (r + 1) * ROW]
        cells.append({"row": r, "col": 0, "rowspan": 1, "colspan": 1,
                      "text": "\n".join(x[0] for x in own),
                      "bbox": [0, r * ROW, 100, (r + 1) * ROW], "runs": own})
        cells.append({"row": r, "col": 1, "rowspan": 1, "colspan": 1, "text": values.get(r, ""),
                      "bbox": [100, r * ROW, 200, (r + 1) * ROW]})
    return Grid({"n_rows": rows, "n_cols": 2, "cells": cells, "method": "aligned",
                 "xs": [0, 100, 200], "ys": [r * ROW for r in range(rows + 1)]})


def labels(found: list) -> list[str]:
    return [band.item + ("/" + band.condition if band.condition else "") for band in found]


def test_labels_from_where_they_stand() -> None:
    # rows: 対象団体の主な条件 (over all label columns), 資金使途 over three rows with its legend,
    # 金利 over four rows with つなぎ資金 and その他 a level in, each over two
    mid = [ROW * r + ROW / 2 for r in range(8)]
    runs = [
        run("対象団体の主な条件", 50, mid[0]),
        run("資金使途", 20, mid[2] - EM), run("○：対象", 20, mid[2]),
        run("×：対象外", 20, mid[2] + EM),
        run("つなぎ資金", 65, mid[1]), run("運転資金", 65, mid[2]), run("設備資金", 65, mid[3]),
        run("金利", 20, (mid[5] + mid[6]) / 2),
        run("つなぎ資金", 55, (mid[4] + mid[5]) / 2), run("その他", 55, (mid[6] + mid[7]) / 2),
        run("無担保", 85, mid[4]), run("有担保", 85, mid[5]),
        run("無担保", 85, mid[6]), run("有担保", 85, mid[7]),
    ]
    found = stub_bands(grid(8, runs, dict.fromkeys(range(8), "○")), 0, 1)
    assert labels(found) == [
        "対象団体の主な条件", "資金使途/つなぎ資金", "資金使途/運転資金", "資金使途/設備資金",
        "金利/つなぎ資金/無担保", "金利/つなぎ資金/有担保", "金利/その他/無担保",
        "金利/その他/有担保"]


def test_a_row_with_values_and_no_label_is_an_error() -> None:
    runs = [run("融資額限度", 20, ROW / 2 - 1), run("無担保", 65, ROW / 2)]
    with pytest.raises(PipelineError, match="R2C1: row has values but no label"):
        stub_bands(grid(2, runs, {0: "1,000", 1: "5,000"}), 0, 1)
