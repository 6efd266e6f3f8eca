"""Reference data: printed units and their worth, and what a labour bank's name looks like."""

from __future__ import annotations

import re

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

# A labour bank as a table prints its name: …労働金庫, …ろうきん, …労金 (the pattern, not this
# year's list: banks merge and rename).
LABOUR_BANK_PATTERN = r"^.+(労働金庫|ろうきん|労金)$"
_LABOUR_BANK = re.compile(LABOUR_BANK_PATTERN)


def is_labour_bank(name: str) -> bool:
    """True for a labour bank's name as a table prints it, whitespace removed (北海道労働金庫,
    中央ろうきん): the pattern, not a list, so a merged or renamed bank is one too."""
    return bool(_LABOUR_BANK.match(name))

# The labour banks' names as their tables print them today. Used ONLY to set right a name OCR
# read imperfectly from a scan (pipeline/extract/ocr/match.py), never to validate: a bank not
# listed here (a merger, a rename) is read as printed.
KNOWN_LABOUR_BANKS: tuple[str, ...] = (
    "北海道労働金庫", "東北労働金庫", "中央労働金庫", "新潟県労働金庫", "長野県労働金庫",
    "静岡県労働金庫", "北陸労働金庫", "東海労働金庫", "近畿労働金庫", "中国労働金庫",
    "四国労働金庫", "九州労働金庫", "沖縄県労働金庫",
)

# The conditions of the business plan's figure tables: each label a table may print for one
# (計 also as 合計 or 総計) → the condition published. A total printed without a label (the
# column, or row, left blank under 計画値) is PLAN_TOTAL too. Whichever axis of a table holds
# only these (or blanks) is its condition axis; the other holds the items, so a table printed
# with the items across and the conditions down is read the same (kinds/business_plan/clean/
# orientation.py).
PLAN_TOTAL = "計"
PLAN_CONDITIONS: dict[str, str] = {
    "計": PLAN_TOTAL,
    "合計": PLAN_TOTAL,
    "総計": PLAN_TOTAL,
    "無担保": "無担保",
    "有担保": "有担保",
}
# Headings that name a figure table's values as a whole (merged over the value columns, or down
# beside the condition rows), never one item or condition of them.
PLAN_VALUE_HEADINGS: tuple[str, ...] = ("計画値", "計画")
