"""What needs a look, read from published text frames like the page reads them."""

from __future__ import annotations

from pipeline.core.lang import words
from pipeline.corrections.correctable import correctable
from pipeline.review import attention
from pipeline.review.checks import Disagreement
from tests.diff.helpers import NPO, frame, npo_row

RULE = correctable()["npo_loan_terms"]
NUMERIC = ["limit_yen", "rate_min_pct", "rate_max_pct", "term_min_months", "term_max_months"]


def limit(as_of: str, bank: str, value: str, limit_yen: str, unit: str = "万円", **extra: str):
    return npo_row(as_of, bank, "融資額限度", "無担保", value=value, unit=unit,
                   limit_yen=limit_yen, **extra)


def test_a_number_the_typed_columns_did_not_read_needs_a_look() -> None:
    rows = frame([limit("2025-04-01", "A労働金庫", "1,0OO", ""),
                  limit("2025-04-01", "B労働金庫", "1,000", "10000000"),
                  limit("2025-04-01", "C労働金庫", "※", ""),
                  limit("2025-04-01", "D労働金庫", "20年以内", "", unit="")])
    found = attention.untyped(NPO, rows, RULE, NUMERIC)
    assert [(look.row, look.field) for look in found] == [(0, "value")]
    assert found[0].detail.startswith("1,0OO 万円: limit_yen, rate_min_pct")


def test_changes_since_the_previous_edition_are_on_the_new_row() -> None:
    rows = frame([limit("2025-04-01", "A労働金庫", "1,000", "10000000"),
                  limit("2025-04-01", "B労働金庫", "500", "5000000"),
                  limit("2026-04-01", "A労働金庫", "900", "9000000", corrected="value: 誤植"),
                  limit("2026-04-01", "B労働金庫", "500", "5000000"),
                  limit("2026-04-01", "E労働金庫", "300", "3000000")])
    found = attention.changed(NPO, rows)
    assert [(look.row, look.field) for look in found] == [(4, "bank"), (2, "value"),
                                                          (2, "limit_yen")]
    assert found[0].detail == "E労働金庫: 2025-04-01 にはない"  # the diff says banks first
    assert "1,000 → 900" in found[1].detail and "訂正: 誤植" in found[1].detail
    assert not found[1].detail.startswith("value")  # Look.said names the field, once
    english = attention.changed(NPO, rows, words("en"))
    assert english[0].detail == "E労働金庫: not in 2025-04-01"
    assert "corrected: 誤植" in english[1].detail
    assert "2025-04-01 → 2026-04-01" in found[1].detail
    assert attention.changed(NPO, rows[rows["as_of"] == "2025-04-01"]) == []


def test_a_disagreement_is_placed_on_the_row_whose_box_holds_its_cell() -> None:
    rows = frame([limit("2025-04-01", "A労働金庫", "1,000", "10000000",
                        source_bbox="10.00,10.00,50.00,50.00", source_file="npo.pdf"),
                  limit("2025-04-01", "B労働金庫", "500", "5000000",
                        source_bbox="60.00,10.00,90.00,50.00", source_file="npo.pdf",
                        source_cell="R6C9")])
    same = "0" * 64
    checks = [Disagreement("npo.pdf", same, 1, "table 1 R6C4", "text differs", (20, 20, 30, 30)),
              Disagreement("npo.pdf", same, 1, "table 1 R6C9", "span differs"),
              Disagreement("npo.pdf", same, 2, "table 1 R1C1", "text differs", (20, 20, 30, 30)),
              Disagreement("npo.pdf", "1" * 64, 1, "table 1 R6C4", "other bytes", (20, 20, 30, 30))]
    found, placed = attention.disagreements(NPO, rows, checks)
    assert [(look.row, look.detail) for look in found] == [
        (0, "table 1 R6C4: text differs"), (1, "table 1 R6C9: span differs")]
    assert placed == {0, 1}  # another page, or a PDF with other bytes: on no row


def test_low_ocr_confidence_when_the_column_exists() -> None:
    rows = frame([limit("2025-04-01", "A労働金庫", "1,000", "10000000")])
    assert attention.low_confidence(NPO, rows) == []
    scored = frame([limit("2025-04-01", b, "1,000", "10000000") for b in "ABC"])
    scored["source_confidence"] = ["0.5", "95", ""]
    assert [look.row for look in attention.low_confidence(NPO, scored)] == [0]


def test_corrected_rows_are_listed() -> None:
    rows = frame([limit("2025-04-01", "A労働金庫", "900", "9000000", corrected="value: 誤植"),
                  limit("2025-04-01", "B労働金庫", "500", "5000000")])
    assert [(look.row, look.field, look.detail) for look in attention.corrected(NPO, rows)] == [
        (0, "value", "訂正後 900: 誤植")]
    (look,) = attention.corrected(NPO, rows, words("en"))
    assert look.said == "value: now 900: 誤植"  # the field named once


def test_read_by_ocr_needs_a_row_read_from_a_scan() -> None:
    import pandas as pd

    from pipeline.review.attention import read_by_ocr

    assert not read_by_ocr(pd.DataFrame({"value": ["1"]}))
    assert not read_by_ocr(pd.DataFrame({"source_method": ["text", "text"]}))
    assert read_by_ocr(pd.DataFrame({"source_method": ["text", "ocr"]}))
