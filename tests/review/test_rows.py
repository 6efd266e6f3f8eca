"""Rows grouped by bank and ordered as printed; documents newest first; stable anchors."""

from __future__ import annotations

from pathlib import Path

from pipeline.corrections.correctable import correctable
from pipeline.review.rows import Rows, document_order, group_of, label, printed_order, read_rows
from tests.diff.helpers import NPO, frame, npo_row

RULE = correctable()["npo_loan_terms"]


def rows(*records: dict) -> Rows:
    return Rows(NPO, frame(list(records)), RULE.printed, RULE.typed)


def test_rows_are_grouped_by_bank_and_named_by_the_rest_of_their_key() -> None:
    part = rows(npo_row("2025-04-01", "A労働金庫", "融資額限度", "無担保"),
                npo_row("2025-04-01", "B労働金庫", "金利", ""))
    assert group_of(part).tolist() == ["A労働金庫", "B労働金庫"]
    assert label(part, 0, "A労働金庫") == "融資額限度 無担保"
    assert part.key(0) == "A労働金庫|融資額限度|無担保"  # as corrections.csv names it


def test_printed_order_follows_the_positions_not_the_published_order() -> None:
    part = rows(npo_row("2025-04-01", "A労働金庫", "金利", bank_position="1", row_position="3"),
                npo_row("2025-04-01", "A労働金庫", "期間", bank_position="1", row_position="2"),
                npo_row("2025-04-01", "B労働金庫", "金利", bank_position="2", row_position="1"),
                npo_row("2025-04-01", "A労働金庫", "融資額限度", bank_position="1",
                        row_position="1"))
    assert printed_order(part, [0, 1, 2, 3]) == [3, 2, 1, 0]  # row by row, across the banks


def test_without_positions_the_place_on_the_page_orders() -> None:
    def at(item: str, page: str, top: str) -> dict:
        return npo_row("2025-04-01", "A労働金庫", item, source_page=page,
                       source_bbox=f"10.00,{top},20.00,99.00")

    columns = [c for c in NPO.columns if c not in NPO.positions]
    part = Rows(NPO, frame([at("金利", "2", "50.00"), at("期間", "1", "90.00"),
                            at("融資額限度", "1", "40.00")], columns), RULE.printed, RULE.typed)
    assert printed_order(part, [0, 1, 2]) == [2, 1, 0]


def test_documents_come_newest_edition_first() -> None:
    part = rows(npo_row("2025-04-01", "A労働金庫", "金利"),
                npo_row("2026-04-01", "A労働金庫", "金利"))
    assert [(file, edition) for file, _, edition in document_order({"npo": part})] == [
        ("npo_2026-04-01.pdf", "2026-04-01"), ("npo_2025-04-01.pdf", "2025-04-01")]


def test_every_published_row_has_a_stable_anchor(published_corrected: Path) -> None:
    first, second = read_rows(published_corrected), read_rows(published_corrected)
    terms = first["npo_loan_terms"]
    assert len(set(terms.anchors.values())) == len(terms.records) == 195
    assert terms.anchors == second["npo_loan_terms"].anchors
    assert "limit_yen" in terms.typed and "value" in terms.printed
