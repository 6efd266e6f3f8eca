"""One row of the review page: corrected values marked, an image or why there is none."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.lang import words
from pipeline.corrections.correctable import correctable
from pipeline.review.attention import CHANGED, Look
from pipeline.review.cells import badges, fields, image, row_html
from pipeline.review.pages import Sources
from pipeline.review.rows import Rows
from tests.diff.helpers import NPO, frame, npo_row

RULE = correctable()["npo_loan_terms"]


def test_a_corrected_field_is_marked_with_its_reason() -> None:
    html = fields({"value": "900", "unit": "万円", "note": ""}, ("value", "unit", "note"),
                  {"value": "誤植"}, words())
    assert '<span class="f">value</span>900<span class="corrected" title="訂正: ' \
           '誤植">✎</span>' in html
    assert "note" not in html  # empty and uncorrected: left out


def test_numbers_are_shown_as_printed() -> None:
    row = {"value": "1814456.0", "value_text": "1,814,456", "amount_yen": "1814456000000"}
    html = fields(row, ("value", "value_text", "amount_yen"), {}, words(),
                  frozenset({"value", "amount_yen"}))
    assert "1,814,456</div>" in html and "1,814,456,000,000" in html and ".0<" not in html


def test_a_row_without_a_box_or_pdf_says_why(tmp_path: Path) -> None:
    part = Rows(NPO, frame([npo_row("2025-04-01", "A労働金庫", "金利"),
                            npo_row("2025-04-01", "B労働金庫", "金利",
                                    source_bbox="1.00,2.00,3.00,4.00")]),
                RULE.printed, RULE.typed, anchors={0: "r-a", 1: "r-b"})
    sources = Sources(tmp_path)
    assert "source_bbox なし" in image(part, 0, sources, {}, words())
    assert "RAW にない" in image(part, 1, sources, {}, words())
    assert "not in RAW" in image(part, 1, sources, {}, words("en"))
    look = Look(CHANGED, "npo_loan_terms", 1, "value", "1,000 → 900")
    html = row_html(part, 1, "B労働金庫", sources, {}, [look], words())
    assert html.startswith('<tr id="r-b" class="look">')
    assert badges([look], words()) in html and 'title="value: 1,000 → 900"' in html
    assert "value: value:" not in html
