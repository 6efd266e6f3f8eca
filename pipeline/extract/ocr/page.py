"""One scanned page → PageContent: rules as Segments, text read box by box as Chars."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from pipeline.core.errors import PipelineError
from pipeline.core.workers import cpus, run_calls
from pipeline.extract.engines.pdfium_geometry import rendered_origin
from pipeline.extract.ocr import tesseract
from pipeline.extract.ocr.boxes import ruled_boxes
from pipeline.extract.ocr.chars import to_chars
from pipeline.extract.ocr.crops import (
    TALL,
    Crop,
    bands,
    pieces,
    split_tall,
    trimmed,
)
from pipeline.extract.ocr.image import (
    DPI,
    PageImage,
    for_reading,
    render,
    scan_dpi,
    scan_is_black_and_white,
    specks_near_print,
    straighten,
    turned,
)
from pipeline.extract.ocr.orientation import upright_turns
from pipeline.extract.ocr.reading import read_piece
from pipeline.extract.ocr.ruling import Ruling, find_ruling
from pipeline.extract.ocr.tesseract import Line
from pipeline.extract.ocr.units import pixels, scale_of
from pipeline.extract.primitives import PageContent, Segment
from pipeline.extract.regions import find_regions
from pipeline.extract.rules import rule_lines

# OpenCV runs on the calling thread only: a page's pieces are read in forked workers, and a
# worker forked while OpenCV's own thread pool held a lock waited for it for ever (seen in
# make bench). One CPU's worth per process is also all the workers leave it.
cv2.setNumThreads(1)

# Points kept clear inside a box's rules (what the wipe leaves of a thick rule).
INSET = 0.24
# Pixels of the scan's own resolution its lines of text must be tall (the median line): below,
# small type loses its points and commas and digits touch (the NPO table at 200 dpi: lines of
# 12 and 10 pixels on its two pages, 370 of its 585 fields read right; at 300 dpi, 17 and 15
# pixels, all right).
LEAST_LINE = 14
# Pieces a worker process is worth forking for (a page's pieces are read by one per CPU).
PIECES_PER_WORKER = 40


def _line_height(band_heights: list[int]) -> float:
    return float(np.median(band_heights)) if band_heights else 0.0


def _prepared(image: PageImage, finer: np.ndarray | None) -> tuple[Ruling, np.ndarray]:
    """The page's rules, and its print on white with the rules wiped (what is read: the
    straightened `finer` page's grey where one is given)."""
    ruling = find_ruling(image.ink, image.scale)
    wipe = ruling.wipe_mask()
    clean = for_reading(image, finer)
    if finer is not None:
        wipe = cv2.resize(wipe.astype(np.uint8), (clean.shape[1], clean.shape[0]),
                          interpolation=cv2.INTER_NEAREST) > 0
    clean[wipe] = 255
    return ruling, clean


def read_page_image(grey: np.ndarray, number: int, width: float, height: float,
                    dpi: int = DPI, finer: np.ndarray | None = None,
                    black_and_white: bool = False) -> tuple[PageContent, dict[str, Any]]:
    """A page's content read from its pixels (rendered at `dpi`), and how it was read.

    `finer`: the page rendered again at DPI, for a scan of a lower resolution `dpi`. The page
    is straightened, its rules found and its dust told at the resolution it was scanned at (a
    speck is a pixel or two there; enlarged it would pass for print); what is read is the
    enlarged page's grey where that found print (Tesseract reads small type better enlarged).
    A page whose text lies a quarter or half turn round is turned upright first: its content
    then stands in the upright page's frame (`width` and `height` swapped for a quarter).
    `black_and_white`: the scan is one bit a pixel, where a point in small type may be dust's
    size (its specks near print are looked at between digits; in a grey scan they are dust)."""
    image = straighten(grey, dpi)
    if finer is not None:
        finer = turned(finer, image.skew)
    scale = image.scale if finer is None else scale_of(DPI)
    ruling, clean = _prepared(image, finer)
    turns = upright_turns(clean, scale)
    if turns:
        image = image.quarter_turned(turns)
        if finer is not None:
            finer = np.ascontiguousarray(np.rot90(finer, turns))
        ruling, clean = _prepared(image, finer)
        if turns % 2:
            width, height = height, width
    horizontal, vertical = rule_lines(ruling.segments)
    regions = find_regions(horizontal, vertical, [])
    inset = pixels(INSET, scale)
    crops: list[Crop] = []
    for region in regions:
        for x0, top, x1, bottom in ruled_boxes(region):
            crop = trimmed(clean, round(x0 / scale) + inset, round(top / scale) + inset,
                           round(x1 / scale) - inset, round(bottom / scale) - inset, scale)
            if crop is not None:
                crops.append(crop)
    for x0, top, x1, bottom in (r.bbox for r in regions):  # the rest of the page: loose text
        clean[max(round(top / scale) - inset, 0):round(bottom / scale) + inset + 1,
              max(round(x0 / scale) - inset, 0):round(x1 / scale) + inset + 1] = 255
    rest = trimmed(clean, 0, 0, clean.shape[1], clean.shape[0], scale)
    if rest is not None:
        crops.append(rest)
    found = [(crop, band) for crop in crops for band in bands(crop)]
    line_height = _line_height([b - a for _, (a, b) in found])
    _check_resolution(line_height * (dpi / DPI if finer is not None else 1.0), dpi)
    found = [(crop, part) for crop, band in found for part in split_tall(crop, band, line_height)]
    specks = _specks(image, clean) if black_and_white else np.zeros((0, 5), np.int64)
    jobs = [(piece.with_specks(specks), b - a > TALL * line_height) for crop, (a, b) in found
            for piece in pieces(crop, (a, b), line_height)]
    chars = []
    for piece, lines in zip(jobs, read_all(jobs), strict=True):
        chars += to_chars(piece[0], lines, line_height)
    how: dict[str, Any] = {"method": "ocr", "dpi": dpi if finer is None else DPI,
                           "skew": round(image.skew, 2)}
    if turns:
        how["turned"] = 90 * turns  # degrees anticlockwise the scan was turned to read
    return PageContent(number, width, height, chars, ruling.segments), how


