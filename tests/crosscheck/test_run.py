"""The cross-check command on the shipped PDFs: camelot (lattice) and pdfplumber agree."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.core.errors import PipelineError
from pipeline.crosscheck import run as crosscheck_run
from pipeline.extract import document
from tests.conftest import NPO_PDF, RAW, ROOT


def test_engines_agree_on_every_shipped_pdf() -> None:
    pdfs = sorted(RAW.glob("*.pdf"))
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "crosscheck", *map(str, pdfs)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summaries = [line for line in result.stdout.splitlines() if line.startswith("crosscheck ")]
    assert len(summaries) == len(pdfs)
    assert all(line.endswith(" 0 disagreement(s)") for line in summaries), result.stdout
    assert sum(int(line.split(": ")[1].split()[0]) for line in summaries) > 500  # cells compared


def test_a_changed_cell_is_reported_by_page_and_cell(monkeypatch) -> None:
    real = document.extract_pdf

    def tampered(path, engine="pdfplumber", **options):
        data = real(path, engine=engine, **options)
        cell = data["pages"][1]["tables"][0]["cells"][40]
        cell["text"] = "改ざん"
        return data

    monkeypatch.setattr(document, "extract_pdf", tampered)
    lines: list[str] = []
    with pytest.raises(PipelineError, match="disagree on 1 cell"):
        crosscheck_run.crosscheck_files([NPO_PDF], lines.append, checks=("camelot",))
    [report] = [line for line in lines if "text differs" in line]
    assert "page 2 table 1" in report and "'改ざん'" in report
