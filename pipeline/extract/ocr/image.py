"""A scanned page as pixels: rendered at DPI (300), binarised, straightened.

Coordinates after `straighten` are those of the deskewed image; a pixel is 72 / dpi points, so
the characters and rules read from it share one frame, origin top-left as PDF points are. A scan
of lower resolution is rendered at DPI all the same (enlarged by PDFium): what is read, and the
thresholds the readers use, are those of a 300 dpi page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from pipeline.extract.ocr.units import area, pixels, scale_of

DPI = 300
# Skew searched (degrees either way) and the step of the fine search.
MAX_SKEW = 3.0
COARSE_STEP = 0.1
FINE_STEP = 0.01
# The coarse search works on a page of this resolution, the fine one on one of FINE_DPI.
COARSE_DPI = 75
FINE_DPI = 150
# Ink blobs smaller than this (square points) are dust or sensor noise, not print: the smallest
# printed mark, a point in 4 pt type, covers about 0.5 (9 pixels at 300 dpi).
MIN_BLOB = 0.29
# ... and never fewer pixels than this: a scanner's noise and dust are a pixel or a few at any
# resolution (a speck blurred by JPEG covers 2 × 2).
MIN_BLOB_PIXELS = 5
# Around every blob of print this much of the scan's grey is kept for Tesseract (points).
KEEP_AROUND = 0.5
# ... and around print told at a lower resolution than it is read at: a point in small type is
# dust's size there, but stands within a point of its digits.
KEEP_AROUND_ENLARGED = 1.0


@dataclass
class PageImage:
    """A page's straightened greyscale pixels and their ink mask (True where print)."""

    grey: np.ndarray
    ink: np.ndarray
    skew: float  # degrees the scan was turned by (anticlockwise), undone here
    dpi: int = DPI
    # Blobs of ink too small to be print, left out of `ink` as dust: rows of (x, y, width,
    # height, area) in pixels.
    dust: np.ndarray = field(default_factory=lambda: np.zeros((0, 5), np.int64))

    @property
    def scale(self) -> float:
        """Points per pixel."""
        return scale_of(self.dpi)

    def quarter_turned(self, turns: int) -> PageImage:
        """The page turned `turns` quarters anticlockwise (its text set upright)."""
        dust, (height, width) = self.dust.copy(), self.grey.shape
        for _ in range(turns % 4):  # a pixel (x, y) goes to (y, width - 1 - x)
            x, y, w, h = (dust[:, k].copy() for k in range(4))
            dust[:, 0], dust[:, 1], dust[:, 2], dust[:, 3] = y, width - x - w, h, w
            height, width = width, height
        return PageImage(np.ascontiguousarray(np.rot90(self.grey, turns)),
                         np.ascontiguousarray(np.rot90(self.ink, turns)), self.skew, self.dpi,
                         dust)


def render(page: Any, dpi: int = DPI) -> np.ndarray:
    """A pypdfium2 page rendered greyscale at `dpi`, as a 2-D uint8 array."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    pixels = bitmap.to_numpy()
    if pixels.ndim == 3:
        pixels = cv2.cvtColor(pixels[:, :, :3], cv2.COLOR_BGR2GRAY)
    return np.ascontiguousarray(pixels)


# A scan's resolution is taken as the nearest multiple of this (dpi): 200, 300, 400 …
DPI_STEP = 25


def _largest_image(page: Any) -> tuple[Any, int, float] | None:
    """The largest image a pypdfium2 page paints: the object, its width in pixels and in
    points; None when it paints none."""
    import pypdfium2.raw as pdfium_c

    best: tuple[Any, int, float] | None = None
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        width, _ = image.get_px_size()
        left, _, right, _ = image.get_bounds()
        if right - left > 0 and (best is None or width * (right - left) > best[1] * best[2]):
            best = (image, width, right - left)
    return best


def scan_dpi(page: Any) -> int | None:
    """The resolution of the largest image a pypdfium2 page paints (its pixels over the
    inches it covers), or None when it paints none."""
    best = _largest_image(page)
    if best is None:
        return None
    dpi = best[1] / (best[2] / 72)
    return max(DPI_STEP, int(round(dpi / DPI_STEP)) * DPI_STEP)


def scan_is_black_and_white(page: Any) -> bool:
    """Is the largest image a pypdfium2 page paints one bit a pixel (a fax-mode scan)?"""
    best = _largest_image(page)
    return best is not None and best[0].get_metadata().bits_per_pixel == 1


def _print_level(grey: np.ndarray) -> float:
    """The grey level below which a pixel is print: Otsu's threshold on the lightly smoothed
    page (smoothing keeps noise from moving it)."""
    level, _ = cv2.threshold(cv2.medianBlur(grey, 3), 0, 255,
                             cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return level


def _print_blobs(grey: np.ndarray, level: float, least: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels darker than `level` in blobs of at least `least` pixels (dust taken away), and
    the smaller blobs' (x, y, width, height, area)."""
    ink = (grey < level).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    keep = stats[:, cv2.CC_STAT_AREA] >= least
    keep[0] = False
    dust = ~keep
    dust[0] = False
    return keep[labels], stats[dust].astype(np.int64)


