"""A bank header outside every table read, or one cell naming two banks: an error naming the
page, never a comparison with fewer banks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.kinds.npo_loan.clean import clean
from pipeline.kinds.npo_loan.clean.unread import banks_named


@pytest.mark.parametrize(("text", "banks"), [
    ("項目　東海労働金庫　近畿労働金庫", ["東海労働金庫", "近畿労働金庫"]),
    ("北海道労働金庫東北労働金庫", ["北海道労働金庫", "東北労働金庫"]),
    ("中央ろうきん", ["中央ろうきん"]),
    ("北海道労働金庫は原則として保証人を求めません", []),
    ("※ 各労働金庫にお問い合わせください", []),
])
def test_banks_named(text, banks) -> None:
    assert banks_named(text) == banks


def _page_two_table_not_found(artifact: dict[str, Any]) -> dict[str, Any]:
    """Page 2's comparison table not found: its header and first row left as loose lines."""
    broken = copy.deepcopy(artifact)
    page = broken["pages"][1]
    table = next(t for t in page["tables"] if t["method"] == "ruled")
    page["tables"].remove(table)
    for row in (0, 1):
        text = " ".join(c["text"] for c in table["cells"] if c["row"] == row and c["text"])
        page["lines"].append({"text": text, "x0": 30.0, "x1": 700.0, "top": 50.0 + 10 * row,
                              "bottom": 58.0 + 10 * row, "size": 7.0})
    return broken


def test_a_page_whose_table_is_not_found_is_an_error(npo_extracted) -> None:
    with pytest.raises(PipelineError, match="names banks .東海労働金庫, 近畿労働金庫") as exc:
        clean(_page_two_table_not_found(npo_extracted))
    assert exc.value.page == 2


def test_one_header_cell_naming_two_banks_is_an_error(npo_extracted) -> None:
    broken = copy.deepcopy(npo_extracted)
    table = next(t for t in broken["pages"][1]["tables"] if t["method"] == "ruled")
    cell = next(c for c in table["cells"] if c["text"] == "近畿労働金庫")
    cell["text"] = "近畿労働金庫\n中国労働金庫"
    with pytest.raises(PipelineError, match="names 2 banks") as exc:
        clean(broken)
    assert (exc.value.page, exc.value.cell) == (2, f"R1C{cell['col'] + 1}")


def test_a_header_row_whose_rows_are_not_read_under_it_is_an_error(npo_extracted) -> None:
    """The header a table of its own, the rows below it a table that does not go on with it."""
    broken = copy.deepcopy(npo_extracted)
    page = broken["pages"][1]
    table = next(t for t in page["tables"] if t["method"] == "ruled")
    header = {**table, "n_rows": 1, "ys": table["ys"][:2],
              "cells": [c for c in table["cells"] if c["row"] == 0]}
    rows = {**table, "xs": [table["xs"][0], table["xs"][-1]], "n_cols": 1,
            "cells": [{**c, "col": 0, "colspan": 1} for c in table["cells"]
                      if c["row"] > 0 and c["col"] == 0]}
    at = page["tables"].index(table)
    page["tables"][at:at + 1] = [header, rows]
    with pytest.raises(PipelineError, match="header row has no rows under it") as exc:
        clean(broken)
    assert exc.value.page == 2
