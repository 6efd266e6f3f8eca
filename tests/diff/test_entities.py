"""A bank that appears or disappears between editions is one line, not a change per row."""

from __future__ import annotations

from pipeline.diff.compare import ADDED, REMOVED
from pipeline.diff.group import sections
from pipeline.diff.html import render_html
from pipeline.diff.markdown import render_markdown, summary_line
from pipeline.diff.spec import spec_for
from tests.diff.helpers import NPO, compare_en, frame, npo_row

ITEMS = [("融資額限度", "無担保", "1,000"), ("金利", "つなぎ資金/無担保", "1.600"),
         ("保証人要否", "", "")]


def edition(as_of: str, banks: list[str], **edits: str) -> list[dict]:
    rows = []
    for position, bank in enumerate(banks, start=1):
        for row, (item, condition, value) in enumerate(ITEMS, start=1):
            rows.append(npo_row(as_of, bank, item, condition,
                                value=edits.get(f"{bank}/{item}", value),
                                bank_position=str(position), row_position=str(row)))
    return rows


def test_a_merger_is_one_line_read_first() -> None:
    before = ["北海道労働金庫", "北陸労働金庫", "東海労働金庫", "近畿労働金庫"]
    old = frame(edition("2025-04-01", before))
    new = frame(edition("2026-04-01", ["北海道労働金庫", "中部労働金庫", "近畿労働金庫"],
                        **{"近畿労働金庫/融資額限度": "2,000"}))
    diff = compare_en(spec_for(NPO), old, new, "2025-04-01", "2026-04-01")
    assert diff.entities(ADDED) == ["中部労働金庫"]
    assert diff.entities(REMOVED) == ["北陸労働金庫", "東海労働金庫"]  # in printed order
    line = summary_line(diff)
    assert line.startswith("banks added: 中部労働金庫; removed: 北陸労働金庫, 東海労働金庫; ")
    assert "1 changed, 0 added, 0 removed row(s)" in line
    # One CSV row per bank gained or lost, then the one real change with its typed columns.
    banks = diff.changes[diff.changes["field"] == "bank"]
    assert list(zip(banks["bank"], banks["change"], strict=True)) == [
        ("中部労働金庫", "added"), ("北陸労働金庫", "removed"), ("東海労働金庫", "removed")]
    assert set(diff.changes.loc[diff.changes["field"] != "bank", "bank"]) == {"近畿労働金庫"}
    # People read the banks line first, and no section per bank gained or lost.
    assert [s.title for s in sections(diff)] == ["近畿労働金庫"]
    assert "banks added: 中部労働金庫" in render_markdown(diff).splitlines()[4]
    assert "banks added: 中部労働金庫; removed: 北陸労働金庫, 東海労働金庫" in render_html(diff)


def test_the_same_banks_say_nothing_of_banks() -> None:
    banks = ["北海道労働金庫", "東北労働金庫"]
    old, new = frame(edition("2025-04-01", banks)), frame(edition("2026-04-01", banks))
    diff = compare_en(spec_for(NPO), old, new, "2025-04-01", "2026-04-01")
    assert diff.identical and summary_line(diff) == "no changes"
