from __future__ import annotations

from pipeline.core.text import squeeze
from pipeline.diff.normalise import comparable, edition_year, to_bool, to_number
from pipeline.diff.spec import BOOL, NUMBER, TEXT


def test_text_ignores_where_lines_wrapped_and_width_folding() -> None:
    assert squeeze("担保預金利率+ 0.500％") == squeeze("担保預金利率+0.500％")
    assert squeeze("ＮＰＯ法人\nであること") == squeeze("NPO法人であること")
    assert comparable(TEXT, "貸出金基準金利通知 表") == comparable(TEXT, "貸出金基準金利通知表")


def test_text_keeps_meaningful_characters() -> None:
    assert comparable(TEXT, "①1.900") != comparable(TEXT, "11.900")
    assert comparable(TEXT, "○") != comparable(TEXT, "×")
    assert comparable(TEXT, "1,000") != comparable(TEXT, "1,001")


def test_numbers_compare_by_value() -> None:
    assert comparable(NUMBER, "2.50") == comparable(NUMBER, "2.5") == 2.5
    assert to_number("10,000") == 10000
    assert to_number("▲0.25") == to_number("△0.25") == -0.25  # as a plan prints it
    assert to_number("1e-05") == 0.00001  # as the CSV writes a small float
    assert to_number("未定") is None
    assert comparable(NUMBER, "") is None
    assert comparable(NUMBER, "2.5") != comparable(NUMBER, "2.6")


def test_booleans() -> None:
    assert to_bool("True") is True and to_bool("False") is False and to_bool("") is None
    assert comparable(BOOL, "True") != comparable(BOOL, "")


def test_the_editions_own_year_reads_alike() -> None:
    assert edition_year("2026-04-01") == "2026" and edition_year("2025") == "2025"
    assert comparable(TEXT, "２０２５ 年度事業計画", "2025") == \
        comparable(TEXT, "2026 年度事業計画", "2026")
    last_year = comparable(TEXT, "2025 年度の実績", "2026")
    assert comparable(TEXT, "2025 年度の実績", "2025") != last_year
    assert comparable(TEXT, "12025件", "2025") != comparable(TEXT, "12026件", "2026")
