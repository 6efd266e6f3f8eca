"""Captions: the one a page ends with heads the table overleaf; one that announces a table no
table was read under is an error; a ＜…＞ inside a sentence is prose."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.kinds.business_plan.clean import clean
from pipeline.kinds.business_plan.clean.captions import caption_above, check_announced

KEY = "＜主要計数＞ （単位：百万円）"


def _line(text: str, top: float, x0: float = 93.7) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 300, "top": top, "bottom": top + 10.5,
            "size": 10.5}


def _figures(result: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str], str]:
    return {(r["table"], r["item"], r["condition"]): r["value_text"]
            for r in result["plan_key_figures"]}


def _caption_overleaf(artifact: dict[str, Any], *extra: str) -> dict[str, Any]:
    """The key figures' caption moved to the foot of page 8 (`extra` lines under it), page 9
    starting with the table (the prose above it moved to page 8 too)."""
    moved = copy.deepcopy(artifact)
    eight, nine = moved["pages"][7], moved["pages"][8]
    table = nine["tables"][0]
    above = [line for line in nine["lines"] if line["bottom"] < table["bbox"][1]]
    nine["lines"] = [line for line in nine["lines"] if line not in above]
    foot = [line for line in eight["lines"] if line["text"] == "8"]
    eight["lines"] = [line for line in eight["lines"] if line not in foot]
    top = max(line["bottom"] for line in eight["lines"])
    for n, text in enumerate([*(line["text"] for line in above), *extra]):
        eight["lines"].append(_line(text, top + 17.5 * (n + 1)))
    eight["lines"] += foot
    return moved


def test_a_caption_ending_a_page_heads_the_table_overleaf(plan_extracted) -> None:
    shipped = clean(plan_extracted)
    moved = clean(_caption_overleaf(plan_extracted))
    assert _figures(moved) == _figures(shipped)
    assert not any("主要計数" in m["text"] for m in moved["plan_measures"])


def test_a_caption_and_header_ending_a_page_are_an_error(plan_extracted) -> None:
    """Its header rows cannot be matched to the columns of the rows overleaf."""
    broken = _caption_overleaf(plan_extracted, "計 画 値", "項 目", "無 担 保 有 担 保")
    with pytest.raises(PipelineError, match="caption and header rows end the page") as exc:
        clean(broken)
    assert exc.value.page == 8


def test_a_caption_whose_table_is_not_found_is_an_error(plan_extracted) -> None:
    """The ratio table not found: its rows are loose lines under its caption."""
    broken = copy.deepcopy(plan_extracted)
    nine = broken["pages"][8]
    table = nine["tables"].pop(1)
    for n, row in enumerate(range(table["n_rows"])):
        text = " ".join(c["text"] for c in table["cells"] if c["row"] == row)
        nine["lines"].append(_line(text, table["bbox"][1] + 18 * n))
    with pytest.raises(PipelineError, match="＜諸比率＞ is announced here") as exc:
        clean(broken)
    assert exc.value.page == 9


@pytest.mark.parametrize(("lines", "announced"), [
    (["＜諸比率＞", "（単位：％）"], True),
    (["＜諸比率＞ （単位：％）", "以 上"], True),
    (["＜諸比率＞", "延 滞 率 0.11"], True),
    (["〈重点施策〉", "１．事業の推進"], False),  # a heading over an outline
    (["詳しくは＜主要計数＞をご覧ください。", "延 滞 率 0.11"], False),  # prose mentioning one
])
def test_what_announces_a_table(lines, announced) -> None:
    artifact = {"source": {"file": "x.pdf"},
                "pages": [{"page": 1, "tables": [],
                           "lines": [_line(text, 100 + 20 * n) for n, text in enumerate(lines)]}]}
    if announced:
        with pytest.raises(PipelineError, match="announced here"):
            check_announced(artifact, set())
    else:
        check_announced(artifact, set())
    check_announced(artifact, {(1, 0)})  # used by a table: nothing to say


def test_caption_above_looks_overleaf_only_from_a_page_top() -> None:
    before = {"page": 1, "tables": [], "lines": [_line("本文です。", 100), _line(KEY, 700),
                                                  _line("1", 780)]}
    page = {"page": 2, "tables": [], "lines": [_line("2", 780)]}
    found = caption_above(page, {"bbox": [90, 70, 500, 200]}, before)
    assert (found.name, found.unit, found.lines, found.overleaf) == (
        "主要計数", "百万円", (), ((1, 1),))
    page["lines"].append(_line("段落の続きです。", 50))
    assert caption_above(page, {"bbox": [90, 70, 500, 200]}, before) is None