def _least_print(dpi: int) -> int:
    return max(area(MIN_BLOB, scale_of(dpi)), MIN_BLOB_PIXELS)


def binarise(grey: np.ndarray, dpi: int = DPI) -> np.ndarray:
    """Ink mask: the page's print level (Otsu) applied to the pixels as scanned, specks of dust
    (blobs under MIN_BLOB) removed. The level is not applied to a smoothed page: a median filter
    erases a rule one pixel wide (a hairline rasterised without spreading it over two columns),
    which broke the ruling wherever a skewed hairline ran in one column."""
    return _print_blobs(grey, _print_level(grey), _least_print(dpi))[0]


def _score(ink: np.ndarray, angle: float) -> float:
    """How sharply the ink falls into rows once turned by `angle`: the rows' squared sums."""
    h, w = ink.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.dot(rows, rows))


def skew_angle(ink: np.ndarray, dpi: int = DPI) -> float:
    """The angle (degrees) that sets the page's rows of text and rules level: the projection
    profile's sharpest, searched coarsely on a shrunk page, then finely on a less shrunk one."""
    ink = ink.astype(np.uint8)
    small = cv2.resize(ink, None, fx=COARSE_DPI / dpi, fy=COARSE_DPI / dpi,
                       interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0
    steps = np.arange(-MAX_SKEW, MAX_SKEW + COARSE_STEP / 2, COARSE_STEP)
    best = max(steps, key=lambda a: _score(small, float(a)))
    fine = np.arange(best - COARSE_STEP, best + COARSE_STEP + FINE_STEP / 2, FINE_STEP)
    half = cv2.resize(ink, None, fx=FINE_DPI / dpi, fy=FINE_DPI / dpi,
                      interpolation=cv2.INTER_AREA)
    return float(max(fine, key=lambda a: _score(half, float(a))))


def straighten(grey: np.ndarray, dpi: int = DPI) -> PageImage:
    """The page turned level, with its ink mask. The skew is measured on the print level alone
    (dust adds the same to every row); the ink mask, dust taken away, is made once, of the
    straightened page."""
    angle = skew_angle(grey < _print_level(grey), dpi)
    return level_page(turned(grey, -angle), dpi, -angle)


def level_page(grey: np.ndarray, dpi: int = DPI, skew: float = 0.0) -> PageImage:
    """A level page's pixels with their ink mask, the dust left out of it kept aside."""
    ink, dust = _print_blobs(grey, _print_level(grey), _least_print(dpi))
    return PageImage(grey, ink, skew, dpi, dust)


def turned(grey: np.ndarray, skew: float) -> np.ndarray:
    """`grey` turned about its middle to undo a skew of `skew` degrees."""
    if abs(skew) < FINE_STEP:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -skew, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def for_reading(page: PageImage, finer: np.ndarray | None = None) -> np.ndarray:
    """The page as Tesseract should see it: print on pure white, dust and noise taken away
    (the grey kept as scanned on and just around every blob of ink big enough to be print:
    smoothing it would blur the strokes of small type together). `finer`: the same page
    straightened at a higher resolution, whose grey is kept where `page` has print (the dust
    told at the scan's own resolution, the print read enlarged)."""
    ink = page.ink.astype(np.uint8)
    grey, scale = page.grey, page.scale
    if finer is not None:
        ink = cv2.resize(ink, (finer.shape[1], finer.shape[0]), interpolation=cv2.INTER_NEAREST)
        grey, scale = finer, scale * page.grey.shape[1] / finer.shape[1]
    side = 2 * pixels(KEEP_AROUND if finer is None else KEEP_AROUND_ENLARGED, scale) + 1
    mask = cv2.dilate(ink, np.ones((side, side), np.uint8)) > 0
    return np.where(mask, grey, 255).astype(np.uint8)


# How near print (points) a blob too small to be print is kept aside as a possible point or
# comma: thresholded to black and white (a fax-mode scan), the point in small type covers three
# or four pixels, dust's size, but stands within a point and a half of the digits it parts
# (1.5 in 4.5 pt type: 5 or 6 pixels from the 1 before it).
NEAR_PRINT = 1.5


def specks_near_print(page: PageImage) -> np.ndarray:
    """The page's dust (blobs of ink too small to be print) standing within NEAR_PRINT of
    print, as rows of (x, y, width, height, area) in its pixels: what `glyphs.missing_points`
    may find a point between two digits in."""
    dust = page.dust
    if not len(dust):
        return dust
    side = 2 * pixels(NEAR_PRINT, page.scale) + 1
    near = cv2.dilate(page.ink.astype(np.uint8), np.ones((side, side), np.uint8)) > 0
    found = np.zeros(len(dust), bool)
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):  # a corner of its box near print
        found |= near[dust[:, 1] + dy * (dust[:, 3] - 1), dust[:, 0] + dx * (dust[:, 2] - 1)]
    return dust[found]
