"""The 2025 edition read cell by cell against its truth file, and the typed columns checked."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from pipeline.core.errors import PipelineError
from pipeline.kinds.npo_loan.clean import clean


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@pytest.fixture(scope="module")
def records(npo_extracted: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    rows = clean(npo_extracted)["npo_loan_terms"]
    return {
        (r["bank"], r["item"] + ("/" + r["condition"] if r["condition"] else "")): r for r in rows
    }


def test_every_cell_matches_truth(records, npo_truth) -> None:
    expected = {
        (bank, row): cell for bank, rows in npo_truth["cells"].items() for row, cell in rows.items()
    }
    assert len(expected) == 195
    assert set(records) == set(expected)
    wrong = [
        (bank, row, field, cell[field], records[bank, row][field])
        for (bank, row), cell in expected.items()
        for field in ("mark", "value", "unit", "note")
        if norm(cell[field]) != norm(records[bank, row][field])
    ]
    assert wrong == []


def test_as_of_and_banks_in_printed_order(records, npo_truth) -> None:
    assert {r["as_of"] for r in records.values()} == {"2025-04-01"}
    banks = list(dict.fromkeys(bank for bank, _ in records))
    assert banks == [bank for page in npo_truth["pages"] for bank in page]


def test_labels_lose_legend_and_alignment_spaces(records) -> None:
    items = {r["item"] for r in records.values()}
    assert items == {"対象団体の主な条件", "資金使途", "融資額限度", "融資の種類", "金利",
                     "返済期間", "保証人要否"}


LIMITS = {
    ("北海道労働金庫", "融資額限度/無担保"): 10_000_000,
    ("北海道労働金庫", "融資額限度/有担保"): 50_000_000,
    ("東北労働金庫", "融資額限度/無担保"): 5_000_000,
    ("新潟県労働金庫", "融資額限度/有担保"): None,  # "-": not offered
    ("長野県労働金庫", "融資額限度/有担保"): 30_000_000,
    ("沖縄県労働金庫", "融資額限度/無担保"): 5_000_000,
}


@pytest.mark.parametrize(("key", "yen"), LIMITS.items())
def test_limits_in_yen(records, key, yen) -> None:
    assert records[key]["limit_yen"] == yen


def test_every_printed_limit_parses(records, npo_truth) -> None:
    for (bank, row), rec in records.items():
        if row.startswith("融資額限度") and norm(rec["value"]) not in {"-", "※"}:
            digits = norm(rec["value"]).rstrip("※").replace(",", "")
            assert rec["limit_yen"] == int(digits) * 10_000, (bank, row)


RATES = {
    ("北海道労働金庫", "金利/つなぎ資金/無担保"): (1.6, 2.3, "", "固定"),
    ("中央労働金庫", "金利/つなぎ資金/無担保"): (2.875, 2.875, "", "変動"),
    ("静岡県労働金庫", "金利/つなぎ資金/無担保"): (1.9, 2.65, "①1.900 ②2.650", ""),
    ("長野県労働金庫", "金利/その他/無担保"): (2.55, 2.75, "", ""),
    ("北陸労働金庫", "金利/その他/有担保"): (2.675, 2.775, "", "固定"),
    ("東北労働金庫", "金利/つなぎ資金/有担保"): (None, None, "", ""),
    ("東北労働金庫", "金利/その他/無担保"): (None, None, "", "固定/変動"),
    # (変動) before the rate, but the note prices deposit-secured loans （固定）: both.
    ("九州労働金庫", "金利/その他/有担保"): (1.875, 1.875, "", "固定/変動"),
    ("九州労働金庫", "金利/その他/無担保"): (2.125, 2.125, "手貸2.125 証貸2.125", "固定/変動"),
}


@pytest.mark.parametrize(("key", "expected"), RATES.items())
def test_rates(records, key, expected) -> None:
    rec = records[key]
    assert (rec["rate_min_pct"], rec["rate_max_pct"], rec["rate_tiers_pct"]) == expected[:3]
    assert rec["rate_type"] == expected[3]


TERMS = {
    ("北海道労働金庫", "返済期間/手形貸付"): (12, 12),
    ("東北労働金庫", "返済期間/証書貸付"): (120, 120),
    ("新潟県労働金庫", "返済期間/手形貸付"): (6, 6),
    ("北陸労働金庫", "返済期間/証書貸付"): (60, 84),
    ("北海道労働金庫", "返済期間/証書貸付"): (None, None),
}


@pytest.mark.parametrize(("key", "months"), TERMS.items())
def test_terms_in_months(records, key, months) -> None:
    rec = records[key]
    assert (rec["term_min_months"], rec["term_max_months"]) == months


def test_marks_as_booleans(records) -> None:
    assert records["北海道労働金庫", "資金使途/つなぎ資金"]["is_offered"] is True
    assert records["北海道労働金庫", "保証人要否"]["is_required"] is False
    assert records["東北労働金庫", "保証人要否"]["is_required"] is True
    assert records["東北労働金庫", "金利/つなぎ資金/有担保"]["is_offered"] is False
    assert records["北海道労働金庫", "対象団体の主な条件"]["is_offered"] is None


def test_provenance_names_page(records) -> None:
    assert records["北海道労働金庫", "金利/その他/無担保"]["source_page"] == 1
    assert records["沖縄県労働金庫", "金利/その他/無担保"]["source_page"] == 2
    assert all(len(r["source_sha256"]) == 64 for r in records.values())


def test_missing_as_of_is_an_error(npo_extracted) -> None:
    broken = {**npo_extracted, "pages": [
        {**page, "lines": [line for line in page["lines"] if "現在" not in line["text"]]}
        for page in npo_extracted["pages"]
    ]}
    with pytest.raises(PipelineError, match="as-of date"):
        clean(broken)


def test_a_table_with_a_header_and_no_rows_is_an_error(npo_extracted) -> None:
    """Banks named and no row read under them: one line saying so, never an empty dataset."""
    headers_only = {**npo_extracted, "pages": [
        {**page, "tables": [
            {**table, "n_rows": 1, "ys": table["ys"][:2],
             "cells": [cell for cell in table["cells"] if cell["row"] == 0]}
            for table in page["tables"]]}
        for page in npo_extracted["pages"]
    ]}
    with pytest.raises(PipelineError, match="no rows under its banks"):
        clean(headers_only)


def _table(rows: list[list[tuple[str, int, int]]]) -> dict[str, Any]:
    """A grid from rows of (text, rowspan, colspan); covered slots are simply left out."""
    cells, taken = [], set()
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            cells.append({"row": r, "col": c, "rowspan": rowspan, "colspan": colspan,
                          "text": text})
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            c += colspan
    n_cols = max(cell["col"] + cell["colspan"] for cell in cells)
    return {"n_rows": len(rows), "n_cols": n_cols, "cells": cells}


def test_two_row_header_with_sub_column_titles() -> None:
    # 項目 spans two header rows; the second names each bank's sub-columns. It is no data row.
    table = _table([
        [("項目", 2, 1), ("北海道労働金庫", 1, 3), ("東北労働金庫", 1, 3)],
        [("金額", 1, 1), ("単位", 1, 1), ("備考", 1, 1)] * 2,
        [("融資額限度", 1, 1), ("1,000", 1, 1), ("万円", 1, 1), ("", 1, 1),
         ("500", 1, 1), ("万円", 1, 1), ("交付金の範囲内", 1, 1)],
    ])
    artifact = {
        "source": {"file": "x.pdf", "sha256": "0" * 64},
        "pages": [{"page": 1, "lines": [{"text": "制度概要（2026年4月1日現在）"}],
                   "tables": [table]}],
    }
    rows = clean(artifact)["npo_loan_terms"]
    assert [(r["bank"], r["item"], r["limit_yen"], r["note"]) for r in rows] == [
        ("北海道労働金庫", "融資額限度", 10_000_000, ""),
        ("東北労働金庫", "融資額限度", 5_000_000, "交付金の範囲内"),
    ]


@pytest.mark.slow
def test_source_bbox_crops_the_cells_the_row_was_read_from(records) -> None:
    from collections import Counter

    import pdfplumber

    from pipeline.core.grid import parse_box
    from pipeline.core.text import squeeze
    from tests.conftest import NPO_PDF

    with pdfplumber.open(NPO_PDF) as pdf:
        for row in records.values():
            box = parse_box(row["source_bbox"])
            assert box is not None and box[0] < box[2] and box[1] < box[3], row["source_bbox"]
            page = pdf.pages[row["source_page"] - 1]
            inside = Counter(squeeze(page.crop(box).extract_text()))
            printed = Counter(squeeze(row["mark"] + row["value"] + row["unit"] + row["note"]))
            assert not printed - inside, (row["bank"], row["item"], row["condition"])


def _breaks(lines: list[str]) -> set[int]:
    """Where the line breaks fall in the text without whitespace (NFKC-folded)."""
    at, found = 0, set()
    for line in lines[:-1]:
        at += len(norm(line))
        found.add(at)
    return found


def test_items_keep_their_line_breaks(records, npo_truth) -> None:
    """A wrapped cell whose lines each start an item keeps a line break there (no other):
    無担保10 / 有担保20, ①1.900 / ②2.650, …原則10年以内 / 有担保の借入期間…"""
    assert records["東海労働金庫", "返済期間/証書貸付"]["value"] == "無担保10\n有担保20"
    assert records["静岡県労働金庫", "金利/つなぎ資金/無担保"]["value"] == "①1.900\n②2.650"
    note = records["北海道労働金庫", "資金使途/設備資金"]["note"]
    assert "原則10年以内\n有担保の借入期間" in note
    kept = 0
    for bank, rows in npo_truth["cells"].items():
        for row, cell in rows.items():
            for field in ("value", "note"):
                published = records[bank, row][field].split("\n")
                kept += len(published) - 1
                assert _breaks(published) <= _breaks((cell[field] or "").split("\n")), (
                    bank, row, field)
    assert kept >= 50
