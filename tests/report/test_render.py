"""The report as a person sees it: rendered by headless Chromium, read back, and photographed.

A probe copy of the page (the report itself has no script) measures what was drawn: the visible
text, each chart's size on screen, which of the page's Japanese fonts are installed, and every
character whose glyph is the "missing glyph" box (tofu). The screenshot of the real page must not
be blank and must show the charts' colours.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.report.build import write_report
from pipeline.report.charts import PALETTE
from tests.browser import (
    FLOAT_INTEGER,
    GLYPHS_JS,
    JAPANESE,
    in_order,
    probe,
    require_chromium,
    screenshot,
)
from tests.conftest import SHIPPED_BANKS as LABOUR_BANKS

pytestmark = pytest.mark.browser

PROBE = "(() => {\n" + GLYPHS_JS + """\
  const sizes = [...document.querySelectorAll("svg")].map((svg) => {
    const box = svg.getBoundingClientRect();
    const bars = [...svg.querySelectorAll("rect")].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.width > 0 && b.height > 0;
    }).length;
    return [box.width, box.height, bars];
  });
  document.getElementById("probe").textContent = JSON.stringify(
    { text, installed, missing, checked: chars.length, sizes, headings, titles });
})();
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


@pytest.fixture(scope="module")
def rendered(chromium: str, published_once: Path, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("render")
    out = folder / "out"
    shutil.copytree(published_once, out)
    report = write_report(out)
    result = probe(report, PROBE, folder / "profile-dom")
    shot = screenshot(report, folder / "report.png", "1400,2400", folder / "profile-shot")
    return {**result, "shot": shot}


def test_every_bank_is_on_the_screen(rendered: dict) -> None:
    for bank in LABOUR_BANKS:
        assert bank in rendered["text"], bank
    assert "NPO向け融資制度の比較" in rendered["text"]
    assert "事業計画の主要計数" in rendered["text"]


def test_headings_are_japanese(rendered: dict) -> None:
    headings = rendered["headings"]
    assert len(headings) >= 6
    assert all(JAPANESE.search(h) for h in headings), headings
    for heading in ("NPO向け融資制度の比較", "事業計画の主要計数", "事業計画の本文", "検証結果",
                    "出典と版"):
        assert any(heading in h for h in headings), heading
    assert "Outline of the guarantee association" not in rendered["text"]


def test_banks_in_the_tables_order(rendered: dict) -> None:
    npo = rendered["text"][rendered["text"].index("NPO向け融資制度の比較"):]
    assert in_order(npo, LABOUR_BANKS)


def test_numbers_as_printed(rendered: dict) -> None:
    """No whole number with a float's .0, on the page or in a hover title."""
    assert not FLOAT_INTEGER.search(rendered["text"])
    assert not [t for t in rendered["titles"] if FLOAT_INTEGER.search(t)]
    assert any(t.startswith("1,814,456 百万円") for t in rendered["titles"])
    # a "-" rate is said as printed, not as not offered
    assert "個別の金利の記載なし" in rendered["text"]


def test_no_broken_characters(rendered: dict) -> None:
    text = rendered["text"]
    assert "\ufffd" not in text and "(cid:" not in text
    assert rendered["installed"], "none of the page's Japanese fonts is installed"
    assert rendered["checked"] > 200
    assert rendered["missing"] == [], f"drawn as missing-glyph boxes: {rendered['missing']}"


def test_charts_are_drawn_with_bars(rendered: dict) -> None:
    sizes = rendered["sizes"]
    assert len(sizes) >= 3
    for width, height, bars in sizes:
        assert width > 200 and height > 100 and bars > 5


def test_screenshot_shows_a_page_with_charts(rendered: dict) -> None:
    from PIL import Image

    image = Image.open(rendered["shot"]).convert("RGB")
    assert image.size == (1400, 2400)
    pixels = np.asarray(image, dtype=int).reshape(-1, 3)
    ink = int((pixels.sum(axis=1) < 600).sum())
    assert ink / len(pixels) > 0.02, "the screenshot is (nearly) blank"

    def near(colour: str) -> int:
        want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(pixels - want).sum(axis=1) < 30).sum())

    assert near(PALETTE[0]) > 2000 and near(PALETTE[1]) > 2000, "no chart bars on screen"
    assert near("#1f3a5f") > 20_000, "no page header"
