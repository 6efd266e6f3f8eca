"""Headless Chromium for the tests that look at a page as a person sees it (the report, the
review page): the browser, running it, and the probe that measures what was drawn."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.core.html import FONT_FAMILY

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)

# The start of every probe script: which of the page's fonts are installed (`installed`), the
# page's text (`text`), its characters beyond ASCII and Latin (`chars`) and which of them are
# drawn as the missing-glyph box, tofu (`missing`).
GLYPHS_JS = """  const families = FAMILIES;
  const sample = "mmmmmmlllliiiWW@@ 労働金庫あア";
  const ctx = document.createElement("canvas").getContext("2d");
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
  const headings = [...document.querySelectorAll("h1, h2, h3")].map((h) => h.innerText);
  const titles = [...document.querySelectorAll("[title]")].map((e) => e.getAttribute("title"));
"""


# A Japanese character (kana or kanji): a heading in Japanese has some.
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# A whole number written as a float (1814456.0): never on a page people read.
FLOAT_INTEGER = re.compile(r"(?<![\d.])\d{2,}\.0(?![\d.%])")


def in_order(text: str, names: list[str]) -> bool:
    """Do `names` first appear in `text` in this order?"""
    at = [text.index(name) for name in names]
    return at == sorted(at)


def require_chromium() -> str:
    """The browser, or a skip (a failure under CI, whose .ci/run installs it)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed but CI is set: .ci/run must install it")
        pytest.skip("chromium not installed (apt-get install chromium fonts-ipaexfont-gothic)")
    return CHROMIUM


def run_chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180,
    )


def probe(page: Path, script: str, profile: Path, *flags: str) -> dict:
    """What `script` (which writes JSON into <pre id="probe">; FAMILIES stands for the page's
    font families) measures of a copy of `page` in headless Chromium."""
    families = re.findall(r'"([^"]+)"', FONT_FAMILY)
    copy = page.with_name("probe.html")
    probe_html = '<pre id="probe"></pre>\n<script>\n' + script.replace(
        "FAMILIES", json.dumps(families)) + "</script>\n"
    copy.write_text(page.read_text("utf-8").replace("</body>", probe_html + "</body>"), "utf-8")
    dumped = run_chromium(*flags, "--dump-dom", copy.as_uri(), profile=profile)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    found = re.search(r'<pre id="probe">(.*?)</pre>', dumped.stdout, re.S)
    assert found and found.group(1), "the probe script did not run"
    return json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">")
                      .replace("&quot;", '"').replace("&amp;", "&"))


def screenshot(page: Path, shot: Path, window: str, profile: Path) -> Path:
    """`page` as headless Chromium shows it in a window of `window` ("W,H") pixels, as a PNG."""
    taken = run_chromium(f"--window-size={window}", f"--screenshot={shot}", page.as_uri(),
                         profile=profile)
    assert taken.returncode == 0 and shot.is_file(), taken.stderr[-2000:]
    return shot
