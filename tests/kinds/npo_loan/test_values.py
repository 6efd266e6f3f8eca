"""Typed readings of NPO cells: every printed form known, everything else left unread."""

from __future__ import annotations

import pytest

from pipeline.kinds.npo_loan.clean.values import (
    Span,
    is_not_offered,
    limit_yen,
    parse_span,
    rate_span_pct,
    rate_type,
    split_mark,
    term_span_months,
)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("1,000", Span(1000, 1000)),
        ("１，０００", Span(1000, 1000)),
        ("5,000※", Span(5000, 5000)),
        ("1.600\n～\n2.300", Span(1.6, 2.3)),
        ("2.55〜2.75", Span(2.55, 2.75)),
        ("①1.900\n②2.650", Span(1.9, 2.65, ("①1.900", "②2.650"))),
        ("無担保\n10\n有担保\n20", Span(10, 20, ("無担保10", "有担保20"))),
        ("(変動）\n1.875", Span(1.875, 1.875)),
        (
            "手貸\n（固定）\n2.125\n証貸\n（変動）\n2.125",
            Span(2.125, 2.125, ("手貸2.125", "証貸2.125")),
        ),
    ],
)
def test_parse_span(text, span) -> None:
    assert parse_span(text) == span


@pytest.mark.parametrize(
    "text", ["", "※", "-", "資金使途と担保有無により異なる", "3～1", "1,000円超"]
)
def test_parse_span_refuses(text) -> None:
    assert parse_span(text) is None


def test_limit_yen() -> None:
    assert limit_yen("1,000", "万円") == 10_000_000
    assert limit_yen("3", "億円") == 300_000_000
    assert limit_yen("1,000", "％") is None
    assert limit_yen("500～1,000", "万円") is None  # a range is not one limit
    assert limit_yen("-", "万円") is None


@pytest.mark.parametrize(
    ("value", "unit", "yen"),
    [
        ("5千", "万円", 50_000_000),
        ("1億5,000", "万円", 150_000_000),  # 1億 + 5,000万, not (1億 + 5,000) 万
        ("1億", "円", 100_000_000),
        ("1.5億", "円", 150_000_000),
        ("３千", "万円", 30_000_000),
        ("5千※", "万円", 50_000_000),
        ("5千", "％", None),
        ("5千～1億", "万円", None),  # a range is not one limit
        ("▲5千", "万円", None),
        ("数千", "万円", None),
    ],
)
def test_limit_yen_printed_with_number_words(value, unit, yen) -> None:
    assert limit_yen(value, unit) == yen


def test_rate_span_pct() -> None:
    assert rate_span_pct("2.875", "％") == Span(2.875, 2.875)
    assert rate_span_pct("2.875", "%") == Span(2.875, 2.875)
    assert rate_span_pct("2.875", "年") is None
    assert rate_span_pct("150", "％") is None


def test_term_span_months() -> None:
    assert term_span_months("1", "年") == (12, 12)
    assert term_span_months("5～7", "年") == (60, 84)
    assert term_span_months("6", "ヶ月") == (6, 6)
    assert term_span_months("18", "カ月") == (18, 18)
    assert term_span_months("1.5", "年") == (18, 18)
    assert term_span_months("1.3", "年") is None  # not a whole number of months
    assert term_span_months("10", "万円") is None


def test_rate_type() -> None:
    assert rate_type("固定金利") == "固定"
    assert rate_type("変動金利") == "変動"
    assert rate_type("(変動）1.875", "（固定）預金担保") == "固定/変動"
    assert rate_type("", "※") is None


@pytest.mark.parametrize(
    ("text", "split"),
    [("○", ("○", "")), ("要", ("要", "")), ("× 取扱なし", ("×", "取扱なし")),
     ("要件あり", ("", "要件あり")), ("", ("", ""))],
)
def test_split_mark(text, split) -> None:
    assert split_mark(text) == split


@pytest.mark.parametrize(("text", "dash"), [("-", True), ("－", True), ("―", True),
                                            (" - ", True), ("0", False), ("", False)])
def test_is_not_offered(text, dash) -> None:
    assert is_not_offered(text) is dash

