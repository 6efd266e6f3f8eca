"""Reference data the checks compare against: who publishes, and what every edition must hold."""

from __future__ import annotations

import re

# The 13 labour banks (労働金庫), as their names are printed in the comparison table's header.
LABOUR_BANKS: tuple[str, ...] = (
    "北海道労働金庫",
    "東北労働金庫",
    "中央労働金庫",
    "新潟県労働金庫",
    "長野県労働金庫",
    "静岡県労働金庫",
    "北陸労働金庫",
    "東海労働金庫",
    "近畿労働金庫",
    "中国労働金庫",
    "四国労働金庫",
    "九州労働金庫",
    "沖縄県労働金庫",
)

# Rows (item, condition) every edition of the NPO comparison table has; an edition may add rows.
NPO_REQUIRED_ROWS: tuple[tuple[str, str], ...] = (
    ("対象団体の主な条件", ""),
    ("資金使途", "つなぎ資金"),
    ("資金使途", "運転資金"),
    ("資金使途", "設備資金"),
    ("融資額限度", "無担保"),
    ("融資額限度", "有担保"),
    ("融資の種類", "手形貸付"),
    ("融資の種類", "証書貸付"),
    ("金利", "つなぎ資金/無担保"),
    ("金利", "つなぎ資金/有担保"),
    ("金利", "その他/無担保"),
    ("金利", "その他/有担保"),
    ("返済期間", "手形貸付"),
    ("返済期間", "証書貸付"),
    ("保証人要否", ""),
)

# Printed units and what one of them is worth in yen or months.
YEN_PER_UNIT: dict[str, int] = {
    "円": 1,
    "千円": 1_000,
    "万円": 10_000,
    "百万円": 1_000_000,
    "億円": 100_000_000,
}
MONTHS_PER_UNIT: dict[str, int] = {
    "年": 12,
    "ヶ月": 1,
    "か月": 1,
    "カ月": 1,
    "ヵ月": 1,
    "ケ月": 1,
    "月": 1,
}

_LABOUR_BANK = re.compile(r".+(労働金庫|ろうきん|労金)$")


def is_labour_bank(name: str) -> bool:
    """True for a labour bank's name as a table prints it, whitespace removed (北海道労働金庫,
    中央ろうきん): the pattern, not a list, so a merged or renamed bank is one too."""
    return bool(_LABOUR_BANK.match(name))
