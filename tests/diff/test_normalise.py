from __future__ import annotations

from pipeline.diff.normalise import comparable, squash, to_bool, to_number
from pipeline.diff.spec import BOOL, NUMBER, TEXT


def test_text_ignores_where_lines_wrapped_and_width_folding() -> None:
    assert squash("担保預金利率+ 0.500％") == squash("担保預金利率+0.500％")
    assert squash("ＮＰＯ法人\nであること") == squash("NPO法人であること")
    assert comparable(TEXT, "貸出金基準金利通知 表") == comparable(TEXT, "貸出金基準金利通知表")


def test_text_keeps_meaningful_characters() -> None:
    assert comparable(TEXT, "①1.900") != comparable(TEXT, "11.900")
    assert comparable(TEXT, "○") != comparable(TEXT, "×")
    assert comparable(TEXT, "1,000") != comparable(TEXT, "1,001")


def test_numbers_compare_by_value() -> None:
    assert comparable(NUMBER, "2.50") == comparable(NUMBER, "2.5") == 2.5
    assert to_number("10,000") == 10000
    assert comparable(NUMBER, "") is None
    assert comparable(NUMBER, "2.5") != comparable(NUMBER, "2.6")


def test_booleans() -> None:
    assert to_bool("True") is True and to_bool("False") is False and to_bool("") is None
    assert comparable(BOOL, "True") != comparable(BOOL, "")
