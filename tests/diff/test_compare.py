from __future__ import annotations

from pipeline.diff.compare import ENTRY
from pipeline.diff.spec import spec_for
from tests.diff.helpers import MEASURES, NPO, compare_en, frame, measure, measures, npo_row

OLD, NEW = "2025-04-01", "2026-04-01"


def _pair(old_rows, new_rows):
    return compare_en(spec_for(NPO), frame(old_rows), frame(new_rows), OLD, NEW)


def _rate(as_of, value, **extra):
    return npo_row(as_of, "中央労働金庫", "金利", "その他/無担保", value=value, unit="％",
                   is_offered="True", rate_min_pct=value, rate_max_pct=value, **extra)


def test_identical_editions_differ_only_in_provenance() -> None:
    old = [_rate(OLD, "2.875", note="変動金利")]
    new = [_rate(NEW, "2.875", note="変動 金利", source_page="2", source_cell="R9C4")]
    new[0]["source_file"] = "other.pdf"
    diff = _pair(old, new)
    assert diff.identical
    assert diff.counts == {"added": 0, "removed": 0, "changed": 0}


def test_changed_rate_reports_each_field_with_points() -> None:
    diff = _pair([_rate(OLD, "2.875")], [_rate(NEW, "2.625")])
    rows = diff.changes
    assert list(rows["field"]) == ["value", "rate_min_pct", "rate_max_pct"]
    assert set(rows["change"]) == {"changed"}
    assert list(rows["delta"]) == ["-0.25"] * 3
    assert set(rows["bank"]) == {"中央労働金庫"} and set(rows["condition"]) == {"その他/無担保"}
    assert diff.counts["changed"] == 1
    assert list(diff.changes.columns[:3]) == ["bank", "item", "condition"]


def test_a_corrected_value_says_so_and_the_bbox_and_corrected_columns_are_no_change() -> None:
    old = [_rate(OLD, "2.875", source_bbox="1.00,2.00,3.00,4.00")]
    new = [_rate(NEW, "2.625", source_bbox="9.00,9.00,10.00,10.00",
                 corrected="value: 誤植（PDF は 2.652）")]
    rows = _pair(old, new).changes
    assert list(rows["field"]) == ["value", "rate_min_pct", "rate_max_pct"]
    assert all(d.endswith("; corrected: 誤植（PDF は 2.652）") for d in rows["description"])
    assert rows["description"].iloc[1].startswith("−0.250pt")
    only_marked = _pair([_rate(OLD, "2.875")], [_rate(NEW, "2.875", corrected="note: 誤記")])
    assert only_marked.identical


def test_matched_by_key_not_position() -> None:
    a = npo_row(OLD, "北海道労働金庫", "保証人要否", mark="否", is_required="False")
    b = npo_row(OLD, "東北労働金庫", "保証人要否", mark="否", is_required="False")
    a2, b2 = dict(a, as_of=NEW), dict(b, as_of=NEW, mark="要", is_required="True")
    diff = _pair([a, b], [b2, a2])
    assert set(diff.changes["bank"]) == {"東北労働金庫"}
    assert list(diff.changes["description"]) == ["newly required (否 → 要)", "newly required"]


def test_added_and_removed_rows() -> None:
    kept = npo_row(OLD, "北海道労働金庫", "保証人要否", mark="否")
    gone = npo_row(OLD, "北海道労働金庫", "融資の種類", "当座貸越", mark="○", is_offered="True")
    fresh = npo_row(NEW, "北海道労働金庫", "融資の種類", "電子記録債権", mark="○",
                    is_offered="True", note="新設")
    diff = _pair([kept, gone], [dict(kept, as_of=NEW), fresh])
    rows = diff.changes
    assert diff.counts == {"added": 1, "removed": 1, "changed": 0}
    removed = rows[rows["change"] == "removed"]
    assert set(removed["condition"]) == {"当座貸越"}
    assert set(removed["field"]) == {"mark", "is_offered"} and set(removed["new"]) == {""}
    added = rows[rows["change"] == "added"]
    assert set(added["field"]) == {"mark", "note", "is_offered"}
    assert set(added["old"]) == {""}
    assert rows[ENTRY].nunique() == 2


