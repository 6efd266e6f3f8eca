"""Logical rows across a page break: a row the page broke is one row whichever page prints its
labels, merged labels cut by the break are completed from the other page per label column
(a label cut mid-word joined from its two pieces), and an empty label column beside a label
is no cut label."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.kinds.npo_loan.clean.bands import bands, joined_across_pages

N_LABELS = 3  # outer | middle | inner label columns, then one bank column


def grid(rows: list[list[tuple[int, int, str]]]) -> Grid:
    """A table of three label columns and a bank column: per row, (col, rowspan, text) of
    the cells starting there, each one column wide, or up to the bank column when its text
    ends with '→' (a label over the label columns right of it)."""
    cells: list[dict[str, Any]] = []
    for r, row in enumerate(rows):
        for col, rowspan, text in row:
            span = N_LABELS - col if text.endswith("→") else 1
            cells.append({"row": r, "col": col, "rowspan": rowspan, "colspan": span,
                          "text": text.removesuffix("→"), "bbox": [0, 0, 0, 0]})
    return Grid({"n_rows": len(rows), "n_cols": N_LABELS + 1, "cells": cells,
                 "xs": [0, 10, 20, 30, 40], "ys": [float(y) for y in range(len(rows) + 1)]})


def paths(found: list) -> list[tuple[str, str, str]]:
    return [(band.item, band.condition, band.cut) for band in found]


def test_a_row_the_page_broke_goes_on_without_labels() -> None:
    """Page 1 ends inside 金利/その他/無担保; page 2 starts with the rest of its cells (no
    label at all) and goes on with 有担保 under the cut 金利 and その他."""
    before = bands(grid([
        [(0, 1, "金利"), (1, 1, "その他"), (2, 1, "無担保"), (3, 1, "2.1")],
    ]), 0, N_LABELS)
    after = bands(grid([
        [(0, 2, ""), (1, 2, ""), (2, 1, ""), (3, 1, "（固定金利）")],
        [(2, 1, "有担保"), (3, 1, "1.9")],
    ]), 0, N_LABELS, continued=True)
    assert paths(after) == [("", "", "continued"), ("", "", "top")]
    before, after = joined_across_pages(before, after)
    assert paths(before) == [("金利", "その他/無担保", "")]
    assert paths(after) == [("金利", "その他/無担保", "continued"), ("金利", "その他/有担保", "")]


def test_a_row_whose_label_the_next_page_prints() -> None:
    """Page 1's last row prints values but no label: the page broke it before its label."""
    before = bands(grid([
        [(0, 1, "返済期間"), (1, 1, "手形貸付→"), (3, 1, "1 年")],
        [(0, 1, ""), (1, 1, "→"), (3, 1, "10")],
    ]), 0, N_LABELS)
    assert paths(before)[-1] == ("", "", "breaks")
    after = bands(grid([
        [(0, 1, ""), (1, 1, "証書貸付→"), (3, 1, "年")],
        [(0, 1, "保証人要否→"), (3, 1, "否")],
    ]), 0, N_LABELS, continued=True)
    before, after = joined_across_pages(before, after)
    assert paths(before) == [("返済期間", "手形貸付", ""), ("返済期間", "証書貸付", "")]
    assert paths(after) == [("返済期間", "証書貸付", "continued"), ("保証人要否", "", "")]


def test_a_label_the_page_cut_mid_word_is_joined() -> None:
    """資金使途 ○：対象 ×：対象外 printed over three rows, the page breaking inside its first row
    and inside ○：対象: its pieces are one label on both pages."""
    before = bands(grid([
        [(0, 1, "資金使途\n○：対"), (1, 1, "つなぎ資金→"), (3, 1, "○")],
    ]), 0, N_LABELS)
    after = bands(grid([
        [(0, 3, "象\n×：対象外"), (1, 1, "→"), (3, 1, "地方自治体等からの助成")],
        [(1, 1, "運転資金→"), (3, 1, "○")],
        [(1, 1, "設備資金→"), (3, 1, "○")],
    ]), 0, N_LABELS, continued=True)
    before, after = joined_across_pages(before, after)
    assert paths(before) == [("資金使途", "つなぎ資金", "")]
    assert paths(after) == [("資金使途", "つなぎ資金", "continued"),
                            ("資金使途", "運転資金", ""), ("資金使途", "設備資金", "")]


def test_an_empty_label_column_beside_a_label_is_no_cut_label() -> None:
    """保証人要否 spans two of three label columns, the third left empty (the text implies it):
    the last row of the page is a whole row, not one the page cut."""
    found = bands(grid([
        [(0, 1, "返済期間"), (1, 1, "証書貸付→"), (3, 1, "10")],
        [(0, 1, "保証人要否"), (1, 1, ""), (2, 1, ""), (3, 1, "否")],
    ]), 0, N_LABELS)
    assert paths(found) == [("返済期間", "証書貸付", ""), ("保証人要否", "", "")]


def test_an_unlabelled_row_inside_a_page_is_an_error() -> None:
    with pytest.raises(PipelineError, match="row has values but no label"):
        bands(grid([
            [(0, 1, "返済期間"), (1, 1, "手形貸付→"), (3, 1, "1")],
            [(0, 1, ""), (1, 1, "→"), (3, 1, "10")],
            [(0, 1, "保証人要否→"), (3, 1, "否")],
        ]), 0, N_LABELS)
