from __future__ import annotations

import csv
import io

from pipeline.diff.compare import compare_editions
from pipeline.diff.spec import spec_for
from pipeline.diff.write import write_diff
from tests.diff.helpers import NPO, frame, npo_row


def _diff(old_rows, new_rows):
    return compare_editions(spec_for(NPO), frame(old_rows), frame(new_rows), "2025-04-01",
                            "2026-04-01")


def test_files_name_both_editions_and_are_deterministic(tmp_path) -> None:
    banks = ("東北労働金庫", "北海道労働金庫")
    old = [npo_row("2025-04-01", b, "保証人要否", mark="否") for b in banks]
    new = [dict(r, as_of="2026-04-01", mark="要") for r in old]
    paths = write_diff(_diff(old, new), tmp_path)
    names = sorted(p.name for p in paths)
    stem = "npo_loan_terms_2025-04-01_2026-04-01"
    assert names == [f"{stem}.csv", f"{stem}.html", f"{stem}.md"]
    assert all(p.parent == tmp_path / "diffs" for p in paths)
    first = {p.name: p.read_bytes() for p in paths}
    write_diff(_diff(old[::-1], new), tmp_path)
    assert first == {p.name: p.read_bytes() for p in paths}
    rows = list(csv.DictReader(io.StringIO(first[f"{stem}.csv"].decode("utf-8"))))
    assert list(rows[0]) == ["bank", "item", "condition", "field", "change", "old", "new",
                             "delta", "delta_unit", "delta_pct", "description"]
    assert [(r["bank"], r["field"], r["old"], r["new"]) for r in rows if r["field"] == "mark"] \
        == [("北海道労働金庫", "mark", "否", "要"), ("東北労働金庫", "mark", "否", "要")]
    assert b"\r" not in first[f"{stem}.csv"]


def test_identical_writes_header_only(tmp_path) -> None:
    row = [npo_row("2025-04-01", "北海道労働金庫", "保証人要否", mark="否")]
    paths = write_diff(_diff(row, [dict(row[0], as_of="2026-04-01")]), tmp_path)
    csv_file = next(p for p in paths if p.suffix == ".csv")
    assert csv_file.read_text("utf-8").splitlines() == [
        "bank,item,condition,field,change,old,new,delta,delta_unit,delta_pct,description"]


def test_printed_text_that_would_run_as_a_formula_is_escaped(tmp_path) -> None:
    """The diff CSV escapes what the PDFs print as the published CSV does (OWASP); the
    Markdown shows a note that is HTML as text, never as a tag."""
    old = [npo_row("2025-04-01", "北海道労働金庫", "金利", "その他", note="=1+1"),
           npo_row("2025-04-01", "東北労働金庫", "金利", "その他", note="旧")]
    new = [dict(old[0], as_of="2026-04-01", note="@SUM(A1:A2)"),
           dict(old[1], as_of="2026-04-01", note="<img src=x onerror=alert(1)>")]
    paths = {p.suffix: p for p in write_diff(_diff(old, new), tmp_path)}
    rows = list(csv.DictReader(io.StringIO(paths[".csv"].read_text("utf-8"))))
    notes = {(r["old"], r["new"]) for r in rows if r["field"] == "note"}
    assert ("'=1+1", "'@SUM(A1:A2)") in notes
    markdown = paths[".md"].read_text("utf-8")
    assert "<img" not in markdown and "&lt;img src=x onerror=alert(1)&gt;" in markdown
    assert "<img" not in paths[".html"].read_text("utf-8")
