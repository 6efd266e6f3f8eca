"""The corrected column: field: reason per corrected field, read back by field."""

from __future__ import annotations

from pipeline.corrections.reasons import format_reasons, parse_reasons

PRINTED = ("mark", "value", "unit", "note")


def test_reasons_are_written_in_column_order_and_read_back() -> None:
    text = format_reasons({"note": "別の金庫の注記; 2 行目", "value": "誤植: 900"}, PRINTED)
    assert text == "value: 誤植: 900; note: 別の金庫の注記; 2 行目"
    assert parse_reasons(text, PRINTED) == {"value": "誤植: 900", "note": "別の金庫の注記; 2 行目"}


def test_a_row_as_printed_has_no_reasons() -> None:
    assert parse_reasons("", PRINTED) == {}
    assert parse_reasons(None, PRINTED) == {}
    assert parse_reasons(float("nan"), PRINTED) == {}


def test_text_naming_no_field_is_kept_whole() -> None:
    assert parse_reasons("typo", PRINTED) == {"": "typo"}
