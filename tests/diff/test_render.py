"""A diff page as a person sees it in headless Chromium: Japanese headings and descriptions,
banks in the table's order (not code-point order), numbers as printed, a screenshot not blank."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.diff.compare import compare_editions
from pipeline.diff.html import render_html
from pipeline.diff.spec import spec_for
from tests.browser import (
    FLOAT_INTEGER,
    GLYPHS_JS,
    JAPANESE,
    in_order,
    probe,
    require_chromium,
    screenshot,
)
from tests.diff.helpers import NPO, frame, npo_row

pytestmark = pytest.mark.browser

PROBE = "(() => {\n" + GLYPHS_JS + """\
  document.getElementById("probe").textContent = JSON.stringify(
    { text, installed, missing, headings, titles });
})();
"""
# The table prints them so (bank_position); code-point order would be 中央, 九州, 北海道.
BANKS = (("北海道労働金庫", "1"), ("中央労働金庫", "3"), ("九州労働金庫", "12"))


def _editions() -> tuple[list[dict], list[dict]]:
    old, new = [], []
    for bank, at in reversed(BANKS):
        rows = [npo_row("2025-04-01", bank, "融資額限度", "無担保", value="1,000", unit="万円",
                        limit_yen="10000000", bank_position=at, row_position="5"),
                npo_row("2025-04-01", bank, "資金使途", "つなぎ資金", mark="○",
                        is_offered="True", bank_position=at, row_position="2")]
        old += rows
        new += [dict(rows[0], as_of="2026-04-01", value="500", limit_yen="5000000"),
                dict(rows[1], as_of="2026-04-01", mark="×", is_offered="False")]
    return old, new


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict:
    require_chromium()
    folder = tmp_path_factory.mktemp("diff-render")
    old, new = _editions()
    diff = compare_editions(spec_for(NPO), frame(old), frame(new), "2025-04-01", "2026-04-01")
    page = folder / "npo_loan_terms_2025-04-01_2026-04-01.html"
    page.write_text(render_html(diff), "utf-8")
    result = probe(page, PROBE, folder / "profile-dom")
    shot = screenshot(page, folder / "diff.png", "1200,1400", folder / "profile-shot")
    return {**result, "shot": shot}


def test_japanese_headings_and_descriptions(rendered: dict) -> None:
    text = rendered["text"]
    banks = [h for h in rendered["headings"] if "労働金庫" in h]
    assert banks == [bank for bank, _ in BANKS]  # the table's order
    assert all(JAPANESE.search(h) for h in rendered["headings"])
    assert "取扱終了（○ → ×）" in text and "取扱終了" in text
    assert "−5,000,000円（−50.0%）" in text
    assert "no longer offered" not in text and "changed" not in text
    assert rendered["missing"] == [], rendered["missing"]


def test_banks_in_order_and_numbers_as_printed(rendered: dict) -> None:
    text = rendered["text"]
    assert in_order(text, [bank for bank, _ in BANKS])
    assert text.index("資金使途") < text.index("融資額限度")  # rows as printed, too
    assert not FLOAT_INTEGER.search(text)


def test_screenshot_is_not_blank(rendered: dict) -> None:
    from PIL import Image

    pixels = np.asarray(Image.open(rendered["shot"]).convert("RGB"), dtype=int).reshape(-1, 3)
    assert int((pixels.sum(axis=1) < 300).sum()) / len(pixels) > 0.003, "nearly blank"
    header = np.array([0x1F, 0x3A, 0x5F])
    assert int((np.abs(pixels - header).sum(axis=1) < 30).sum()) > 20_000, "no page header"


def test_the_page_is_the_reports_page(rendered: dict, tmp_path: Path) -> None:
    """Built with the report's page (core/html.py): its fonts, header and ✎, no copy."""
    from pipeline.core.html import FONT_FAMILY

    old, new = _editions()
    diff = compare_editions(spec_for(NPO), frame(old), frame(new), "2025-04-01", "2026-04-01")
    assert FONT_FAMILY in render_html(diff)
