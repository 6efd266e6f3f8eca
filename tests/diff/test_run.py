"""The `diff` command: files written, summary printed, exit 0 / 1 / 2 like diff(1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.errors import PipelineError
from pipeline.diff.run import diff_published
from tests.conftest import ROOT
from tests.diff.helpers import frame, npo_row

pytestmark = pytest.mark.slow

STEM = "npo_loan_terms_2025-04-01_2026-04-01"


def _publish(out: Path, *editions: tuple[str, str]) -> None:
    """npo_loan_terms with one row per (as_of, mark)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = [npo_row(as_of, "中国労働金庫", "融資の種類", "手形貸付", mark=mark)
            for as_of, mark in editions]
    frame(rows).to_csv(out / "npo_loan_terms.csv", index=False, lineterminator="\n")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "diff", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_differences_exit_1_and_write_reports(tmp_path) -> None:
    _publish(tmp_path, ("2025-04-01", "○"), ("2026-04-01", "×"))
    done = cli("--out", str(tmp_path))
    assert done.returncode == 1, done.stderr
    assert "npo_loan_terms 2025-04-01 → 2026-04-01: 1 changed" in done.stdout
    assert sorted(p.name for p in (tmp_path / "diffs").iterdir()) == [
        f"{STEM}.csv", f"{STEM}.html", f"{STEM}.md"]
    assert "取扱終了" in (tmp_path / "diffs" / f"{STEM}.csv").read_text("utf-8")
    english = cli("--out", str(tmp_path), "--lang", "en")
    assert english.returncode == 1, english.stderr
    assert "no longer offered" in (tmp_path / "diffs" / f"{STEM}.csv").read_text("utf-8")
    assert '<html lang="en">' in (tmp_path / "diffs" / f"{STEM}.html").read_text("utf-8")
    assert cli("--out", str(tmp_path), "--lang", "fr").returncode == 2


def test_identical_exits_0(tmp_path) -> None:
    _publish(tmp_path, ("2025-04-01", "○"), ("2026-04-01", "○"))
    done = cli("--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "no changes" in done.stdout


def test_editions_chosen_by_option(tmp_path) -> None:
    _publish(tmp_path, ("2024-04-01", "○"), ("2025-04-01", "×"), ("2026-04-01", "×"))
    assert cli("--out", str(tmp_path)).returncode == 0
    chosen = cli("--out", str(tmp_path), "--from", "2024-04-01", "--to", "2026-04-01")
    assert chosen.returncode == 1
    assert (tmp_path / "diffs" / "npo_loan_terms_2024-04-01_2026-04-01.csv").is_file()


@pytest.mark.parametrize("args, message", [
    (["--from", "2023-04-01"], "no edition 2023-04-01"),
    (["--to", "2026/04/01"], "--to 2026/04/01"),
    (["--dataset", "nope"], "unknown dataset nope"),
])
def test_errors_exit_2_with_one_line(tmp_path, args, message) -> None:
    _publish(tmp_path, ("2025-04-01", "○"), ("2026-04-01", "×"))
    done = cli("--out", str(tmp_path), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "diffs").exists()


def test_one_edition_is_nothing_to_compare(tmp_path) -> None:
    _publish(tmp_path, ("2025-04-01", "○"))
    with pytest.raises(PipelineError, match="only edition 2025-04-01"):
        diff_published(tmp_path)
    assert cli("--out", str(tmp_path / "missing")).returncode == 2


def test_other_datasets_are_listed_as_skipped(tmp_path) -> None:
    _publish(tmp_path, ("2025-04-01", "○"), ("2026-04-01", "○"))
    run = diff_published(tmp_path)
    assert [d.spec.name for d in run.diffs] == ["npo_loan_terms"]
    assert run.identical
    assert all(why == "not published" for why in run.skipped.values())
