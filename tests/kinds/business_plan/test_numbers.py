"""Outline number markers: scheme, ordinal, printed form and path label, and what is not one."""

from __future__ import annotations

import pytest

from pipeline.kinds.business_plan.clean.numbers import split_number

CASES = {
    "［基本戦略２］系統保証": ("bracket:基本戦略", 2, "［基本戦略２］", "基本戦略2", "系統保証"),
    "１．基本的な考え方": ("dotted", 1, "１．", "1", "基本的な考え方"),
    "２．2025年度事業計画の重点課題": ("dotted", 2, "２．", "2", "2025年度事業計画の重点課題"),
    "（10）地域労（勤）信協": ("paren", 10, "（10）", "(10)", "地域労（勤）信協"),
    "② ＡＩ保証審査モデル": ("circled", 2, "②", "②", "ＡＩ保証審査モデル"),
    "⑫\u3000全角の間": ("circled", 12, "⑫", "⑫", "全角の間"),
    "（イ）カナの項目": ("paren-kana", 2, "（イ）", "(イ)", "カナの項目"),
    "ウ．カナの項目": ("dotted-kana", 3, "ウ．", "ウ", "カナの項目"),
}


@pytest.mark.parametrize(("line", "expected"), CASES.items())
def test_numbers(line, expected) -> None:
    number, rest = split_number(line)
    assert number is not None
    assert (number.scheme, number.ordinal, number.printed, number.label, rest) == expected


@pytest.mark.parametrize("line", [
    "2025 年度は第９期中期経営計画",   # a year, not a number label
    "0.11 ％の延滞率",               # a decimal
    "（光学的文字認識にＡＩを組み合わせた",  # a bracket, not a number
    "ニューアルし、当協会の事業の仕組み",
])
def test_not_numbers(line) -> None:
    assert split_number(line) == (None, line)
