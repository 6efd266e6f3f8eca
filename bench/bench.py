"""Benchmark: the whole build against a bare pdfplumber script, each extract engine against the
PDFium floor, peak memory, and how --jobs scales.

Run `make bench` (or `.venv/bin/python bench/bench.py`). Prints, for the shipped PDFs and in one
run: (1) whole processes, paired round by round: `make all` into an empty folder against a bare
`python` script running pdfplumber's `extract_tables` on the same PDFs, with each one's peak
memory (the largest resident set of the process tree); (2) in-process, per page: each engine's
extract stage against the floor, pypdfium2 loading every page's characters with their boxes, and
each engine's extract peak memory as its own process; (3) per-page medians of the whole pipeline
(in-process), bare pdfplumber and camelot's lattice read; then `python -m pipeline all --jobs 1`
against `--jobs N` on a scaled corpus (the shipped PDFs copied, each copy's edition year changed
so the copies are distinct editions, to 200+ pages); then how long a no-op `make all` takes.
Figures, not tests: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.markdown_block import recorded  # noqa: E402
from bench.pdf_edit import EditError, replace_text  # noqa: E402
from pipeline.run import run_all  # noqa: E402

RAW = ROOT / "raw"
# The bare pdfplumber script reads ruled tables, as the shipped editions are.
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
BARE_SCRIPT = (
    "import sys, pdfplumber\n"
    "for name in sys.argv[1:]:\n"
    "    with pdfplumber.open(name) as pdf:\n"
    "        for page in pdf.pages:\n"
    f"            page.extract_tables({TABLE_SETTINGS!r})\n"
    "            page.close()\n"
)


def run_measured(command: list[str], **options) -> tuple[float, float, int]:
    """(wall seconds, peak resident MiB of the process tree, exit status) of `command`."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               **options)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - begin
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    return wall, usage.ru_maxrss / 1024, process.returncode


def whole_build(pdfs: list[Path], rounds: int, engines: tuple[str, ...]) -> None:
    """`make all ENGINE=…` from scratch against the bare pdfplumber script, whole processes,
    paired round by round (the order alternating)."""
    if shutil.which("make") is None:
        return
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    names = ("bare", *engines)
    times: dict[str, list[float]] = {name: [] for name in names}
    peaks: dict[str, list[float]] = {name: [] for name in names}
    failed = 0
    try:
        for n in range(rounds + 1):  # round 0 warms the file cache and the code-deps file
            for which in (names if n % 2 else names[::-1]):
                if which == "bare":
                    command = [sys.executable, "-c", BARE_SCRIPT, *map(str, pdfs)]
                else:
                    command = ["make", "--no-print-directory", "-C", str(ROOT), "all",
                               f"OUT={work / f'{which}{n}'}", f"ENGINE={which}"]
                wall, peak, code = run_measured(command)
                failed += code != 0
                if n:
                    times[which].append(wall)
                    peaks[which].append(peak)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n## Whole processes, paired ({rounds} rounds): `make all` into an empty folder "
          "vs a bare pdfplumber extract_tables script on the same PDFs")
    print(f"  bare pdfplumber script: median {statistics.median(times['bare']):6.2f} s, peak "
          f"{max(peaks['bare']):5.0f} MiB")
    for engine in engines:
        ratios = [m / b for m, b in zip(times[engine], times["bare"], strict=True)]
        print(f"  make all ENGINE={engine}: median {statistics.median(times[engine]):6.2f} s, "
              f"peak {max(peaks[engine]):5.0f} MiB; median of pairs "
              f"{statistics.median(ratios):.2f}x the script (target ≤ 1.5x)")
    if failed:
        print(f"  ({failed} run(s) FAILED)")


