"""A text PDF's output does not change by one byte with OCR in the code: its pages are never
read by OCR (the OCR package is not even imported), and its artifacts are the ones the extract
made before OCR existed."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from tests.conftest import NPO_PDF, PLAN_PDF, ROOT

# sha256 of `python -m pipeline extract PDF --engine E -o FILE`'s FILE, made by the code before
# OCR came in (main at 2530c30; re-pinned at the merge with main's positions rounded by way of
# 3 decimals, the same bytes as main without OCR). A deliberate change to the extract re-pins these.
BEFORE_OCR = {
    (NPO_PDF.name, "pdfplumber"):
        "ffe8271a40c337a3f270bee7027d166dfcb0b0bb371ac07eddbeabe2486f7f26",
    (NPO_PDF.name, "pdfium"):
        "badb7e010e6d4175bb122302d18f660f4f61a51f4580f8a1c83f6330de16af5f",
    (PLAN_PDF.name, "pdfplumber"):
        "091659adb1fa751185aea5cb91013b2354a452ad4114fadce3dfccfcc2305720",
    (PLAN_PDF.name, "pdfium"):
        "38a9282caadef5c6cc470bb9d7c12d59e4a2eae073566af6d4a319643eb8d57a",
}
_PROBE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from pipeline.cli import main\n"
    "try:\n"
    "    main(['extract', sys.argv[1], '--engine', sys.argv[2], '-o', sys.argv[3]])\n"
    "except SystemExit as exc:\n"
    "    assert not exc.code, exc.code\n"
    "print(sorted(m for m in sys.modules if m.startswith('pipeline.extract.ocr')))\n"
)


@pytest.mark.parametrize(("name", "engine"), sorted(BEFORE_OCR))
def test_a_text_pdf_extracts_as_before_ocr_without_loading_it(name, engine, tmp_path) -> None:
    target = tmp_path / "artifact.json"
    done = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT / "raw" / name), engine,
                           str(target)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"  # no OCR module was imported
    assert hashlib.sha256(target.read_bytes()).hexdigest() == BEFORE_OCR[(name, engine)]
