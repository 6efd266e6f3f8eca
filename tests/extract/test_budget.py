"""Pages and images budgeted before anything is rendered or decoded: a real scan fits, a page
of 200 × 200 inches or an image of 200,000 pixels square is refused in one line, and the
process that refuses it never grows past a few hundred megabytes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.errors import PipelineError
from pipeline.extract.budget import (
    MAX_PAGES,
    OCR_DPI,
    check_pages,
    check_render,
    check_scan,
    image_sizes,
)
from tests import hostile_pdfs
from tests.conftest import ROOT

A3 = (842, 1191)  # points
A2 = (1191, 1684)


@pytest.mark.parametrize("size", [A3, A2, (595, 842)])
def test_a_real_scan_fits_at_600_dpi(size) -> None:
    check_render(*size, OCR_DPI)


def test_a_page_of_200_inches_is_refused_saying_its_size() -> None:
    with pytest.raises(PipelineError, match=r"^page is 200 × 200 inches: rendering it at 600"):
        check_render(14400, 14400, OCR_DPI)


def test_pages_beyond_the_limit_are_refused() -> None:
    check_pages(MAX_PAGES)
    with pytest.raises(PipelineError, match="10,001 pages, more than the 10,000"):
        check_pages(MAX_PAGES + 1)


def test_image_sizes_come_from_the_dictionary_without_decoding(tmp_path) -> None:
    import pypdfium2 as pdfium

    path = tmp_path / "image.pdf"
    path.write_bytes(hostile_pdfs.huge_image())  # a few bytes of data for 120 GB of pixels
    document = pdfium.PdfDocument(str(path))
    try:
        assert list(image_sizes(document[0])) == [(200_000, 200_000)]
    finally:
        document.close()
    with pytest.raises(PipelineError, match=r"^an image on the page is 200,000 × 200,000"):
        check_scan(path, 1, 595, 842)
    small = tmp_path / "small.pdf"
    small.write_bytes(hostile_pdfs.image_page(595, 842, (2480, 3508)))  # A4 at 300 dpi
    check_scan(small, 1, 595, 842)


# Runs the command in a child of its own, under a data limit of 1.5 GiB (so that a pipeline
# without a budget cannot take the machine), and prints the largest resident size any process
# of it reached (ru_maxrss of the waited-for children: no timing involved).
MEASURE = r"""
import json, resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_DATA, (3 << 29, 3 << 29))
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"code": done.returncode, "stderr": done.stderr, "peak": peak}))
"""


@pytest.mark.slow
@pytest.mark.parametrize(("build", "says"), [
    (hostile_pdfs.huge_page, "error: bomb.pdf: page 1: page is 200 × 200 inches: "),
    (hostile_pdfs.huge_image, "error: bomb.pdf: page 1: an image on the page is 200,000 × "),
])
def test_a_memory_bomb_is_one_line_under_1_gib(build, says, tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bomb.pdf").write_bytes(build())
    # OCR looks installed (an empty model file): the page would be rendered without a budget.
    tessdata = tmp_path / "tessdata"
    tessdata.mkdir()
    (tessdata / "jpn.traineddata").write_bytes(b"")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "pipeline", "all", "--raw",
         str(raw), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**__import__("os").environ, "TESSDATA_PREFIX": str(tessdata)})
    measured = json.loads(done.stdout)
    assert measured["code"] == 2, measured["stderr"]
    lines = measured["stderr"].splitlines()
    assert len(lines) == 1 and lines[0].startswith(says), measured["stderr"]
    assert measured["peak"] < 1 << 30, measured["peak"]
    assert not out.exists()
    assert not list(Path(tmp_path).glob("**/*.json"))
