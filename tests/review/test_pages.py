"""Source PDFs found by name and sha256, pages cropped to boxes as small grey PNGs."""

from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageChops, ImageStat

from pipeline.core.files import sha256_of
from pipeline.review.pages import MARGIN, MAX_WIDTH, SCALE, Document, Sources
from tests.conftest import NPO_PDF, PLAN_PDF
from tests.extract.engines.sample_page import draw_sample
from tests.variants.rotate import turn_pdf


def decoded(uri: str) -> Image.Image:
    assert uri.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


def test_a_box_is_cropped_with_a_margin_at_the_render_scale(tmp_path: Path) -> None:
    sources = Sources(NPO_PDF.parent)
    document = sources.document(NPO_PDF.name, sha256_of(NPO_PDF))
    assert document is not None
    crop = document.crop(1, (100.0, 200.0, 150.0, 220.0))
    image = decoded(crop.uri)
    # the box and MARGIN each side, at SCALE pixels per point: (50 + 2) × 3, (20 + 2) × 3
    assert image.size == (crop.width, crop.height) == (156, 66)
    assert (crop.width, crop.height) == ((50 + 2 * MARGIN) * SCALE, (20 + 2 * MARGIN) * SCALE)
    assert image.mode == "P" and len(image.getpalette()) <= 16 * 3
    again = Sources(NPO_PDF.parent).document(NPO_PDF.name, sha256_of(NPO_PDF))
    assert again.crop(1, (100.0, 200.0, 150.0, 220.0)).uri == crop.uri  # same bytes
    assert document.crop(3, (0, 0, 10, 10)) is None
    assert document.crop(1, (5e3, 5e3, 6e3, 6e3)) is None
    sources.close()


def test_a_wide_box_is_scaled_down_to_the_widest_image() -> None:
    document = Sources(PLAN_PDF.parent).document(PLAN_PDF.name, sha256_of(PLAN_PDF))
    crop = document.crop(1, (20.0, 100.0, 580.0, 160.0))
    assert crop.width == MAX_WIDTH < (560 + 2 * MARGIN) * SCALE
    assert crop.height == round((60 + 2 * MARGIN) * MAX_WIDTH / (560 + 2 * MARGIN))


def test_a_pdf_is_found_by_its_bytes_and_a_missing_one_says_why(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(NPO_PDF, raw / "renamed.pdf")
    shutil.copy(PLAN_PDF, raw / NPO_PDF.name.replace(".pdf", "_old.pdf"))
    sources = Sources(raw)
    found = sources.document(NPO_PDF.name, sha256_of(NPO_PDF))
    assert found is not None and found.path.name == "renamed.pdf"
    assert sources.document("gone.pdf", "0" * 64) is None
    assert "gone.pdf is not in" in sources.missing["gone.pdf"]
    shutil.copy(PLAN_PDF, raw / "changed.pdf")
    assert sources.document("changed.pdf", "1" * 64) is None
    assert "sha256 differs" in sources.missing["changed.pdf"]
    assert Sources(None).document(NPO_PDF.name, sha256_of(NPO_PDF)) is None


@pytest.mark.parametrize("options", [{}, {"origin": (-150.0, 80.0), "crop": 10.0},
                                     {"inherited": True, "origin": (30.0, -20.0)}])
@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_crop_of_a_turned_page_shows_the_same_print(rotate, options, tmp_path: Path) -> None:
    """A page stored turned (/Rotate, the MediaBox anywhere, a CropBox) is cropped where its
    boxes are: the same pixels as the page printed upright."""
    upright = draw_sample(tmp_path / "upright.pdf")
    turned = turn_pdf(upright, tmp_path / "turned.pdf", rotate, **options)
    with pdfplumber.open(turned) as pdf:
        dx, dy = pdf.pages[0].mediabox[:2]  # where the boxes place the page's corner
    box = (36.0, 60.0, 262.0, 132.0)  # the grid's first two columns
    first = decoded(Document(upright).crop(1, box).uri).convert("L")
    crop = Document(turned).crop(1, (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy))
    assert crop is not None
    second = decoded(crop.uri).convert("L")
    assert first.size == second.size
    assert ImageStat.Stat(ImageChops.difference(first, second)).mean[0] < 1.0