def test_output_is_sorted_whatever_the_input_order() -> None:
    banks = ["北海道労働金庫", "東北労働金庫", "中央労働金庫"]
    old = [npo_row(OLD, b, "保証人要否", mark="否") for b in banks]
    new = [npo_row(NEW, b, "保証人要否", mark="要") for b in banks]
    one = _pair(old, new).changes
    two = _pair(old[::-1], new[1:] + new[:1]).changes
    assert one.equals(two)
    assert list(one["bank"]) == sorted(banks)


def test_measures_renumbered_added_removed_reworded() -> None:
    old = measures([
        measure(2025, 1, "3", "個別施策", "３．", kind="heading", level=0),
        measure(2025, 2, "3 › 1", "保証審査の迅速化を図ります。", "①"),
        measure(2025, 3, "3 › 2", "研修を年一回実施します。", "②"),
        measure(2025, 4, "3 › 3", "紙の申込書を廃止します。", "③"),
    ])
    new = measures([
        measure(2026, 1, "3", "個別施策", "３．", kind="heading", level=0, page=2),
        measure(2026, 2, "3 › 1", "Web完結型保証審査を全金庫に拡大します。", "①"),
        measure(2026, 3, "3 › 2", "保証審査の迅速化を図ります。", "②"),
        measure(2026, 4, "3 › 3", "研修を年二回実施します。", "③"),
    ])
    diff = compare_en(spec_for(MEASURES), old, new, "2025", "2026")
    rows = diff.changes
    assert diff.counts == {"added": 1, "removed": 1, "changed": 2}
    added = rows[rows["change"] == "added"]
    assert "Web完結型保証審査を全金庫に拡大します。" in set(added["new"])
    assert set(rows[rows["change"] == "removed"]["old"]) >= {"紙の申込書を廃止します。"}
    renumbered = rows[(rows["change"] == "changed") & (rows["field"] == "path")]
    # Both measures after the inserted one moved down a number; one was reworded as well.
    assert list(zip(renumbered["old"], renumbered["new"], strict=True)) == [
        ("3 › 1", "3 › 2"), ("3 › 2", "3 › 3")]
    reworded = rows[(rows["change"] == "changed") & (rows["field"] == "text")]
    assert list(zip(reworded["path"], reworded["new"], strict=True)) == [
        ("3 › 3", "研修を年二回実施します。")]
    assert "number" in set(rows[rows["change"] == "changed"]["field"])


def test_plan_naming_its_own_year_is_no_change() -> None:
    def plan(year: int, preamble: str) -> list[dict]:
        return [measure(year, 1, "", f"{year} 年度事業計画", kind="title", level=0),
                measure(year, 2, "¶1", preamble, kind="paragraph", level=0)]

    same = compare_en(spec_for(MEASURES), measures(plan(2025, "2025 年度は中間年度です。")),
                            measures(plan(2026, "2026 年度は中間年度です。")), "2025", "2026")
    assert same.identical
    moved = compare_en(spec_for(MEASURES), measures(plan(2025, "2025 年度は中間年度です。")),
                             measures(plan(2026, "2025 年度は中間年度でした。")), "2025", "2026")
    assert list(moved.changes["field"]) == ["text"]


def test_text_naming_last_year_in_both_editions_is_no_change() -> None:
    old = measures([measure(2025, 1, "1 › ¶1", "2025 年度は中間年度です。", kind="paragraph")])
    new = measures([measure(2026, 1, "1 › ¶1", "2025 年度は中間年度です。", kind="paragraph")])
    assert compare_en(spec_for(MEASURES), old, new, "2025", "2026").identical


def test_an_item_break_alone_is_no_change() -> None:
    """An edition read before items kept their line breaks (無担保10有担保20) and one read after
    (無担保10⏎有担保20) say the same: compared without whitespace, no change."""
    old = [npo_row(OLD, "東海労働金庫", "返済期間", "証書貸付", value="無担保10有担保20",
                   note="運営資金3年以内※但し、5年以内")]
    new = [dict(old[0], as_of=NEW, value="無担保10\n有担保20",
                note="運営資金3年以内\n※但し、5年以内")]
    assert _pair(old, new).identical
