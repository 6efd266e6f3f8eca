"""The review page as a person sees it: headless Chromium draws every image of the print,
renders the Japanese text without missing glyphs, and fetches nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.report.html import FONT_FAMILY
from pipeline.review.build import write_review
from tests.conftest import RAW, SHIPPED_BANKS
from tests.report.test_render import CHROMIUM, _chromium

PROBE = """
<pre id="probe"></pre>
<script>
window.addEventListener("load", () => {
  const families = FAMILIES;
  const ctx = document.createElement("canvas").getContext("2d");
  const sample = "mmmmmmlllliiiWW@@ 労働金庫あア";
  const width = (font) => { ctx.font = "32px " + font; return ctx.measureText(sample).width; };
  const installed = families.filter((f) => ["monospace", "serif"].some(
    (base) => width(`"${f}", ${base}`) !== width(base)));
  const page = getComputedStyle(document.body).fontFamily;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 40;
  const draw = canvas.getContext("2d", { willReadFrequently: true });
  const bitmap = (ch) => {
    draw.clearRect(0, 0, 40, 40);
    draw.font = "28px " + page;
    draw.fillText(ch, 4, 32);
    return Array.from(draw.getImageData(0, 0, 40, 40).data).join(",");
  };
  const tofu = bitmap("\\u{10FFFD}");
  const text = document.body.innerText;
  const chars = [...new Set(text)].filter((c) => c.codePointAt(0) > 0x2000);
  const missing = chars.filter((c) => bitmap(c) === tofu);
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
    drawn: drawn.length, inked: inked.length, fetched });
});
</script>
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("chromium is not installed but CI is set: .ci/run must install it")
        pytest.skip("chromium not installed (apt-get install chromium fonts-ipaexfont-gothic)")
    return CHROMIUM


@pytest.fixture(scope="module")
def rendered(chromium: str, published_corrected: Path, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("review-render")
    out = folder / "out"
    shutil.copytree(published_corrected, out)
    review = write_review(out, RAW)
    families = re.findall(r'"([^"]+)"', FONT_FAMILY)
    probe = out / "probe.html"
    probe.write_text(review.read_text("utf-8").replace(
        "</body>", PROBE.replace("FAMILIES", json.dumps(families)) + "</body>"), "utf-8")
    dumped = _chromium("--virtual-time-budget=20000", "--dump-dom", probe.as_uri(),
                       profile=folder / "profile-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    found = re.search(r'<pre id="probe">(.*?)</pre>', dumped.stdout, re.S)
    assert found and found.group(1), "the probe script did not run"
    result = json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&quot;", '"').replace("&amp;", "&"))
    shot = folder / "review.png"
    taken = _chromium("--window-size=1400,1600", f"--screenshot={shot}", review.as_uri(),
                      profile=folder / "profile-shot")
    assert taken.returncode == 0 and shot.is_file(), taken.stderr[-2000:]
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


def test_nothing_is_fetched(rendered: dict) -> None:
    assert rendered["fetched"] == []


def test_screenshot_shows_the_page_and_the_print(rendered: dict) -> None:
    from PIL import Image

    image = Image.open(rendered["shot"]).convert("RGB")
    pixels = np.asarray(image, dtype=int).reshape(-1, 3)
    assert int((pixels.sum(axis=1) < 300).sum()) / len(pixels) > 0.005, "nearly blank"
    header = np.array([0x1F, 0x3A, 0x5F])
    assert int((np.abs(pixels - header).sum(axis=1) < 30).sum()) > 20_000, "no page header"
