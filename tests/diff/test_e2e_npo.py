"""End to end on the NPO table: a second edition with known edits, rendered to PDF in another
layout, built with `make all` and compared with `make diff`, shows exactly those edits; the same
edition re-rendered in another layout shows nothing."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.variants.npo_pdf import edit_cell, load_truth_edition, render_npo_pdf

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

OLD, NEW = "2025-04-01", "2026-04-01"
STEM = f"npo_loan_terms_{OLD}_{NEW}"
# Another year's layout: other page split, font and column widths.
OTHER_LAYOUT = {"banks_per_page": (5, 4, 4), "font": "HeiseiMin-W3", "col_scale": 1.15}

# (bank, truth row, cell fields to set) and the published fields each edit must change.
EDITS = [
    ("中央労働金庫", "金利/その他/無担保", {"value": "2.625"},
     {"value", "rate_min_pct", "rate_max_pct"}),
    ("北海道労働金庫", "融資額限度/無担保", {"value": "1,500"}, {"value", "limit_yen"}),
    ("東北労働金庫", "融資の種類/手形貸付", {"mark": "×"}, {"mark", "is_offered"}),
    # The same term printed in months: value and unit change, the typed term does not.
    ("九州労働金庫", "返済期間/手形貸付", {"value": "12", "unit": "ヶ月"}, {"value", "unit"}),
    ("中央労働金庫", "保証人要否", {"mark": "要"}, {"mark", "is_required"}),
]
ELIGIBILITY = ("北海道労働金庫", "対象団体の主な条件")


def _as_of(edition: dict, iso: str) -> dict:
    year, month, day = (int(p) for p in iso.split("-"))
    return {**edition, "as_of": iso, "as_of_label": f"{year}年{month}月{day}日現在"}


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), *args],
                          capture_output=True, text=True, timeout=600)


def _build_and_diff(tmp: Path, old: dict, new: dict) -> tuple[Path, subprocess.CompletedProcess]:
    raw, out = tmp / "raw", tmp / "out"
    raw.mkdir()
    render_npo_pdf(old, raw / "a.pdf")
    render_npo_pdf(new, raw / "b.pdf", **OTHER_LAYOUT)
    built = make("all", f"RAW={raw}", f"OUT={out}")
    assert built.returncode == 0, built.stderr
    return out, make("diff", f"OUT={out}")


def _edited() -> dict:
    edition = _as_of(load_truth_edition(), NEW)
    for bank, row, fields, _ in EDITS:
        edition = edit_cell(edition, bank, row, **fields)
    bank, row = ELIGIBILITY
    note = edition["cells"][bank][row]["note"]
    assert "2事業年度以上" in note
    return edit_cell(edition, bank, row, note=note.replace("2事業年度以上", "3事業年度以上"))


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    return _build_and_diff(tmp_path_factory.mktemp("edited"), load_truth_edition(), _edited())


def _rows(out: Path) -> list[dict[str, str]]:
    with (out / "diffs" / f"{STEM}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _key(row: dict[str, str]) -> tuple[str, str]:
    return row["bank"], "/".join(p for p in (row["item"], row["condition"]) if p)


def test_finds_exactly_the_edits(edited) -> None:
    out, done = edited
    assert done.returncode == 0, done.stderr
    assert f"npo_loan_terms {OLD} → {NEW}: 6 changed, 0 added, 0 removed" in done.stdout
    found = {(_key(r), r["field"]) for r in _rows(out)}
    expected = {((bank, row), f) for bank, row, _, fields in EDITS for f in fields}
    expected.add((ELIGIBILITY, "note"))
    assert found == expected
    assert {r["change"] for r in _rows(out)} == {"changed"}


def test_edits_are_read_with_their_units(edited) -> None:
    out, _ = edited
    by = {(_key(r), r["field"]): r for r in _rows(out)}
    rate = by[(("中央労働金庫", "金利/その他/無担保"), "rate_min_pct")]
    assert (rate["old"], rate["new"], rate["delta"], rate["delta_unit"]) == \
        ("2.875", "2.625", "-0.25", "pt")
    assert rate["description"] == "\u22120.250pt"
    limit = by[(("北海道労働金庫", "融資額限度/無担保"), "limit_yen")]
    assert (limit["delta"], limit["delta_unit"], limit["delta_pct"]) == ("5000000", "yen", "50")
    assert by[(("東北労働金庫", "融資の種類/手形貸付"), "mark")]["description"] == \
        "no longer offered (○ → ×)"
    assert by[(("中央労働金庫", "保証人要否"), "mark")]["description"] == "newly required (否 → 要)"
    assert by[(("九州労働金庫", "返済期間/手形貸付"), "unit")]["description"] == "年 → ヶ月"
    note = by[(ELIGIBILITY, "note")]
    assert "2事業年度以上" in note["old"] and "3事業年度以上" in note["new"]


def test_reports_for_people(edited) -> None:
    out, _ = edited
    markdown = (out / "diffs" / f"{STEM}.md").read_text("utf-8")
    assert "## 中央労働金庫" in markdown and "### 金利 › その他/無担保 (changed)" in markdown
    page = (out / "diffs" / f"{STEM}.html").read_text("utf-8")
    assert "<del>2</del>事業年度以上" in page and "<ins>3</ins>事業年度以上" in page


def test_same_edition_in_another_layout_reports_nothing(tmp_path) -> None:
    truth = load_truth_edition()
    out, done = _build_and_diff(tmp_path, truth, _as_of(truth, NEW))
    assert done.returncode == 0, done.stderr
    assert f"npo_loan_terms {OLD} → {NEW}: no changes" in done.stdout
    assert _rows(out) == []
    cli = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "pipeline", "diff", "--out",
                          str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stdout + cli.stderr
