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
# OCR came in (main at 2530c30; re-pinned at the merge with main c644839, the same bytes as main
# without the OCR code). A deliberate change to the extract re-pins these.
BEFORE_OCR = {
    (NPO_PDF.name, "pdfplumber"):
        "fafd8a6aa0e6ffc1020e5721580655318dfa7667d59a33f17104a8f6f4c87374",
    (NPO_PDF.name, "pdfium"):
        "769abdc13eef1e25bdf013ca8853a4ebc3c84010f260c788147a910e199d643c",
    (PLAN_PDF.name, "pdfplumber"):
        "b41ca2f8e44e54cfd325a06bf676f8ef67323bb0c2a70124e6756edd81d0464d",
    (PLAN_PDF.name, "pdfium"):
        "a4d4e9daa41b023f58b0cc8277a168a5969a0894a4ed595dcfc19f6f9dea6bb9",
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


@pytest.mark.slow
@pytest.mark.parametrize(("name", "engine"), sorted(BEFORE_OCR))
def test_a_text_pdf_extracts_as_before_ocr_without_loading_it(name, engine, tmp_path) -> None:
    target = tmp_path / "artifact.json"
    done = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT / "raw" / name), engine,
                           str(target)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"  # no OCR module was imported
    assert hashlib.sha256(target.read_bytes()).hexdigest() == BEFORE_OCR[(name, engine)]
