"""Text normalisation: folding that keeps meaningful characters, line joining, label tidying."""

from __future__ import annotations

import pytest

from pipeline.core.text import clean_cell, fold, has_cid_garbage, join_lines, squeeze


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＮＰＯ法人１，０００万円", "NPO法人1,000万円"),  # full-width letters and digits
        ("①1.900②2.650", "①1.900②2.650"),  # circled numbers survive
        ("1.600～2.300", "1.600～2.300"),  # the range tilde survives
        ("1.600〜2.300", "1.600～2.300"),  # wave dash: the same glyph from a JIS font
        ("0.40％", "0.40％"),
        ("〇", "○"),
        ("◯", "○"),
        ("✕", "×"),
        ("⽬的", "目的"),  # a Kangxi radical some fonts map the glyph to
        ("ｶﾅ", "カナ"),
    ],
)
def test_fold(raw, folded) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("地方自治体等助成団体からの助成\n金支給まで", "地方自治体等助成団体からの助成金支給まで"),
        ("NPO\nBank", "NPO Bank"),  # two ASCII words keep a space
        ("1,0\n00", "1,000"),  # a number broken by a narrow cell stays whole
        ("1.600\n～\n2.300", "1.600～2.300"),
        ("手貸\n2.125", "手貸2.125"),
        ("a  b\n\n  c ", "a b c"),
        ("", ""),
    ],
)
def test_join_lines(raw, joined) -> None:
    assert join_lines(raw) == joined


def test_clean_cell_folds_then_joins() -> None:
    assert clean_cell("ＮＰＯ\n法人") == "NPO法人"
    assert clean_cell(None) == ""


def test_squeeze_drops_alignment_spaces() -> None:
    assert squeeze("金　利") == "金利"
    assert squeeze(" 北海道\n労働金庫 ") == "北海道労働金庫"


def test_cid_garbage() -> None:
    assert has_cid_garbage("(cid:1234)(cid:56)")
    assert not has_cid_garbage("cid: 12 is fine")
