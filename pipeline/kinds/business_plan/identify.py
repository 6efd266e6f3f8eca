"""Is a first page a business plan? Its title 「…年度事業計画」."""

from __future__ import annotations

from pipeline.core.text import squeeze
from pipeline.extract.page_text import head_text, page_text
from schemas.reference import YEN_PER_UNIT

TITLE = "事業計画"
# The printed conditions the kind's cross-foot view sets side by side (database.py): an
# edition that relabels them is read as printed, and the view follows by an edit here.
LABELS = {"unsecured": "無担保", "secured": "有担保"}
# The labels its figure tables print: what a label read imperfectly from a scan is set right
# to, when one is clearly the closest (extract/ocr/match.py).
VOCABULARY = (
    "＜主要計数＞", "＜諸比率＞", "項目", "計画値", "計", LABELS["unsecured"], LABELS["secured"],
    "新規保証引受",
    "保証債務残高", "決算保証料", "代位弁済", "求償権回収金", "延滞率",
    *(f"（単位：{unit}）" for unit in (*YEN_PER_UNIT, "％")),
)


def identify(page: dict) -> int:
    """2: the title opens the page; 1: it is elsewhere on the page; 0: not a business plan."""
    if TITLE in head_text(page):
        return 2
    return 1 if TITLE in squeeze(page_text(page)) else 0
