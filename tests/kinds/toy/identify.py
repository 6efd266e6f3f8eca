"""A fee schedule's first page opens with 「…年度料金表」."""

from __future__ import annotations

from pipeline.extract.page_text import head_text

TITLE = "料金表"
# The labels its pages print (what OCR sets a misread label right to).
VOCABULARY = (TITLE, "品目", "料金")


def identify(page: dict) -> int:
    return 2 if TITLE in head_text(page) else 0
