"""Is a first page a business plan? Its title 「…年度事業計画」."""

from __future__ import annotations

from pipeline.core.text import squeeze
from pipeline.extract.page_text import head_text, page_text

TITLE = "事業計画"


def identify(page: dict) -> int:
    """2: the title opens the page; 1: it is elsewhere on the page; 0: not a business plan."""
    if TITLE in head_text(page):
        return 2
    return 1 if TITLE in squeeze(page_text(page)) else 0
