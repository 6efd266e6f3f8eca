"""Benchmark: OCR of scans made from the shipped editions, against their text layers.

Run `make bench` (or `.venv/bin/python bench/ocr_bench.py`). Each shipped PDF is printed to an
image-only PDF several independent ways (bench/scans.py: PDFium's or Poppler's rasteriser, 300 and
200 dpi, turned either way, noise, dust and blur, grey JPEG or black and white), read back by the
pipeline's OCR, and its records scored against the text PDF's: per field (NPO: mark, value, unit;
plan: value_text, unit) right of all, the prose's character error rate (NPO notes, plan outline),
and seconds per page: wall, and CPU of this process and of the workers it forked. Figures, not
tests: nothing here passes or fails. The last lines are the table for README "Scanned editions".
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench import machine  # noqa: E402
from bench.markdown_block import recorded  # noqa: E402
from bench.ocr_accuracy import Score, lenient_clean, score  # noqa: E402
from bench.scans import ScanSettings, scan_pdf  # noqa: E402
from pipeline.core.workers import cpus  # noqa: E402
from pipeline.extract.document import extract_pdf  # noqa: E402
from pipeline.extract.ocr import page as ocr_page  # noqa: E402
from pipeline.extract.ocr.tesseract import available, tessdata  # noqa: E402

NPO = ROOT / "raw" / "npo_loan_comparison_2025-04-01.pdf"
PLAN = ROOT / "raw" / "business_plan_2025.pdf"
BASE = ScanSettings()
# The grid: every resolution and skew, and the scans made other ways.
SETTINGS = [
    *(BASE.but(dpi=dpi, skew=skew) for dpi in (300, 200) for skew in (0.5, -0.5)),
    BASE.but(rasteriser="poppler", skew=0.5),
    BASE.but(rasteriser="poppler", skew=-0.5),
    BASE.but(rasteriser="poppler", skew=0.35),
    BASE.but(rasteriser="poppler", skew=-0.35),
    BASE.but(skew=-0.5, jpeg=50),
    BASE.but(rasteriser="poppler", skew=0.35, threshold=True),
    BASE.but(skew=-0.5, threshold=True),
    BASE.but(rasteriser="poppler", dpi=200, skew=0.5),
    BASE.but(rasteriser="poppler", dpi=200, skew=-0.5),
    BASE.but(skew=-0.5, jpeg=30, blur=1.0),
    BASE.but(skew=0.5, blur=1.2, noise=20.0),
]
# The resolution the CPU target is for (issue 20.9: a page of the 13-bank table at 300 dpi).
TARGET_DPI = 300


@dataclass
class Figures:
    """One scan of one PDF read back: its score (None if the clean could not read it)."""

    result: Score | None
    pages: int
    wall: float
    cpu: float
    failure: str = ""
    unguarded: Score | None = None  # read with the line-height guard off, where it stopped


def _cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (the OCR workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _unguarded(scan: Path, truth: dict) -> Score | None:
    """The scan read with the line-height guard off (what the guard keeps from being
    published), scored; None when even so it cannot be read."""
    with mock.patch.object(ocr_page, "LEAST_LINE", 0):
        try:
            return score(truth, lenient_clean(extract_pdf(scan)))
        except Exception:  # noqa: BLE001 - a figure, not a result
            return None


def measure(pdf: Path, settings: ScanSettings, folder: Path) -> Figures:
    truth = lenient_clean(extract_pdf(pdf))
    scan = scan_pdf(pdf, folder / f"{settings.name}_{pdf.name}", settings)
    wall, cpu = time.perf_counter(), _cpu()
    try:
        artifact = extract_pdf(scan)
    except Exception as exc:  # a scan the extract cannot read: say so, go on
        unguarded = _unguarded(scan, truth) if "too few to read" in str(exc) else None
        return Figures(None, 1, 0.0, 0.0, f"extract failed: {exc}", unguarded)
    pages = len(artifact["pages"])
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    try:
        return Figures(score(truth, lenient_clean(artifact)), pages, wall, cpu)
    except Exception as exc:  # a scan the clean cannot read at all
        return Figures(None, pages, wall, cpu, f"clean failed: {exc}")


def line(pdf: Path, settings: ScanSettings, figures: Figures, wrong: bool) -> str:
    head = f"  {settings.name:30} {pdf.stem[:24]:24}"
    if figures.result is None:
        if figures.unguarded is not None:
            u = figures.unguarded
            return (f"{head} {figures.failure}\n      (read with the guard off: {u.right}/{u.total}"
                    f" fields, CER {100 * u.cer:.2f} %)")
        return f"{head} {figures.failure}"
    r = figures.result
    fields = "  ".join(f"{name} {right}/{total}" for name, (right, total) in r.fields.items())
    text = (f"{head} {r.right}/{r.total} fields ({fields}); CER {100 * r.cer:.2f} %; "
            f"{figures.wall / figures.pages:.1f} s/page wall, "
            f"{figures.cpu / figures.pages:.1f} s/page CPU")
    if wrong:
        text += "".join(f"\n      {where}: {truth!r} read {read!r}"
                        for where, truth, read in r.wrong)
    return text


def _rows_right(result: Score | None, rows: int) -> str:
    if result is None:
        return "—"
    wrong_rows = {where.rsplit(" ", 1)[0] for where, _, _ in result.wrong}
    return str(rows - len(wrong_rows))


def _stopped(figures: Figures) -> str:
    """A stopped scan's cell: stops, and what reading it anyway would have given."""
    if figures.unguarded is None:
        return figures.failure
    return f"stops ({figures.unguarded.right} read with the guard off)"


