"""Edition dates printed 西暦 or 令和, with any widths and spacing."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.core.dates import find_as_of, find_fiscal_year


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("（2025年4月1日現在）", dt.date(2025, 4, 1)),
        ("制度概要 （２０２６年４月１日現在）", dt.date(2026, 4, 1)),
        ("令和7年4月1日現在", dt.date(2025, 4, 1)),
        ("令和 ８ 年 ４ 月 １ 日 現在", dt.date(2026, 4, 1)),
        ("令和元年5月1日現在", dt.date(2019, 5, 1)),
        ("平成31年3月31日現在", dt.date(2019, 3, 31)),
        ("2025年4月1日 施行\n2025年10月1日現在", dt.date(2025, 10, 1)),
        ("（2026.4.1現在）", dt.date(2026, 4, 1)),
        ("２０２６／４／１ 現在", dt.date(2026, 4, 1)),
    ],
)
def test_as_of(text, date) -> None:
    assert find_as_of(text) == date


@pytest.mark.parametrize("text", ["2025年4月1日", "現在", ""])
def test_no_as_of(text) -> None:
    assert find_as_of(text) is None


@pytest.mark.parametrize("text", ["2025年2月30日現在", "2025年13月1日現在"])
def test_impossible_as_of_is_named(text) -> None:
    with pytest.raises(ValueError, match=f"{text} is not a calendar date"):
        find_as_of(text)


@pytest.mark.parametrize(
    ("text", "year"),
    [("2025年度 事業計画", 2025), ("令和７年度事業計画", 2025), ("令和元年度", 2019)],
)
def test_fiscal_year(text, year) -> None:
    assert find_fiscal_year(text) == year


def test_no_fiscal_year() -> None:
    assert find_fiscal_year("事業計画") is None
