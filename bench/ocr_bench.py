"""Benchmark: OCR of scans made from the shipped editions, against their text layers.

Run `make bench` (or `.venv/bin/python bench/ocr_bench.py`). Each shipped PDF is printed to an
image-only PDF (bench/scans.py: 200 and 300 dpi, turned +0.5° and −0.5°, sensor noise, dust, a
little blur), read back by the pipeline's OCR, and its records scored against the text PDF's:
per field (NPO: mark, value, unit; plan: value_text, unit) right of all, the prose's character
error rate (NPO notes, plan outline), and seconds per page (wall and CPU, one process).
Figures, not tests: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ocr_accuracy import lenient_clean, score  # noqa: E402
from bench.scans import ScanSettings, scan_pdf  # noqa: E402
from pipeline.extract.document import extract_pdf  # noqa: E402
from pipeline.extract.ocr.tesseract import available  # noqa: E402

PDFS = (ROOT / "raw" / "npo_loan_comparison_2025-04-01.pdf",
        ROOT / "raw" / "business_plan_2025.pdf")
SETTINGS = [ScanSettings(dpi=dpi, skew=skew) for dpi in (300, 200) for skew in (0.5, -0.5)]


def one(pdf: Path, settings: ScanSettings, folder: Path) -> str:
    """One line of figures for `pdf` scanned with `settings`."""
    truth = lenient_clean(extract_pdf(pdf))
    scan = scan_pdf(pdf, folder / f"{settings.name}_{pdf.name}", settings)
    wall, cpu = time.perf_counter(), time.process_time()
    artifact = extract_pdf(scan)
    pages = len(artifact["pages"])
    wall, cpu = (time.perf_counter() - wall) / pages, (time.process_time() - cpu) / pages
    try:
        result = score(truth, lenient_clean(artifact))
    except Exception as exc:  # a scan the clean cannot read at all: say so, go on
        return f"  {settings.name:18} {pdf.stem[:28]:28} clean failed: {exc}"
    fields = "  ".join(f"{name} {right}/{total}" for name, (right, total) in result.fields.items())
    return (f"  {settings.name:18} {pdf.stem[:28]:28} {result.right}/{result.total} fields "
            f"({fields}); CER {100 * result.cer:.2f} %; {wall:.1f} s/page wall, "
            f"{cpu:.1f} s/page CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, action="append", help="only these resolutions")
    parser.add_argument("--wrong", action="store_true", help="list every field read wrong")
    args = parser.parse_args()
    missing = available()
    if missing:
        sys.exit(f"make bench: OCR figures skipped: {missing}")
    print("OCR of generated scans (noise 12, dust 0.05 %, blur 0.6 px) against the text layer:")
    with tempfile.TemporaryDirectory() as folder:
        for settings in SETTINGS:
            if args.dpi and settings.dpi not in args.dpi:
                continue
            for pdf in PDFS:
                print(one(pdf, settings, Path(folder)), flush=True)


if __name__ == "__main__":
    main()