def table(rows: list[tuple[ScanSettings, Figures, Figures | None]]) -> str:
    """The figures as README's table (markdown)."""
    out = ["| scan | NPO marks, values, units (of 585) | NPO notes' CER | "
           "plan key figures (of 16) | CPU s/page NPO (plan) | wall s/page NPO (plan) |",
           "|---|---|---|---|---|---|"]
    for settings, npo, plan in rows:
        fields = str(npo.result.right) if npo.result else _stopped(npo)
        cer = f"{100 * npo.result.cer:.1f} %" if npo.result else "—"
        figures = (_stopped(plan) if plan.result is None else _rows_right(plan.result, 16)
                   ) if plan else "not run"
        cpu, wall = (f"{getattr(npo, k) / npo.pages:.1f}" + (
            f" ({getattr(plan, k) / plan.pages:.1f})" if plan else "") for k in ("cpu", "wall"))
        out.append(f"| {settings.name} | {fields} | {cer} | {figures} | {cpu} | {wall} |")
    return "\n".join(out)


def cpu_summary(rows: list[tuple[ScanSettings, Figures, Figures | None]]) -> str:
    """CPU of the NPO table's pages read at TARGET_DPI: per page, and for the whole table."""
    read = [npo for settings, npo, _ in rows if settings.dpi == TARGET_DPI and npo.cpu]
    if not read:
        return ""
    pages = sum(f.pages for f in read)
    per_page, wall = sum(f.cpu for f in read) / pages, sum(f.wall for f in read) / pages
    per_table = sum(f.cpu for f in read) / len(read)
    return (f"NPO table at {TARGET_DPI} dpi, {len(read)} scans: {per_page:.1f} s CPU a page "
            f"(this process and its OCR workers), {wall:.1f} s wall a page on {cpus()} CPUs "
            f"(load average {os.getloadavg()[0]:.1f}), {per_table:.1f} s CPU for the whole "
            f"table ({read[0].pages} pages)")


def _shown(path: Path) -> str:
    """`path` from the project's folder where it is inside it (the venv's model)."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, action="append", help="only these resolutions")
    parser.add_argument("--npo-only", action="store_true", help="leave the business plan out")
    parser.add_argument("--wrong", action="store_true", help="list every field read wrong")
    parser.add_argument("--only", action="append", help="only scans whose name has this")
    parser.add_argument("--markdown", type=Path, metavar="FILE",
                        help="also write the figures into FILE's <!-- bench:ocr --> block")
    args = parser.parse_args()
    missing = available()
    if missing:
        sys.exit(f"make bench: OCR figures skipped: {missing}")
    with recorded(args.markdown, "ocr"):
        run(args)


def run(args: argparse.Namespace) -> None:
    """Every scan of the grid the options keep, read and scored, then the table."""
    print(f"OCR of generated scans against the text layer (`bench/ocr_bench.py` on "
          f"{machine()}; model: {_shown(tessdata())}/jpn.traineddata):")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for settings in SETTINGS:
            if args.dpi and settings.dpi not in args.dpi:
                continue
            if args.only and not any(part in settings.name for part in args.only):
                continue
            npo = measure(NPO, settings, Path(folder))
            print(line(NPO, settings, npo, args.wrong), flush=True)
            plan = None
            if not args.npo_only:
                plan = measure(PLAN, settings, Path(folder))
                print(line(PLAN, settings, plan, args.wrong), flush=True)
            rows.append((settings, npo, plan))
    print("\n" + table(rows))
    summary = cpu_summary(rows)
    if summary:
        print("\n" + summary)


if __name__ == "__main__":
    main()
