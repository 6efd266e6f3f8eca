"""Cell-by-cell comparison of the two engines' span grids, by position on the page."""

from __future__ import annotations

import inspect

from pipeline.core.grid import Cell
from pipeline.core.text import squeeze
from pipeline.crosscheck.camelot_grid import SpanTable
from pipeline.crosscheck.compare import compare_page, compare_table
from pipeline.crosscheck.run import crosscheck_files
from pipeline.extract.engines import DEFAULT


def ours(cells: list[tuple[int, int, int, int, str | None, tuple]]) -> dict:
    return {
        "bbox": [0, 0, 100, 100], "n_rows": 2, "n_cols": 2,
        "cells": [{"row": r, "col": c, "rowspan": rs, "colspan": cs, "text": t, "bbox": list(b)}
                  for r, c, rs, cs, t, b in cells],
    }


def theirs(cells: list[tuple[int, int, int, int, str, tuple]]) -> SpanTable:
    return SpanTable(1, (0, 0, 100, 100), 2, 2,
                     tuple(Cell(r, c, rs, cs, t, b) for r, c, rs, cs, t, b in cells))


TOP = (0, 0, 100, 50)
LEFT = (0, 50, 50, 100)
RIGHT = (50, 50, 100, 100)


def test_normalise_folds_width_and_ignores_whitespace() -> None:
    assert squeeze("１，０００\n万 円") == squeeze("1,000万円")
    assert squeeze(None) == squeeze("") == ""


def test_same_grid_read_the_same_way_agrees() -> None:
    mine = ours([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 1, "Ａ", LEFT), (1, 1, 1, 1, None, RIGHT)])
    camelot = theirs([(0, 0, 1, 2, "項 目\n", (0.5, 0.4, 99.6, 50.2)),
                      (1, 0, 1, 1, "A", LEFT), (1, 1, 1, 1, "", RIGHT)])
    assert compare_table(1, 1, mine, camelot) == []


def test_text_difference_is_reported_with_both_texts() -> None:
    mine = ours([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 1, "1,000", LEFT), (1, 1, 1, 1, "", RIGHT)])
    camelot = theirs([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 1, "1,800", LEFT),
                      (1, 1, 1, 1, "", RIGHT)])
    [problem] = compare_table(3, 1, mine, camelot)
    assert (problem.page, problem.cell, problem.ours, problem.theirs) == (3, "R2C1", "1,000",
                                                                           "1,800")
    assert "page 3 table 1 R2C1: text differs" in str(problem)


def test_the_engine_compared_is_the_extract_default_unless_named() -> None:
    mine = ours([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 1, "1,000", LEFT), (1, 1, 1, 1, "", RIGHT)])
    camelot = theirs([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 1, "1,800", LEFT),
                      (1, 1, 1, 1, "", RIGHT)])
    [problem] = compare_table(3, 1, mine, camelot)
    [named] = compare_table(3, 1, mine, camelot, engine="pdfplumber")
    assert (problem.engine, named.engine) == (DEFAULT, "pdfplumber")
    assert inspect.signature(crosscheck_files).parameters["engine"].default == DEFAULT


def test_span_differences_are_reported() -> None:
    mine = ours([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 1, "a", LEFT), (1, 1, 1, 1, "b", RIGHT)])
    split = theirs([(0, 0, 1, 1, "項目", (0, 0, 50, 50)), (0, 1, 1, 1, "", (50, 0, 100, 50)),
                    (1, 0, 1, 1, "a", LEFT), (1, 1, 1, 1, "b", RIGHT)])
    [problem] = compare_table(1, 1, mine, split)
    assert problem.cell == "R1C1" and "splits" in problem.why
    mine = ours([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 1, "a", LEFT), (1, 1, 1, 1, "", RIGHT)])
    merged = theirs([(0, 0, 1, 2, "項目", TOP), (1, 0, 1, 2, "a", (0, 50, 100, 100))])
    problems = {p.cell: p.why for p in compare_table(1, 1, mine, merged)}
    assert set(problems) == {"R2C1", "R2C2"}
    assert problems["R2C1"].startswith("span differs (camelot R2C1 1x2)")


def test_tables_one_engine_misses_are_reported() -> None:
    page = {"page": 2, "tables": [ours([(0, 0, 1, 1, "x", (0, 0, 100, 100))])]}
    elsewhere = SpanTable(2, (300, 300, 400, 400), 1, 2,
                          (Cell(0, 0, 1, 1, "", (300, 300, 350, 400)),
                           Cell(0, 1, 1, 1, "", (350, 300, 400, 400))))
    whys = [p.why for p in compare_page(page, [elsewhere])]
    assert whys == ["table camelot does not see", "table only camelot sees"]
