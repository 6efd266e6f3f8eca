"""Fuzz the shipped PDFs: damaged files end in a correct dataset or a clean PipelineError.

Each case mutates one shipped PDF (byte flips, a zeroed run, truncation, an object blanked out or
cut out) with a fixed seed, then runs extract + clean + validate in-process under the pipeline's
own per-file time limit. Allowed outcomes: the same datasets as the unmutated file, datasets
that pass validation, or a PipelineError. Anything else (another exception, a hang) fails.

FUZZ_CASES cases are run: 40 by default (a local `make test`), 300 in CI (.ci/run sets it);
`FUZZ_CASES=5000 pytest tests/test_fuzz.py -s` runs a longer campaign and prints the tally.
FUZZ_SEED picks another fixed sequence.
"""

from __future__ import annotations

import os
import random
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from pipeline.core.errors import PipelineError
from tests.conftest import RAW

pytestmark = pytest.mark.slow

CASES = int(os.environ.get("FUZZ_CASES", "40"))
SEED = int(os.environ.get("FUZZ_SEED", "20250401"))
# Far above a clean read (well under a second), far below a hang.
TIME_LIMIT = 20.0
_OBJECT = re.compile(rb"(?m)^\d+ 0 obj\b.*?endobj", re.S)
# Embedded font programs (FontFile2/3 streams): most of a shipped PDF's bytes, never read by the
# text extractor when the font has a /ToUnicode map, so damage there cannot change a thing.
_FONT_PROGRAM = re.compile(rb"/Length[12]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)")


def _objects(data: bytes) -> list[tuple[int, int, bool]]:
    """(start, end, is_font_program) of every top-level object."""
    found = []
    for match in _OBJECT.finditer(data):
        head = match[0].split(b"stream", 1)[0]
        found.append((*match.span(), bool(_FONT_PROGRAM.search(head))))
    return found


def _live_offset(data: bytes, rng: random.Random) -> int:
    """A random offset outside the embedded font programs."""
    fonts = [(a, b) for a, b, font in _objects(data) if font]
    while True:
        at = rng.randrange(len(data))
        if not any(a <= at < b for a, b in fonts):
            return at


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random kind of damage: what was done (to say in a failure) and the damaged bytes."""
    kind = rng.choice(["flip", "flips", "zeros", "truncate", "blank_object", "cut_object"])
    buf = bytearray(data)
    if kind in ("flip", "flips"):
        count = 1 if kind == "flip" else rng.randint(2, 32)
        spots = [_live_offset(data, rng) for _ in range(count)]
        for at in spots:
            buf[at] ^= rng.randint(1, 255)
        return f"{kind} at {spots[:4]}…", bytes(buf)
    if kind == "zeros":
        at, size = _live_offset(data, rng), rng.randint(1, 4096)
        buf[at:at + size] = bytes(len(buf[at:at + size]))
        return f"zeros {size} at {at}", bytes(buf)
    if kind == "truncate":
        at = rng.randrange(len(buf))
        return f"truncate at {at}", bytes(buf[:at])
    start, end, _ = rng.choice([o for o in _objects(data) if not o[2]])
    if kind == "blank_object":  # offsets kept: the xref still points at the right places
        return f"blank object at {start}", data[:start] + b" " * (end - start) + data[end:]
    return f"cut object at {start}", data[:start] + data[end:]


def _clean(path: Path) -> dict:
    """The clean artifact of `path`: extract and clean under the pipeline's time limit."""
    from pipeline.clean.run import clean_artifact
    from pipeline.extract.document import extract_pdf
    from pipeline.run import time_limit

    with time_limit(TIME_LIMIT, path.name):
        return clean_artifact(extract_pdf(path))


def _records(cleaned: dict) -> dict[str, list[dict]]:
    """Every dataset's records without provenance (a damaged file has another sha256)."""
    return {name: [{k: v for k, v in row.items() if not k.startswith("source_")} for row in rows]
            for name, rows in cleaned["datasets"].items()}


def _validate(cleaned: dict, folder: Path) -> None:
    """PipelineError unless every dataset passes the validate stage."""
    from pipeline.core.artifact import write_artifact
    from pipeline.run import validated_frames

    artifact = folder / f"{cleaned['source']['file']}.clean.json"
    write_artifact(cleaned, artifact)
    try:
        validated_frames([artifact])
    finally:
        artifact.unlink()


def _run_case(job: tuple[int, Path, Path]) -> tuple[int, str, str, str]:
    """(case, what was done, outcome, detail); outcome is same/valid/error/crash."""
    case, source, folder = job
    rng = random.Random(f"{SEED}:{case}")
    what, damaged = mutate(source.read_bytes(), rng)
    path = folder / f"case{case}_{source.name}"
    path.write_bytes(damaged)
    try:
        cleaned = _clean(path)
        if _records(cleaned) == BASELINE[source.name]:
            return case, what, "same", ""  # the unmutated records, which validate
        _validate(cleaned, folder)
        return case, what, "valid", ""
    except PipelineError as exc:
        return case, what, "error", str(exc)
    except BaseException as exc:  # what the test exists to find
        return case, what, "crash", f"{type(exc).__name__}: {exc}"[:300]
    finally:
        path.unlink()


BASELINE: dict[str, dict[str, list[dict]]] = {}


def _init(baseline: dict[str, dict[str, list[dict]]]) -> None:
    BASELINE.update(baseline)


@pytest.mark.skipif(CASES <= 0, reason="FUZZ_CASES=0")
def test_damaged_pdfs_give_a_dataset_or_a_clean_error(tmp_path) -> None:
    sources = sorted(RAW.glob("*.pdf"))
    baseline = {}
    for pdf in sources:
        cleaned = _clean(pdf)
        _validate(cleaned, tmp_path)
        baseline[pdf.name] = _records(cleaned)
    jobs = [(case, sources[case % len(sources)], tmp_path) for case in range(CASES)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, initializer=_init,
                             initargs=(baseline,)) as pool:
        results = list(pool.map(_run_case, jobs, chunksize=8))
    tally = Counter(outcome for _, _, outcome, _ in results)
    timeouts = sum("timed out" in detail for *_, detail in results)
    print(f"\nfuzz: {CASES} cases, seed {SEED}: {dict(sorted(tally.items()))}, "
          f"{timeouts} stopped by the time limit")
    reasons = Counter(detail.split(": ", 1)[-1][:60] for *_, outcome, detail in results
                      if outcome == "error")
    for reason, n in reasons.most_common(8):
        print(f"  {n:5d} × {reason}")
    crashes = [f"case {c} ({what}): {detail}" for c, what, outcome, detail in results
               if outcome == "crash"]
    assert not crashes, "\n".join(crashes[:20])
    assert sum(tally.values()) == CASES
    assert tally["error"] > 0  # the damage really reaches the pipeline
    assert tally["same"] > 0  # and harmless damage is recognised as such
