"""The review page as a person sees it: headless Chromium draws every image of the print,
renders the Japanese text without missing glyphs, and fetches nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.review.build import write_review
from tests.browser import (
    FLOAT_INTEGER,
    GLYPHS_JS,
    JAPANESE,
    in_order,
    probe,
    require_chromium,
    screenshot,
)
from tests.conftest import RAW, SHIPPED_BANKS

pytestmark = pytest.mark.browser

PROBE = 'window.addEventListener("load", () => {\n' + GLYPHS_JS + """\
  const images = [...document.images];
  const drawn = images.filter((img) => img.complete && img.naturalWidth > 0
    && img.naturalHeight > 0 && img.getBoundingClientRect().width > 0);
  // Not blank: some pixels of the decoded print are dark (its text and rules).
  const inked = drawn.filter((img) => {
    const c = document.createElement("canvas");
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext("2d"); g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 128) return true;
    return false;
  });
  const fetched = performance.getEntriesByType("resource").map((e) => e.name)
    .filter((n) => !n.startsWith("data:"));
  document.getElementById("probe").textContent = JSON.stringify({
    text, installed, missing, checked: chars.length, images: images.length,
    drawn: drawn.length, inked: inked.length, fetched, headings, titles,
    sizes: drawn.map((img) => [img.naturalWidth, img.getBoundingClientRect().width]) });
});
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


@pytest.fixture(scope="module")
def rendered(chromium: str, published_corrected: Path, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("review-render")
    out = folder / "out"
    shutil.copytree(published_corrected, out)
    review = write_review(out, RAW)
    result = probe(review, PROBE, folder / "profile-dom", "--virtual-time-budget=20000")
    shot = screenshot(review, folder / "review.png", "1400,1600", folder / "profile-shot")
    return {**result, "shot": shot}


def test_every_image_of_the_print_is_decoded_and_drawn(rendered: dict) -> None:
    assert rendered["images"] == 195 + 16 + 160 + 2
    assert rendered["drawn"] == rendered["images"]
    assert rendered["inked"] == rendered["images"], "an image of the print is blank"


def test_japanese_renders_without_missing_glyphs(rendered: dict) -> None:
    text = rendered["text"]
    assert "\ufffd" not in text and "(cid:" not in text
    assert all(bank in text for bank in SHIPPED_BANKS) and "要確認" in text
    assert rendered["installed"], "none of the page's Japanese fonts is installed"
    assert rendered["checked"] > 200
    assert rendered["missing"] == [], f"drawn as missing-glyph boxes: {rendered['missing']}"


def test_headings_banks_and_numbers_as_a_japanese_reader_wants(rendered: dict) -> None:
    headings = rendered["headings"]
    assert all(JAPANESE.search(h) or h.endswith(".pdf") or "労働金庫" in h
               or h.startswith(("npo_", "plan_")) for h in headings), headings
    assert any(h.startswith("値の確認") for h in headings)
    assert any(h.startswith("要確認") for h in headings)
    text = rendered["text"]
    assert in_order(text[text.index("npo_loan_terms"):], SHIPPED_BANKS)
    assert not FLOAT_INTEGER.search(text)
    assert "1,814,456" in text
    badges = [t for t in rendered["titles"] if t]
    assert not [t for t in badges if re.search(r"(\w+): \1:", t)], "a field named twice"


def test_prints_are_shown_large_enough_to_read(rendered: dict) -> None:
    """Crops at 3 px per point, shown pixel for pixel (a 7 pt note about 21 px high)."""
    assert all(natural >= shown - 1 for natural, shown in rendered["sizes"])
    assert max(shown for _, shown in rendered["sizes"]) > 500


def test_nothing_is_fetched(rendered: dict) -> None:
    assert rendered["fetched"] == []


def test_screenshot_shows_the_page_and_the_print(rendered: dict) -> None:
    from PIL import Image

    image = Image.open(rendered["shot"]).convert("RGB")
    pixels = np.asarray(image, dtype=int).reshape(-1, 3)
    assert int((pixels.sum(axis=1) < 300).sum()) / len(pixels) > 0.005, "nearly blank"
    header = np.array([0x1F, 0x3A, 0x5F])
    assert int((np.abs(pixels - header).sum(axis=1) < 30).sum()) > 20_000, "no page header"
