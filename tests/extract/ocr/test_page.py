"""A scanned page's characters stand where the text PDF it was made from has them, however the
scan is stored: a CropBox, a MediaBox off the origin, stored portrait with /Rotate 90 (placed
as the engines place a page's characters), or the image itself lying a quarter or half turn
round on an unrotated page (turned upright first: its characters in the upright frame)."""

from __future__ import annotations

import os
from pathlib import Path
from statistics import median

import pytest
from reportlab.lib.pagesizes import A5, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from bench.scans import ScanSettings, scan_pdf
from pipeline.extract.engines import open_document
from pipeline.extract.ocr.tesseract import available
from pipeline.extract.primitives import Char
from tests.variants.rotate import sideways_pdf, turn_pdf

MISSING = available()
pytestmark = [pytest.mark.ocr, pytest.mark.slow,
              pytest.mark.skipif(MISSING is not None and not os.environ.get("CI"),
                                 reason=f"OCR not installed here: {MISSING}")]
FONT = "HeiseiKakuGo-W5"
ROWS = (("項目", "無担保", "有担保"), ("融資額限度", "1,000万円", "5,000万円"),
        ("返済期間", "10年以内", "20年以内"), ("金利", "2.875％", "2.375％"))
NOTE = "※金利は変動金利です。詳しくは窓口にお問い合わせください。"
# Points a word read may stand off the text layer's (most; the median half that): its box is
# its line's em box centred on the ink, from its ink's left edge, the text layer's its advance
# from the baseline.
NEAR = 4.0


def _text_pdf(path: Path) -> Path:
    """A small ruled table with a title and a note under it."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = landscape(A5)
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1)
    canvas.setFont(FONT, 16)
    canvas.drawString(50, height - 60, "融資制度の概要")
    left, top, col, row = 50.0, height - 90, 150.0, 40.0
    for r in range(len(ROWS) + 1):
        canvas.line(left, top - r * row, left + 3 * col, top - r * row)
    for c in range(4):
        canvas.line(left + c * col, top, left + c * col, top - len(ROWS) * row)
    canvas.setFont(FONT, 12)
    for r, cells in enumerate(ROWS):
        for c, text in enumerate(cells):
            canvas.drawString(left + c * col + 12, top - r * row - 25, text)
    canvas.setFont(FONT, 11)
    canvas.drawString(50, top - len(ROWS) * row - 30, NOTE)
    canvas.showPage()
    canvas.save()
    return path


def _chars(pdf: Path) -> list[Char]:
    with open_document(pdf, "pdfium") as document:
        return next(document.pages()).chars


def _read(pdf: Path) -> tuple[list[Char], dict]:
    from pipeline.extract.ocr.page import read_scanned_page

    with open_document(pdf, "pdfium") as document:
        content = next(document.pages())
    read, how = read_scanned_page(pdf, content)
    return read.chars, how


def _offsets(read: list[Char], truth: list[Char]) -> list[tuple[float, float]]:
    """For the first character of each word read (Tesseract boxes a word's first glyph
    closely, those after it a point or a few off), how far (points: its left edge across, its
    middle down) it stands from the nearest character of the same text in the text layer."""
    out = []
    for n, c in enumerate(read):
        before = read[n - 1] if n else None
        if before is not None and abs(before.v_mid - c.v_mid) < 1 and c.x0 - before.x1 < 1:
            continue  # not the first of its word
        same = [t for t in truth if t.text == c.text]
        if same:
            nearest = min(same, key=lambda t: abs(t.x0 - c.x0) + abs(t.v_mid - c.v_mid))
            out.append((c.x0 - nearest.x0, c.v_mid - nearest.v_mid))
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("page")
    text = _text_pdf(folder / "text.pdf")
    return text, scan_pdf(text, folder / "scan.pdf", ScanSettings(dpi=300, skew=0.3))


def _placed_like(read: list[Char], truth: list[Char]) -> None:
    """Most characters read stand within NEAR of the text layer's, none shifted as a whole."""
    offsets = _offsets(read, truth)
    assert len(offsets) >= 8
    assert abs(median(dx for dx, _ in offsets)) <= NEAR / 2
    assert abs(median(dy for _, dy in offsets)) <= NEAR / 2
    assert sum(max(abs(dx), abs(dy)) <= NEAR for dx, dy in offsets) >= 0.8 * len(offsets)


