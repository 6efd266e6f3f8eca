"""OUT/report.html: self-contained, deterministic, every bank and value with where it came from."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.kinds.npo_loan import report as npo
from pipeline.report.build import REPORT, write_report
from pipeline.report.load import load_published
from pipeline.report.provenance import provenance
from tests.conftest import ROOT
from tests.conftest import SHIPPED_BANKS as LABOUR_BANKS
from tests.downstream import add_edition
from tests.report.conftest import Elements


def render(out: Path) -> tuple[str, Elements]:
    text = write_report(out).read_text("utf-8")
    return text, Elements(text)


def test_banks_side_by_side_in_printed_order_with_provenance(out: Path) -> None:
    _, doc = render(out)
    frame = load_published(out).frames["npo_loan_terms"]
    rows = [text for attrs, text in doc.of("th") if text in LABOUR_BANKS]
    assert rows[:13] == list(LABOUR_BANKS)
    compared = frame[(frame["mark"] != "") | (frame["value"] != "")]
    shown = {a["title"].rsplit("— ", 1)[-1]: text for a, text in doc.of("td") if "title" in a}
    for _, row in compared.iterrows():
        where = provenance(row)
        assert where in shown, where
        assert shown[where].removesuffix("※") == (npo.cell_text(row) or "—")
    assert all(re.search(r"\.pdf p\.\d+ R\d+C\d+$", where) for where in shown
               if "npo_loan" in where)


def test_every_note_is_listed_with_its_source(out: Path) -> None:
    text, _ = render(out)
    frame = load_published(out).frames["npo_loan_terms"]
    noted = frame[frame["note"] != ""]
    assert len(noted) > 100
    for _, row in noted.iterrows():
        assert provenance(row) in text


def test_page_is_self_contained(out: Path) -> None:
    text, doc = render(out)
    assert "<script" not in text.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "url(" not in text and "@import" not in text
    assert all(a["href"].startswith(("#", "diffs/")) for a, _ in doc.of("a"))
    style = "".join(t for _, t in doc.of("style"))
    assert "IPAexGothic" in style and "Noto Sans CJK JP" in style
    assert doc.of("html")[0][0]["lang"] == "ja"


@pytest.mark.slow
def test_output_is_deterministic(out: Path) -> None:
    first = write_report(out).read_bytes()
    second = write_report(out).read_bytes()
    assert first == second
    assert not re.search(rb"\d{2}:\d{2}:\d{2}", first)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".report-")) == []


def test_charts_draw_a_bar_per_value(out: Path) -> None:
    _, doc = render(out)
    svgs = doc.of("svg")
    assert len(svgs) >= 3
    assert all(float(a["width"]) > 0 and float(a["height"]) > 0 for a, _ in svgs)
    rects = [a for a, _ in doc.of("rect") if "title" not in a]
    assert rects and all(float(a["width"]) > 0 for a in rects)
    frame = load_published(out).frames["npo_loan_terms"]
    numeric = sum(frame[m.low].notna().sum() for m in npo.MEASURES)
    legend = sum(1 for a in rects if a.get("y") == "6")
    assert len(rects) - legend == numeric


def test_key_figures_with_cross_foot_status(out: Path) -> None:
    _, doc = render(out)
    plan = [t for a, t in doc.of("section", id="plan")][0]
    assert plan.count("✓ 一致") == 5 and "✗" not in plan
    frame = load_published(out).frames["plan_key_figures"]
    cells = {a["title"]: t for a, t in doc.of("td") if "title" in a}
    for _, row in frame.iterrows():
        # the figure as printed (1,814,456 百万円), never the float 1814456.0
        tip = f"{row['value_text']} {row['unit']} — {provenance(row)}"
        assert tip in cells and ".0 " not in tip
        assert float(cells[tip].replace(",", "")) == row["value"]


def test_a_broken_cross_foot_shows_and_fails_validation(out: Path) -> None:
    def tamper(frame: pd.DataFrame) -> pd.DataFrame:
        hit = (frame["item"] == "決算保証料") & (frame["condition"] == "計")
        frame.loc[hit, "value"] = frame.loc[hit, "value"] + 7
        return frame

    add_edition(out, "plan_key_figures", 2026, tamper)
    _, doc = render(out)
    plan = [t for a, t in doc.of("section", id="plan")][0]
    assert "2026" in plan and "✗ 差 7" in plan and plan.count("✓ 一致") == 4
    rows = {name: t for a, t in doc.of("tr") for name in ("plan_key_figures", "npo_loan_terms")
            if t.startswith(name)}
    broken = rows["plan_key_figures"]
    assert "✗" in broken and "2026 主要計数 決算保証料" in broken
    assert "✓" in rows["npo_loan_terms"] and "✗" not in rows["npo_loan_terms"]


def test_other_datasets_appear_without_their_own_code(out: Path) -> None:
    _, doc = render(out)
    measures = load_published(out).frames["plan_measures"]
    rows = [t for a, t in doc.of("section", id="plan_measures")]
    assert rows and f"{len(measures)} 行" in rows[0]
    first = measures.sort_values("seq").iloc[1]
    assert first["text"] in rows[0]


@pytest.mark.slow
def test_diff_reports_are_linked_when_there_are_two_editions(out: Path) -> None:
    text, _ = render(out)
    assert "diffs/" not in text and "複数の版" not in text
    add_edition(out, "npo_loan_terms", "2026-04-01")
    text, _ = render(out)
    assert "複数の版" in text and "python -m pipeline diff" in text
    (out / "diffs").mkdir()
    (out / "diffs" / "npo_loan_terms.html").write_text("<p>diff</p>", encoding="utf-8")
    _, doc = render(out)
    assert [a["href"] for a, _ in doc.of("a") if a["href"].startswith("diffs/")] == [
        "diffs/npo_loan_terms.html"]
    npo_section = [t for a, t in doc.of("section", id="npo")][0]
    assert "2026-04-01 現在" in npo_section and "ほかの版: 2025-04-01" in npo_section


@pytest.mark.slow
def test_cli_writes_the_report(out: Path, tmp_path: Path) -> None:
    (out / REPORT).unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-m", "pipeline", "report", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert (out / REPORT).stat().st_size > 10_000
    empty = tmp_path / "empty"
    empty.mkdir()
    failed = subprocess.run([sys.executable, "-m", "pipeline", "report", "--out", str(empty)],
                            capture_output=True, text=True, cwd=ROOT)
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1
    assert not (empty / REPORT).exists()


@pytest.mark.slow
def test_corrected_values_are_marked_with_their_reason(published_corrected: Path,
                                                       tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(published_corrected, out)
    text, doc = render(out)
    marks = [a["title"] for a, _ in doc.of("span", **{"class": "corrected"})]
    assert "訂正: value: 誤植（正しくは 900 万円）" in marks  # NPO table, notes
    assert "訂正: value_text: 末尾の桁の誤植" in marks  # plan key figures
    limit = [text for a, text in doc.of("td") if "誤植（正しくは 900 万円）" in a.get("title", "")]
    assert limit and limit[0].startswith("900万円")
    figures = [text for a, text in doc.of("td", **{"class": "num"}) if "末尾の桁" in
               a.get("title", "")]
    assert figures == ["21,058✎"]
    listed = doc.of("section", id="corrections")
    assert listed and "北海道労働金庫|融資額限度|無担保" in listed[0][1]
    assert "主要計数|代位弁済|有担保" in listed[0][1] and 'href="#corrections"' in text


@pytest.mark.slow
def test_only_a_file_this_process_wrote_from_validated_frames_skips_the_re_check(
        out: Path) -> None:
    """The build vouches for the Parquet files it just published (by sha256): the report
    then reads them as passed. Any other file, a tampered edition added here included, is
    checked in full; and the page is the same either way."""
    from pipeline.validate import check

    def tamper(frame: pd.DataFrame) -> pd.DataFrame:
        hit = (frame["item"] == "決算保証料") & (frame["condition"] == "計")
        frame.loc[hit, "value"] = frame.loc[hit, "value"] + 7
        return frame

    add_edition(out, "plan_key_figures", 2026, tamper)
    digests = load_published(out).digests()
    assert set(digests) >= {"npo_loan_terms", "plan_key_figures"}
    checked_page, _ = render(out)
    saved = set(check._VOUCHED)
    try:
        check.vouch("npo_loan_terms", digests["npo_loan_terms"])
        check.vouch("plan_key_figures", "sha256:" + "0" * 64)  # another file's
        vouched_page, doc = render(out)
    finally:
        check._VOUCHED.clear()
        check._VOUCHED.update(saved)
    rows = {name: t for a, t in doc.of("tr") for name in ("plan_key_figures", "npo_loan_terms")
            if t.startswith(name)}
    assert "✗" in rows["plan_key_figures"]  # not this file's digest: checked, and failing
    assert "✓" in rows["npo_loan_terms"]
    assert vouched_page == checked_page


@pytest.mark.parametrize(("name", "anchor"), [("npo_loan_terms", "npo"),
                                              ("plan_key_figures", "plan"),
                                              ("plan_measures", "plan_measures")])
def test_a_dataset_with_zero_rows_still_makes_the_report(published_once: Path, name: str,
                                                         anchor: str) -> None:
    """A kind that publishes no rows (nothing of its kind was read) is a report without them,
    never a traceback (it was: ValueError: max() arg is an empty sequence)."""
    from dataclasses import replace

    from pipeline.report.build import render_report

    pub = load_published(published_once)
    text = render_report(replace(pub, frames={**pub.frames, name: pub.frames[name].iloc[0:0]}))
    doc = Elements(text)
    assert doc.of("section", id="validation") and not doc.of("section", id=anchor)
    assert all(doc.of("section", id=other) for other in ("npo", "plan", "plan_measures")
               if other != anchor)
