"""Scans made from text PDFs: each page printed to an image and 'scanned' back.

A page is rendered at `dpi` (PDFium), turned by `skew` degrees, given sensor noise and a little
blur, and saved as an image-only PDF (Pillow's PDF writer) of the same page size, so the OCR
reader sees what a scanner makes of the printed document. Deterministic for given arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


@dataclass(frozen=True)
class ScanSettings:
    """How a page is scanned: resolution, skew (degrees, + anticlockwise), noise and blur."""

    dpi: int = 300
    skew: float = 0.5
    noise: float = 12.0  # standard deviation of the grey-level noise (0–255)
    specks: float = 0.0005  # share of pixels flipped to black or white (dust)
    blur: float = 0.6  # Gaussian blur radius in pixels
    seed: int = 1

    @property
    def name(self) -> str:
        return f"{self.dpi}dpi_skew{self.skew:+.1f}"


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
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def scan_pdf(source: Path, target: Path, settings: ScanSettings,
             pages: list[int] | None = None) -> Path:
    """Write `target`: an image-only PDF of `source`'s pages (0-based `pages`, default all)."""
    document = pdfium.PdfDocument(str(source))
    try:
        numbers = pages if pages is not None else list(range(len(document)))
        images = []
        for number in numbers:
            rendered = document[number].render(scale=settings.dpi / 72, grayscale=True)
            images.append(scan_page(rendered.to_pil().convert("L"), settings, number))
    finally:
        document.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(target, "PDF", resolution=settings.dpi, save_all=True,
                   append_images=images[1:])
    return target