def floor_pdf(pdf: Path) -> float:
    """Seconds of the PDFium floor for the whole PDF: open it, every page's characters with
    their text and box, nothing else."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    begin = time.perf_counter()
    document = pdfium.PdfDocument(pdf)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        for i in range(raw.FPDFText_CountChars(text.raw)):
            raw.FPDFText_GetUnicode(text.raw, i)
            raw.FPDFText_GetCharBox(text.raw, i, left, right, bottom, top)
        text.close()
        page.close()
    document.close()
    return time.perf_counter() - begin


def extract_pdf_time(pdf: Path, engine: str) -> float:
    """Seconds of the whole extract stage with `engine` for the PDF (the artifact built)."""
    from pipeline.extract.document import extract_pdf

    begin = time.perf_counter()
    extract_pdf(pdf, engine=engine)
    return time.perf_counter() - begin


def extract_engines(pdfs: dict[Path, int], rounds: int) -> None:
    """Each engine's extract against the PDFium floor, in-process, interleaved round by round:
    per PDF and over all pages (the sum of each PDF's median, so a PDF of many characters on
    few pages weighs what it costs); then each engine's extract peak memory as a process of
    its own."""
    from pipeline.extract.engines import NAMES

    runners: dict[str, Callable[[Path], float]] = {"floor": floor_pdf}
    for engine in NAMES:
        runners[engine] = lambda pdf, engine=engine: extract_pdf_time(pdf, engine)
    samples: dict[tuple[str, Path], list[float]] = {
        (name, pdf): [] for name in runners for pdf in pdfs}
    for runner in runners.values():  # warm-up: imports and first-call caches
        runner(next(iter(pdfs)))
    for _ in range(rounds):
        for pdf in pdfs:
            for name, runner in runners.items():
                samples[name, pdf].append(runner(pdf))
    pages = sum(pdfs.values())
    print(f"\n## Extract, in-process ({pages} pages, median of {rounds} rounds), against the "
          "floor (pypdfium2: every page's characters with their boxes)")
    medians = {key: statistics.median(times) for key, times in samples.items()}
    for pdf, n in pdfs.items():
        floor = medians["floor", pdf]
        print(f"  {pdf.name} ({n} pages): " + ", ".join(
            f"{name} {medians[name, pdf] / n * 1000:.1f} ms/page"
            + (f" = {medians[name, pdf] / floor:.1f}x" if name != "floor" else "")
            for name in runners))
    floor_total = sum(medians["floor", pdf] for pdf in pdfs)
    for name in runners:
        total = sum(medians[name, pdf] for pdf in pdfs)
        print(f"{name:>11}: {total / pages * 1000:7.1f} ms/page over all pages, "
              f"{total / floor_total:5.1f}x the floor" + (" (target ≤ 3x)" if name == "pdfium"
                                                          else ""))
    peaks = {}
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    try:
        for engine in NAMES:
            peaks[engine] = max(run_measured(
                [sys.executable, "-m", "pipeline", "extract", str(pdf), "-o",
                 str(work / f"{pdf.stem}.json"), "--engine", engine], cwd=ROOT)[1]
                for pdf in pdfs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("extract peak memory (largest over the PDFs, whole process): " + ", ".join(
        f"{engine} {peak:.0f} MiB" for engine, peak in peaks.items())
        + f"; pdfium / pdfplumber = {peaks['pdfium'] / peaks['pdfplumber']:.2f}x "
        "(target ≤ 1.5x)")


def machine() -> str:
    """nproc, CPU model and Python version: where the figures come from."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} CPU(s), {model}, Python {platform.python_version()}, "
            f"load average {load:.2f} at start")


def page_counts(pdfs: list[Path]) -> dict[Path, int]:
    import pdfplumber

    counts = {}
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            counts[pdf] = len(doc.pages)
    return counts


def time_pipeline(pdf: Path, pages: int, work: Path) -> list[float]:
    """Seconds per page of every stage for one PDF, once per page (so PDFs weigh by pages)."""
    raw, out = work / "raw", work / "out"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    raw.mkdir(parents=True)
    shutil.copy(pdf, raw / pdf.name)
    start = time.perf_counter()
    run_all(raw, out, jobs=1)
    return [(time.perf_counter() - start) / pages] * pages


def time_pdfplumber(pdf: Path, pages: int) -> list[float]:
    """Seconds per page of pdfplumber's bare extract_tables (open included, spread over pages)."""
    import pdfplumber

    times = []
    start = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        opened = time.perf_counter() - start
        for page in doc.pages:
            begin = time.perf_counter()
            page.extract_tables(TABLE_SETTINGS)
            times.append(time.perf_counter() - begin + opened / pages)
            page.close()
    return times


def time_camelot(pdf: Path, pages: int) -> list[float]:
    """Seconds per page of camelot's lattice read, one page per call."""
    import camelot

    times = []
    for number in range(1, pages + 1):
        begin = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            camelot.read_pdf(str(pdf), pages=str(number), flavor="lattice")
        times.append(time.perf_counter() - begin)
    return times


