"""The comparison helpers on the shipped PDFs: no mismatch with their truth, every edit found."""

from __future__ import annotations

import copy
from typing import Any

from tests.producers.compare import npo_mismatches, plan_mismatches


def test_shipped_npo_table_matches_its_truth(published_once, npo_truth) -> None:
    assert npo_mismatches(published_once, npo_truth) == []


def test_npo_edits_are_each_one_line(published_once, npo_truth) -> None:
    truth: dict[str, Any] = copy.deepcopy(npo_truth)
    truth["as_of"] = "2026-04-01"
    truth["cells"]["北海道労働金庫"]["融資額限度/無担保"]["value"] = "1,500"
    truth["cells"]["九州労働金庫"]["保証人要否"]["mark"] = "否"
    truth["pages"][1].reverse()
    assert npo_mismatches(published_once, truth) == [
        "as_of: expected 2026-04-01, got ['2025-04-01']",
        f"banks: expected {[b for page in truth['pages'] for b in page]}, "
        f"got {[b for page in npo_truth['pages'] for b in page]}",
        "北海道労働金庫 融資額限度/無担保 value: expected '1,500', got '1,000'",
        "九州労働金庫 保証人要否 mark: expected '否', got '要'",
    ]


def test_missing_and_unexpected_rows_are_named(published_once, npo_truth) -> None:
    truth: dict[str, Any] = copy.deepcopy(npo_truth)
    truth["cells"]["沖縄県労働金庫"]["保証料"] = {"mark": None, "value": "0.1", "unit": "％",
                                             "note": None}
    del truth["cells"]["沖縄県労働金庫"]["保証人要否"]
    assert npo_mismatches(published_once, truth) == [
        "missing: 沖縄県労働金庫 保証料",
        "unexpected: 沖縄県労働金庫 保証人要否",
    ]


def test_a_wrapped_word_must_come_back_whole(published_once, npo_truth) -> None:
    """The shipped 近畿 note prints （ＮＰ / Ｏ法人）: it comes back as one word; a word the
    published note does not hold whole is named."""
    truth: dict[str, Any] = copy.deepcopy(npo_truth)
    truth["wrapped_words"] = [{"bank": "近畿労働金庫", "row": "対象団体の主な条件",
                               "field": "note", "word": "ＮＰＯ法人"}]
    assert npo_mismatches(published_once, truth) == []
    truth["wrapped_words"][0]["word"] = "ＮＰＯ団体"
    problems = npo_mismatches(published_once, truth)
    assert len(problems) == 1
    assert problems[0].startswith("近畿労働金庫 対象団体の主な条件 note: word 'NPO団体' not whole")


def test_shipped_plan_matches_its_truth(published_once, plan_truth) -> None:
    assert plan_mismatches(published_once, plan_truth) == []


def test_plan_edits_are_each_one_line(published_once, plan_truth) -> None:
    truth: dict[str, Any] = copy.deepcopy(plan_truth)
    truth["key_figures"]["rows"][0]["secured"] = 1_334_048
    truth["key_figures"]["unit"] = "千円"
    truth["ratios"]["rows"][0]["value_text"] = "0.12"
    truth["blocks"][4]["text"] = "基本的な考え"
    del truth["blocks"][5]
    problems = plan_mismatches(published_once, truth)
    money = [p for p in problems if "amount_yen" in p or " unit:" in p]
    assert len(money) == 15 * 2  # every key figure: unit and amount in yen
    assert [p for p in problems if p not in money] == [
        "figure 主要計数 新規保証引受 有担保 value_text: expected '1,334,048', got '1,334,047'",
        "figure 諸比率 延滞率 value_text: expected '0.12', got '0.11'",
        "blocks: expected 159, got 160",
        "block 5: expected heading L0 1. '基本的な考え', got heading L0 1. '基本的な考え方'",
        "unexpected block at 6: paragraph L1 - '2025年度は第9期中期経営計画の中間年度"
        "として各種課題の成案化が求められることから第9期中期経営計画に掲題した各種課題…'",
    ]
