"""Key figures: the cross-foot status per item, tables laid out as printed."""

from __future__ import annotations

import pandas as pd

from pipeline.core.lang import words
from pipeline.kinds.business_plan import report as plan


def figures(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["table", "item", "condition", "value", "value_text",
                                        "source_cell"])
    return frame.assign(fiscal_year=2030, unit="百万円", source_file="p.pdf", source_page=1)


def test_cross_foot_allows_rounding_and_flags_more() -> None:
    frame = figures([
        ("主要計数", "甲", "計", 101.0, "101", "R2C2"),
        ("主要計数", "甲", "無担保", 50.0, "50", "R2C3"),
        ("主要計数", "甲", "有担保", 50.0, "50", "R2C4"),
        ("主要計数", "乙", "計", 103.0, "103", "R3C2"),
        ("主要計数", "乙", "無担保", 50.0, "50", "R3C3"),
        ("主要計数", "乙", "有担保", 50.0, "50", "R3C4"),
        ("諸比率", "丙", "", 0.11, "0.11", "R2C2"),
    ])
    checks = plan.cross_foot(frame).set_index("item")
    assert list(checks.index) == ["甲", "乙"]
    assert checks.loc["甲", "ok"] and checks.loc["甲", "difference"] == 1
    assert not checks.loc["乙", "ok"] and checks.loc["乙", "difference"] == 3


def test_tables_follow_the_printed_columns_and_rows() -> None:
    frame = figures([
        ("主要計数", "乙", "有担保", 2.0, "2", "R3C4"),
        ("主要計数", "甲", "有担保", 1.0, "1", "R2C4"),
        ("主要計数", "乙", "計", 4.0, "4", "R3C2"),
        ("主要計数", "甲", "計", 2.0, "2", "R2C2"),
        ("主要計数", "乙", "無担保", 2.0, "2", "R3C3"),
        ("主要計数", "甲", "無担保", 1.0, "1", "R2C3"),
    ])
    (html,) = plan.key_figure_tables(frame, words())
    heads = html.split("<tbody>")[0]
    assert heads.index(">計<") < heads.index(">無担保<") < heads.index(">有担保<")
    body = html.split("<tbody>")[1]
    assert body.index(">甲<") < body.index(">乙<")
    assert body.count("✓ 一致") == 2 and "主要計数（単位: 百万円）" in html
