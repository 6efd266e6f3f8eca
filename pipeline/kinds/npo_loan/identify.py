"""Is a first page the NPO comparison table? Its title 制度概要, or banks heading its columns."""

from __future__ import annotations

from pipeline.core.text import squeeze
from pipeline.extract.page_text import head_text, page_text
from schemas.reference import is_labour_bank

TITLE = "制度概要"
# The printed labels (items and conditions) the kind's own views pick rows by (database.py).
# The table is read as printed, so when an edition relabels one of these rows the views follow
# only by an edit here.
LABELS = {
    "limit": "融資額限度", "rate": "金利", "term": "返済期間", "guarantor": "保証人要否",
    "unsecured": "無担保", "secured": "有担保",
}
# The labels this kind's table prints (its title, row labels and legends): what a label read
# imperfectly from a scan is set right to, when one is clearly the closest (extract/ocr/match.py).
VOCABULARY = (
    TITLE, "項目", "対象団体の主な条件", "資金使途", "つなぎ資金", "運転資金", "設備資金",
    LABELS["limit"], LABELS["unsecured"], LABELS["secured"], "融資の種類", "手形貸付",
    "証書貸付", LABELS["rate"], "その他", LABELS["term"], LABELS["guarantor"], "○：対象",
    "×：対象外", "○：あり", "×：なし", "金額", "単位", "備考",
)
# Without a title, a comparison table still shows itself by the banks heading its columns.
MIN_BANK_COLUMNS = 3


def identify(page: dict) -> int:
    """2: the title opens the page; 1: the title is elsewhere on it, or banks head a table."""
    if TITLE in head_text(page):
        return 2
    if TITLE in squeeze(page_text(page)):
        return 1
    for table in page["tables"]:
        banks = sum(is_labour_bank(squeeze(cell["text"] or "")) for cell in table["cells"])
        if banks >= MIN_BANK_COLUMNS:
            return 1
    return 0
