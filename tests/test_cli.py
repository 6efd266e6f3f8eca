"""The command line: lazy imports, per-PDF time limit, and --jobs giving the same bytes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NPO_PDF, RAW, ROOT


def run_cli(*args: str, python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "pipeline", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_help_does_not_import_camelot_or_opencv() -> None:
    result = run_cli("--help", python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    assert "crosscheck" in result.stdout
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "click" in imported  # the import log is really there
    assert not imported & {"camelot", "cv2"}, imported


@pytest.mark.parametrize("command", ["all", "crosscheck"])
def test_subcommand_help_stays_light(command) -> None:
    result = run_cli(command, "--help", python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    assert "camelot" not in result.stderr and "cv2" not in result.stderr


def test_timeout_is_a_clean_error_and_publishes_nothing(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / NPO_PDF.name)
    out = tmp_path / "out"
    result = run_cli("all", "--raw", str(raw), "--out", str(out), "--timeout", "0.001")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert NPO_PDF.name in result.stderr and "timed out" in result.stderr
    assert not out.exists()


def test_extract_command_honours_timeout(tmp_path) -> None:
    result = run_cli("extract", str(NPO_PDF), "-o", str(tmp_path / "x.json"), "--timeout", "0.001")
    assert result.returncode == 2 and "timed out" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_jobs_give_the_same_bytes_as_one_job(tmp_path) -> None:
    one = run_cli("all", "--raw", str(RAW), "--out", str(tmp_path / "one"), "--jobs", "1")
    assert one.returncode == 0, one.stderr
    many = run_cli("all", "--raw", str(RAW), "--out", str(tmp_path / "many"), "--jobs", "0")
    assert many.returncode == 0, many.stderr
    assert files(tmp_path / "one") == files(tmp_path / "many")
    assert any(name.endswith(".csv") for name in files(tmp_path / "one"))