def engines(pdfs: dict[Path, int], repeat: int, with_camelot: bool) -> None:
    """The three engines on the same pages, interleaved round by round: each PDF's median time,
    summed over the PDFs (so every page weighs what it costs)."""
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    runners: dict[str, Callable[[Path, int], list[float]]] = {
        "pipeline": lambda pdf, n: time_pipeline(pdf, n, work),
        "pdfplumber": time_pdfplumber,
    }
    if with_camelot:
        runners["camelot"] = time_camelot
    samples: dict[tuple[str, Path], list[float]] = {
        (name, pdf): [] for name in runners for pdf in pdfs}
    try:
        first = next(iter(pdfs))
        for runner in runners.values():  # warm-up: imports and first-call caches
            runner(first, pdfs[first])
        for _ in range(repeat):
            for pdf, n in pdfs.items():
                for name, runner in runners.items():
                    samples[name, pdf].append(sum(runner(pdf, n)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(pdfs.values())
    print(f"\n## Engines on the shipped PDFs ({pages} pages, median of {repeat} round(s), "
          "in-process; the pipeline: extract to publish, the datasets)")
    totals = {name: sum(statistics.median(samples[name, pdf]) for pdf in pdfs)
              for name in runners}
    for name, total in totals.items():
        print(f"{name:>11}: {total / pages * 1000:7.1f} ms/page over all pages")
    print(f"pipeline / bare pdfplumber = {totals['pipeline'] / totals['pdfplumber']:.2f}x "
          "(target ≤ 1.5x)")
    if "camelot" in totals:
        print(f"camelot / pipeline = {totals['camelot'] / totals['pipeline']:.1f}x faster "
              "(target ≥ 3x)")


def with_year(data: bytes, year: int) -> bytes:
    """The PDF printing `year` where it prints 2025 in its title or as-of date.

    The business plan's title run reads "2025 " (then 年度事業計画); the NPO table prints
    "2025" once per page in 2025年4月1日現在. EditError if the font lacks a digit.
    """
    try:
        return replace_text(data, "2025 ", f"{year} ", 1)
    except EditError:
        return replace_text(data, "2025", str(year), 2)


def edition_copies(pdfs: list[Path], min_pages: int, counts: dict[Path, int], folder: Path) -> int:
    """Copies of the shipped PDFs, each set printing another year, until `min_pages` pages."""
    pages = 0
    for year in range(2000, 2100):
        if pages >= min_pages:
            break
        if year == 2025:
            continue
        try:
            copies = {pdf: with_year(pdf.read_bytes(), year) for pdf in pdfs}
        except EditError:  # a digit the subset font does not have: try the next year
            continue
        for pdf, data in copies.items():
            (folder / f"{pdf.stem}_{year}.pdf").write_bytes(data)
            pages += counts[pdf]
    return pages


def scaling(pdfs: list[Path], counts: dict[Path, int], min_pages: int, jobs: int,
            engines: tuple[str, ...]) -> None:
    """`python -m pipeline all --jobs 1` against `--jobs N` on a corpus of min_pages+ pages, per
    engine."""
    work = Path(tempfile.mkdtemp(prefix="bench-scaled-"))
    try:
        raw = work / "raw"
        raw.mkdir()
        pages = edition_copies(pdfs, min_pages, counts, raw)
        n_files = len(list(raw.glob("*.pdf")))
        print(f"\n## Scaled corpus: {n_files} PDFs, {pages} pages, `python -m pipeline all`")
        for engine in engines:
            wall = {}
            for n in sorted({1, jobs}):
                out = work / f"out-{engine}-{n}"
                begin = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "pipeline", "all", "--raw", str(raw), "--out",
                     str(out), "--jobs", str(n), "--engine", engine],
                    cwd=ROOT, capture_output=True, text=True,
                )
                wall[n] = time.perf_counter() - begin
                status = ("ok" if done.returncode == 0
                          else f"FAILED: {done.stderr.strip()[:200]}")
                print(f"{engine} --jobs {n}: {wall[n]:6.1f} s wall, "
                      f"{wall[n] / pages * 1000:6.1f} ms/page, {pages / wall[n]:5.1f} pages/s "
                      f"({status})")
            if jobs > 1:
                speedup = wall[1] / wall[jobs]
                print(f"{engine} speed-up with --jobs {jobs}: {speedup:.2f}x "
                      f"({speedup / jobs:.0%} of linear)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def noop_make() -> None:
    """Seconds a `make all` takes when nothing changed."""
    if shutil.which("make") is None:
        return
    work = Path(tempfile.mkdtemp(prefix="bench-make-"))
    try:
        command = ["make", "--no-print-directory", "-C", str(ROOT), "all", f"OUT={work}"]
        first = subprocess.run(command, capture_output=True, text=True, check=False)
        if first.returncode != 0:
            print(f"\n## No-op `make all`: the first build failed: {first.stderr[-200:]}")
            return
        times, worked = [], False
        for _ in range(5):
            begin = time.perf_counter()
            again = subprocess.run(command, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - begin)
            worked |= again.returncode != 0 or "-m pipeline" in again.stdout
        note = "but it ran a stage!" if worked else "nothing re-run"
        print(f"\n## No-op `make all`: median {statistics.median(times) * 1000:.0f} ms "
              f"(5 runs, {note})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds over the shipped PDFs")
    parser.add_argument("--pages", type=int, default=200, help="minimum pages, scaled corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for --jobs N")
    parser.add_argument("--no-camelot", action="store_true", help="skip the camelot timing")
    parser.add_argument("--rounds", type=int, default=5, help="paired whole-build rounds")
    parser.add_argument("--markdown", type=Path, metavar="FILE",
                        help="also write the figures into FILE's bench:build block")
    args = parser.parse_args()
    pdfs = sorted(RAW.glob("*.pdf"))
    counts = page_counts(pdfs)
    from pipeline.extract.engines import DEFAULT, NAMES

    with recorded(args.markdown, "build"):
        print(f"# Benchmark on {machine()}; default engine {DEFAULT}")
        whole_build(pdfs, args.rounds, NAMES)
        extract_engines(counts, args.repeat)
        engines(counts, args.repeat, not args.no_camelot)
        scaling(pdfs, counts, args.pages, args.jobs, NAMES)
        noop_make()


if __name__ == "__main__":
    main()
