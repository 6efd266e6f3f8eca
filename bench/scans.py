"""Scans made from text PDFs: each page printed to an image and 'scanned' back.

A page is rasterised at `dpi` by one of two independent rasterisers (PDFium, or Poppler's
pdftoppm), turned by `skew` degrees, given a little blur, sensor noise and dust, then either kept
grey and JPEG-compressed at `jpeg` quality or thresholded to black and white (a fax-mode scanner:
1 bit per pixel, CCITT G4), and saved as an image-only PDF (Pillow's PDF writer) of the same page
size, so the OCR reader sees what a scanner makes of the printed document. Deterministic for
given arguments.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

RASTERISERS = ("pdfium", "poppler")


@dataclass(frozen=True)
class ScanSettings:
    """How a page is scanned: resolution, skew (degrees, + anticlockwise), noise and blur, the
    rasteriser, JPEG quality of a grey scan, or black and white (`threshold`)."""

    dpi: int = 300
    skew: float = 0.5
    noise: float = 12.0  # standard deviation of the grey-level noise (0–255)
    specks: float = 0.0005  # share of pixels flipped to black or white (dust)
    blur: float = 0.6  # Gaussian blur radius in pixels
    seed: int = 1
    rasteriser: str = "pdfium"
    jpeg: int = 75  # JPEG quality (1–95) of the page image; ignored when thresholded
    threshold: bool = False

    @property
    def name(self) -> str:
        """A short name listing what differs from the default scan."""
        parts = [f"{self.dpi}dpi", f"skew{self.skew:+.2f}".rstrip("0")]
        default = ScanSettings()
        if self.rasteriser != default.rasteriser:
            parts.append(self.rasteriser)
        if self.blur != default.blur:
            parts.append(f"blur{self.blur:g}")
        if self.noise != default.noise:
            parts.append(f"noise{self.noise:g}")
        if self.threshold:
            parts.append("bw")
        elif self.jpeg != default.jpeg:
            parts.append(f"jpeg{self.jpeg}")
        return "_".join(parts)

    def but(self, **changes: object) -> ScanSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


def scan_page(image: Image.Image, settings: ScanSettings, page: int = 0) -> Image.Image:
    """One rendered page (greyscale) as a scanner would return it."""
    rng = np.random.default_rng(settings.seed * 1000 + page)
    turned = image.rotate(settings.skew, resample=Image.Resampling.BICUBIC, expand=False,
                          fillcolor=255)
    if settings.blur:
        turned = turned.filter(ImageFilter.GaussianBlur(settings.blur))
    pixels = np.asarray(turned, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, settings.noise, pixels.shape)
    if settings.specks:
        flip = rng.random(pixels.shape)
        pixels[flip < settings.specks / 2] = 0
        pixels[flip > 1 - settings.specks / 2] = 255
    grey = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    if settings.threshold:  # a scanner's fixed threshold, no dithering
        return grey.point(lambda v: 255 if v >= 160 else 0).convert("1", dither=None)
    return grey


def _pdfium_pages(source: Path, numbers: list[int] | None, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(source))
    try:
        chosen = numbers if numbers is not None else list(range(len(document)))
        return [document[n].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                for n in chosen]
    finally:
        document.close()


def _poppler_pages(source: Path, numbers: list[int] | None, dpi: int) -> list[Image.Image]:
    """Pages rasterised by Poppler's pdftoppm (Debian: poppler-utils), greyscale."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("the poppler rasteriser needs pdftoppm (Debian: poppler-utils)")
    document = pdfium.PdfDocument(str(source))
    count = len(document)
    document.close()
    chosen = numbers if numbers is not None else list(range(count))
    images = []
    with tempfile.TemporaryDirectory() as folder:
        for n in chosen:
            stem = Path(folder) / f"p{n}"
            subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(n + 1), "-l",
                            str(n + 1), "-singlefile", str(source), str(stem)], check=True,
                           capture_output=True)
            with Image.open(f"{stem}.pgm") as image:
                images.append(image.convert("L"))
    return images


def rasterise(source: Path, settings: ScanSettings,
              pages: list[int] | None = None) -> list[Image.Image]:
    """`source`'s pages (0-based `pages`, default all) as greyscale images at settings.dpi."""
    if settings.rasteriser == "pdfium":
        return _pdfium_pages(source, pages, settings.dpi)
    if settings.rasteriser == "poppler":
        return _poppler_pages(source, pages, settings.dpi)
    raise ValueError(f"unknown rasteriser {settings.rasteriser!r}: one of {RASTERISERS}")


def scan_pdf(source: Path, target: Path, settings: ScanSettings,
             pages: list[int] | None = None) -> Path:
    """Write `target`: an image-only PDF of `source`'s pages (0-based `pages`, default all)."""
    rendered = rasterise(source, settings, pages)
    images = [scan_page(image, settings, pages[n] if pages is not None else n)
              for n, image in enumerate(rendered)]
    target.parent.mkdir(parents=True, exist_ok=True)
    extra = {} if settings.threshold else {"quality": settings.jpeg}
    images[0].save(target, "PDF", resolution=settings.dpi, save_all=True,
                   append_images=images[1:], **extra)
    return target
