"""End to end: a second edition of both documents with known edits, rendered to PDF in another
layout, built with `make all` and compared with `make diff`, shows exactly those edits; the same
editions re-rendered in another layout show nothing."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.variants.npo_pdf import edit_cell, load_truth_edition, render_npo_pdf
from tests.variants.plan_pdf import load_truth_plan, plan_copy, render_plan_pdf

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("make") is None, reason="needs make")]

OLD, NEW = "2025-04-01", "2026-04-01"
OLD_FY, NEW_FY = "2025", "2026"
NPO_STEM = f"npo_loan_terms_{OLD}_{NEW}"
FIGURES_STEM = f"plan_key_figures_{OLD_FY}_{NEW_FY}"
MEASURES_STEM = f"plan_measures_{OLD_FY}_{NEW_FY}"
# Another year's layout: other page split, font and column widths / line lengths.
NPO_LAYOUT = {"banks_per_page": (5, 4, 4), "font": "HeiseiMin-W3", "col_scale": 1.15}
PLAN_LAYOUT = {"font": "HeiseiKakuGo-W5", "lines_per_page": 32, "text_width": 430.0}

# (bank, truth row, cell fields to set) and the published fields each edit must change.
NPO_EDITS = [
    ("中央労働金庫", "金利/その他/無担保", {"value": "2.625"},
     {"value", "rate_min_pct", "rate_max_pct"}),
    ("北海道労働金庫", "融資額限度/無担保", {"value": "1,500"}, {"value", "limit_yen"}),
    ("東北労働金庫", "融資の種類/手形貸付", {"mark": "×"}, {"mark", "is_offered"}),
    # The same term printed in months: value and unit change, the typed term does not.
    ("九州労働金庫", "返済期間/手形貸付", {"value": "12", "unit": "ヶ月"}, {"value", "unit"}),
    ("中央労働金庫", "保証人要否", {"mark": "要"}, {"mark", "is_required"}),
]
ELIGIBILITY = ("北海道労働金庫", "対象団体の主な条件")
# 新規保証引受 grows by 85,544 百万円 in its unsecured part and so in its total.
FIGURE_ITEM, FIGURE_GROWTH = "新規保証引受", 85_544
ADDED_AFTER = "ホームページのコンテンツ管理・更新を内製化し、適時、必要な情報を発信します。"
ADDED_TEXT = "お客さま向けのよくあるご質問をホームページに掲載し、随時更新します。"
REMOVED_TEXT = "お客さまが申込時に入力を円滑に行えるよう、入力項目の説明等を改善します。"


def _as_of(edition: dict, iso: str) -> dict:
    year, month, day = (int(p) for p in iso.split("-"))
    return {**edition, "as_of": iso, "as_of_label": f"{year}年{month}月{day}日現在"}


def _fiscal_year(plan: dict, year: str) -> dict:
    """The plan as the plan of `year`: only its title names the year it is for."""
    plan = plan_copy(plan)
    plan["fiscal_year"] = int(year)
    plan["title"] = plan["title"].replace(OLD_FY, year)
    for block in plan["blocks"]:
        if block["kind"] == "title":
            block["text"] = block["text"].replace(OLD_FY, year)
    return plan


def _edited_npo() -> dict:
    edition = _as_of(load_truth_edition(), NEW)
    for bank, row, fields, _ in NPO_EDITS:
        edition = edit_cell(edition, bank, row, **fields)
    bank, row = ELIGIBILITY
    note = edition["cells"][bank][row]["note"]
    assert "2事業年度以上" in note
    return edit_cell(edition, bank, row, note=note.replace("2事業年度以上", "3事業年度以上"))


def _edited_plan() -> dict:
    plan = _fiscal_year(load_truth_plan(), NEW_FY)
    row = next(r for r in plan["key_figures"]["rows"] if r["item"] == FIGURE_ITEM)
    row["unsecured"] += FIGURE_GROWTH
    row["total"] += FIGURE_GROWTH
    ratio = plan["ratios"]["rows"][0]
    ratio["value"], ratio["value_text"] = 0.12, "0.12"
    blocks = plan["blocks"]
    # A measure added at the end of one list, and the last measure of another list dropped,
    # so that no other measure is renumbered.
    at = next(i for i, b in enumerate(blocks) if b["text"] == ADDED_AFTER)
    assert blocks[at]["number"] == "②" and blocks[at + 1]["kind"] == "heading"
    blocks.insert(at + 1, {**blocks[at], "number": "③", "text": ADDED_TEXT})
    gone = next(i for i, b in enumerate(blocks) if b["text"] == REMOVED_TEXT)
    assert blocks[gone]["number"] == "②" and blocks[gone + 1]["kind"] == "heading"
    del blocks[gone]
    return plan


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), *args],
                          capture_output=True, text=True, timeout=600)


def _build_and_diff(tmp: Path, npo: tuple[dict, dict], plan: tuple[dict, dict]) -> tuple[
        Path, subprocess.CompletedProcess]:
    raw, out = tmp / "raw", tmp / "out"
    raw.mkdir()
    render_npo_pdf(npo[0], raw / "npo_a.pdf")
    render_npo_pdf(npo[1], raw / "npo_b.pdf", **NPO_LAYOUT)
    render_plan_pdf(plan[0], raw / "plan_a.pdf")
    render_plan_pdf(plan[1], raw / "plan_b.pdf", **PLAN_LAYOUT)
    built = make("all", f"RAW={raw}", f"OUT={out}")
    assert built.returncode == 0, built.stderr
    return out, make("diff", f"OUT={out}")


def _rows(out: Path, stem: str) -> list[dict[str, str]]:
    with (out / "diffs" / f"{stem}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    return _build_and_diff(tmp_path_factory.mktemp("edited"),
                           (load_truth_edition(), _edited_npo()),
                           (load_truth_plan(), _edited_plan()))


def _npo_key(row: dict[str, str]) -> tuple[str, str]:
    return row["bank"], "/".join(p for p in (row["item"], row["condition"]) if p)


def test_finds_exactly_the_npo_edits(edited) -> None:
    out, done = edited
    assert done.returncode == 0, done.stderr
    assert f"npo_loan_terms {OLD} → {NEW}: 6 changed, 0 added, 0 removed" in done.stdout
    rows = _rows(out, NPO_STEM)
    expected = {((bank, row), f) for bank, row, _, fields in NPO_EDITS for f in fields}
    expected.add((ELIGIBILITY, "note"))
    assert {(_npo_key(r), r["field"]) for r in rows} == expected
    assert {r["change"] for r in rows} == {"changed"}


def test_npo_edits_are_read_with_their_units(edited) -> None:
    out, _ = edited
    by = {(_npo_key(r), r["field"]): r for r in _rows(out, NPO_STEM)}
    rate = by[(("中央労働金庫", "金利/その他/無担保"), "rate_min_pct")]
    assert (rate["old"], rate["new"], rate["delta"], rate["delta_unit"]) == \
        ("2.875", "2.625", "-0.25", "pt")
    assert rate["description"] == "\u22120.250ポイント"  # Japanese by default
    limit = by[(("北海道労働金庫", "融資額限度/無担保"), "limit_yen")]
    assert (limit["delta"], limit["delta_unit"], limit["delta_pct"]) == ("5000000", "yen", "50")
    assert by[(("東北労働金庫", "融資の種類/手形貸付"), "mark")]["description"] == \
        "取扱終了（○ → ×）"
    assert by[(("中央労働金庫", "保証人要否"), "mark")]["description"] == "必要に（否 → 要）"
    assert by[(("九州労働金庫", "返済期間/手形貸付"), "unit")]["description"] == "年 → ヶ月"
    note = by[(ELIGIBILITY, "note")]
    assert "2事業年度以上" in note["old"] and "3事業年度以上" in note["new"]


def test_finds_exactly_the_key_figure_edits(edited) -> None:
    out, done = edited
    assert f"plan_key_figures {OLD_FY} → {NEW_FY}: 3 changed, 0 added, 0 removed" in done.stdout
    rows = _rows(out, FIGURES_STEM)
    found = {(r["table"], r["item"], r["condition"], r["field"]) for r in rows}
    money = {("主要計数", FIGURE_ITEM, part, f) for part in ("計", "無担保")
             for f in ("value", "value_text", "amount_yen")}
    assert found == money | {("諸比率", "延滞率", "", f) for f in ("value", "value_text")}
    by = {(r["item"], r["condition"], r["field"]): r for r in rows}
    total = by[(FIGURE_ITEM, "計", "value")]
    assert (total["delta"], total["delta_unit"]) == (str(FIGURE_GROWTH), "百万円")
    assert total["description"].startswith(f"+{FIGURE_GROWTH:,}百万円（+4.7%")
    assert by[(FIGURE_ITEM, "計", "amount_yen")]["delta"] == str(FIGURE_GROWTH * 1_000_000)
    ratio = by[("延滞率", "", "value")]
    assert (ratio["delta"], ratio["delta_unit"], ratio["description"]) == ("0.01", "pt",
                                                                            "+0.010ポイント")


def test_finds_exactly_the_added_and_removed_measure(edited) -> None:
    out, done = edited
    assert f"plan_measures {OLD_FY} → {NEW_FY}: 0 changed, 1 added, 1 removed" in done.stdout
    rows = _rows(out, MEASURES_STEM)
    texts = [(r["change"], r["path"], r["old"] or r["new"]) for r in rows if r["field"] == "text"]
    assert texts == [
        ("added", "3 › 基本戦略1 › 1 › (2) › ③", ADDED_TEXT),
        ("removed", "3 › 基本戦略1 › 2 › (2) › ②", REMOVED_TEXT),
    ]
    assert {r["change"] for r in rows} == {"added", "removed"}


def test_reports_for_people(edited) -> None:
    out, _ = edited
    markdown = (out / "diffs" / f"{NPO_STEM}.md").read_text("utf-8")
    assert "## 中央労働金庫" in markdown and "### 金利 › その他/無担保 (変更)" in markdown
    page = (out / "diffs" / f"{NPO_STEM}.html").read_text("utf-8")
    assert "<del>2</del>事業年度以上" in page and "<ins>3</ins>事業年度以上" in page
    plan = (out / "diffs" / f"{MEASURES_STEM}.md").read_text("utf-8")
    assert "## 3: ３． 個別施策\n" in plan and "### 3 › 基本戦略1 › 1 › (2) › ③ (追加)" in plan


def test_same_editions_in_another_layout_report_nothing(tmp_path) -> None:
    truth, plan = load_truth_edition(), load_truth_plan()
    out, done = _build_and_diff(tmp_path, (truth, _as_of(truth, NEW)),
                                (plan, _fiscal_year(plan, NEW_FY)))
    assert done.returncode == 0, done.stderr
    for name, old, new in (("npo_loan_terms", OLD, NEW), ("plan_key_figures", OLD_FY, NEW_FY),
                           ("plan_measures", OLD_FY, NEW_FY)):
        assert f"{name} {old} → {new}: no changes" in done.stdout
        assert _rows(out, f"{name}_{old}_{new}") == []
    cli = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "pipeline", "diff", "--out",
                          str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stdout + cli.stderr