def _specks(image: PageImage, clean: np.ndarray) -> np.ndarray:
    """The page's specks near print (`image.specks_near_print`) in the pixels of `clean`,
    the page read (a finer rendering of a lower-resolution scan: their boxes enlarged)."""
    specks = specks_near_print(image)
    factor = clean.shape[1] / image.grey.shape[1]
    if abs(factor - 1.0) > 1e-6 and len(specks):
        specks = specks.astype(np.float64)
        specks[:, :4] *= factor
        specks[:, 4] *= factor * factor
        specks = np.rint(specks).astype(np.int64)
    return specks


def _check_resolution(line_pixels: float, dpi: int) -> None:
    """PipelineError when the page's lines of text are too few pixels tall in the scan itself
    to be read reliably (LEAST_LINE): a wrong value is never published, the page stops."""
    if 0 < line_pixels < LEAST_LINE:
        raise PipelineError(
            f"scanned at {dpi} dpi, its lines of text are {line_pixels:.0f} pixels tall, too "
            f"few to read them reliably (at least {LEAST_LINE}): scan it at "
            f"{_enough_dpi(line_pixels, dpi)} dpi or more")


def _enough_dpi(line_pixels: float, dpi: int) -> int:
    """The resolution (a multiple of 50 dpi) at which the lines would be LEAST_LINE tall."""
    return int(-(-LEAST_LINE * dpi / line_pixels // 50) * 50)


# The pieces of the page being read, for the forked workers (which inherit it).
_pieces: list[tuple[Crop, bool]] = []


def _read_share(first: int, step: int) -> list[list[Line]]:
    """Every `step`-th piece from `first`, read (in a worker)."""
    return [read_piece(crop, tall) for crop, tall in _pieces[first::step]]


def read_all(jobs: list[tuple[Crop, bool]]) -> list[list[Line]]:
    """Every piece read: in forked workers, one per CPU, each with the Tesseract engine made
    here before the fork (no worker loads the model again), taking every n-th piece so the
    long and the short spread evenly; here where there is one CPU or few pieces."""
    global _pieces
    workers = min(cpus(), len(jobs) // PIECES_PER_WORKER)
    if workers <= 1:
        return [read_piece(crop, tall) for crop, tall in jobs]
    tesseract.engine()
    _pieces = jobs
    try:
        shares = run_calls([(_read_share, (k, workers)) for k in range(workers)], workers)
    finally:
        _pieces = []
    out: list[list[Line]] = [[] for _ in jobs]
    for k, share in enumerate(shares):
        out[k::workers] = share
    return out


def shifted(content: PageContent, dx: float, dy: float) -> PageContent:
    """`content` with every character and rule moved by (dx, dy) points."""
    if not dx and not dy:
        return content
    chars = [replace(c, x0=c.x0 + dx, top=c.top + dy, x1=c.x1 + dx, bottom=c.bottom + dy)
             for c in content.chars]
    segments = [Segment(s.x0 + dx, s.top + dy, s.x1 + dx, s.bottom + dy)
                for s in content.segments]
    return replace(content, chars=chars, segments=segments)


def read_scanned_page(path: Path, content: PageContent) -> tuple[PageContent, dict[str, Any]]:
    """`content` (a page an engine found no characters on) read again by OCR. What is read
    from the rendering (the CropBox, turned by /Rotate) is placed where the engines place a
    page's characters: moved by where the rendering's corner stands in their frame (a CropBox,
    or a MediaBox off the origin). A scan turned upright here stands in its own upright frame."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[content.number - 1]
        dpi = min(DPI, scan_dpi(page) or DPI)
        grey = render(page, dpi)
        finer = render(page, DPI) if dpi < DPI else None
        origin = rendered_origin(page.raw)
        black_and_white = scan_is_black_and_white(page)
    finally:
        document.close()
    read, how = read_page_image(grey, content.number, content.width, content.height, dpi, finer,
                                black_and_white)
    if "turned" in how:
        return read, how
    return shifted(read, *origin), how
