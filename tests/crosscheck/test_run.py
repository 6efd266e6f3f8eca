"""The cross-check command on the shipped PDFs: camelot (lattice) and pdfplumber agree."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.files import sha256_of
from pipeline.crosscheck import run as crosscheck_run
from pipeline.extract import document
from tests.conftest import NPO_PDF, RAW, ROOT

pytestmark = pytest.mark.slow


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


def test_the_listing_holds_each_disagreement_with_its_box(monkeypatch, tmp_path) -> None:
    real = document.extract_pdf

    def tampered(path, engine="pdfplumber", **options):
        data = real(path, engine=engine, **options)
        if engine == "pdfium":
            data["pages"][1]["tables"][0]["cells"][40]["text"] = "改ざん"
        return data

    monkeypatch.setattr(document, "extract_pdf", tampered)
    listing = tmp_path / "crosscheck.json"
    with pytest.raises(PipelineError, match="disagree on 1 cell"):
        crosscheck_run.crosscheck_files([NPO_PDF], [].append, checks=("engines",),
                                        listing=listing)
    data = json.loads(listing.read_text("utf-8"))
    assert data["error"].startswith("pdfplumber and pdfium disagree on 1 cell")
    [item] = data["disagreements"]
    cell = real(NPO_PDF)["pages"][1]["tables"][0]["cells"][40]
    assert (item["file"], item["sha256"]) == (NPO_PDF.name, sha256_of(NPO_PDF))
    assert (item["check"], item["page"], item["why"]) == ("engines", 2, "text differs")
    assert item["where"] == f"table 1 R{cell['row'] + 1}C{cell['col'] + 1}"
    assert item["readings"]["pdfium"] == "'改ざん'" and item["bbox"] == cell["bbox"]
