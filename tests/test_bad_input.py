"""Bad input through the real command line: one clear line, exit 2, no traceback, out/ untouched."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_pdfs import BAD_INPUTS
from tests.conftest import NPO_PDF, ROOT

pytestmark = pytest.mark.slow

BAD_NAME = "zz_bad_input.pdf"  # sorts after the good PDF, so the good one is read first


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative path → bytes); empty if the folder does not exist."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """An out/ folder from a good run, its interim artifact edited so a rewrite would show."""
    raw = tmp_path_factory.mktemp("good_raw")
    shutil.copy(NPO_PDF, raw / NPO_PDF.name)
    out = tmp_path_factory.mktemp("published") / "out"
    done = run_cli("all", "--raw", str(raw), "--out", str(out))
    assert done.returncode == 0, done.stderr
    artifact = out / "interim" / f"{NPO_PDF.stem}.extract.json"
    artifact.write_bytes(artifact.read_bytes() + b"\n")
    return out


@pytest.fixture()
def bad_run(published, tmp_path):
    """Run `all` on the good PDF plus one bad file over a copy of `published`."""

    def run(case: str) -> tuple[subprocess.CompletedProcess, Path, dict[str, bytes]]:
        raw = tmp_path / "raw"
        raw.mkdir()
        shutil.copy(NPO_PDF, raw / NPO_PDF.name)
        (raw / BAD_NAME).write_bytes(BAD_INPUTS[case].build())
        out = tmp_path / "out"
        shutil.copytree(published, out)
        before = snapshot(out)
        return run_cli("all", "--raw", str(raw), "--out", str(out)), out, before

    return run


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_publishes_nothing(case, bad_run) -> None:
    result, out, before = bad_run(case)
    expected = BAD_INPUTS[case]
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("error: ") and "Traceback" not in result.stderr
    assert "internal:" not in line, line  # a PipelineError, not a caught crash
    assert BAD_NAME in line, line
    assert expected.says in line, line
    if expected.page:
        assert f"page {expected.page}" in line, line
    assert "publish" not in result.stdout
    assert snapshot(out) == before


def test_missing_out_folder_is_not_created_on_error(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / NPO_PDF.name)
    (raw / BAD_NAME).write_bytes(BAD_INPUTS["encrypted"].build())
    result = run_cli("all", "--raw", str(raw), "--out", str(tmp_path / "new_out"))
    assert result.returncode == 2
    assert not (tmp_path / "new_out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("case", ["cid_codes", "page_200_inches", "type1_without_fontbbox"])
def test_make_all_with_a_bad_pdf_keeps_out_byte_identical(case, published, tmp_path) -> None:
    """Interim included: make's records and the new PDF's artifacts are written only with a
    successful publish."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / NPO_PDF.name)
    (raw / BAD_NAME).write_bytes(BAD_INPUTS[case].build())
    out = tmp_path / "out"
    shutil.copytree(published, out)
    before = snapshot(out)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "all", f"RAW={raw}", f"OUT={out}"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if not line.startswith("make: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {BAD_NAME}: "), result.stderr
    assert BAD_INPUTS[case].says in errors[0]
    assert snapshot(out) == before