def test_a_scan_as_printed_reads_where_its_text_stood(made) -> None:
    text, scan = made
    read, how = _read(scan)
    assert "turned" not in how
    _placed_like(read, _chars(text))


@pytest.mark.parametrize("rotate, origin, crop", [(0, (70.0, -40.0), 18.0), (90, (0.0, 0.0), 0.0),
                                                  (90, (35.0, 120.0), 12.0)],
                         ids=["cropbox, mediabox moved", "stored /Rotate 90",
                              "/Rotate 90, cropbox, mediabox moved"])
def test_a_scan_stored_otherwise_reads_where_the_engines_place_its_text(
        made, tmp_path, rotate: int, origin: tuple[float, float], crop: float) -> None:
    text, scan = made
    stored = turn_pdf(scan, tmp_path / "stored.pdf", rotate, origin=origin, crop=crop)
    truth = turn_pdf(text, tmp_path / "truth.pdf", rotate, origin=origin, crop=crop)
    read, how = _read(stored)
    assert "turned" not in how
    _placed_like(read, _chars(truth))


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_scan_lying_turned_on_its_page_is_read_upright(made, tmp_path, turns: int) -> None:
    text, scan = made
    read, how = _read(sideways_pdf(scan, tmp_path / "sideways.pdf", turns))
    assert how["turned"] == 90 * ((4 - turns) % 4)
    _placed_like(read, _chars(text))


# Numbers in small type (the NPO table's 4.5 pt), each in a ruled box: their points and commas.
SMALL_NUMBERS = (("2.375", "1.0", "3.150"), ("4.175", "1.5", "2.875"), ("10", "1,000", "5,000"))


def _small_numbers_pdf(path: Path) -> Path:
    """A ruled grid of SMALL_NUMBERS in 4.5 pt type."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = landscape(A5)
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1)
    left, top, col, row = 60.0, height - 80, 60.0, 14.0
    for r in range(len(SMALL_NUMBERS) + 1):
        canvas.line(left, top - r * row, left + 3 * col, top - r * row)
    for c in range(4):
        canvas.line(left + c * col, top, left + c * col, top - len(SMALL_NUMBERS) * row)
    canvas.setFont(FONT, 4.5)
    for r, cells in enumerate(SMALL_NUMBERS):
        for c, text in enumerate(cells):
            canvas.drawString(left + c * col + 20, top - r * row - 9, text)
    canvas.showPage()
    canvas.save()
    return path


@pytest.mark.parametrize("rasteriser", ["pdfium", "poppler"])
def test_small_numbers_scanned_black_and_white_keep_their_points(tmp_path,
                                                                 rasteriser: str) -> None:
    """Thresholded to one bit a pixel, a point in 4.5 pt type is dust's size: it is read as the
    point between its digits, and no speck makes a point of a number without one."""
    from pipeline.extract.document import extract_pdf

    settings = ScanSettings(dpi=300, skew=-0.3, threshold=True, rasteriser=rasteriser)
    scan = scan_pdf(_small_numbers_pdf(tmp_path / "text.pdf"), tmp_path / "scan.pdf", settings)
    artifact = extract_pdf(scan, identify=False)
    [table] = artifact["pages"][0]["tables"]
    read = [["".join(c["text"].split()) for c in table["cells"] if c["row"] == r]
            for r in range(len(SMALL_NUMBERS))]
    assert read == [list(row) for row in SMALL_NUMBERS]
