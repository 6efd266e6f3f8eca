"""Tell which kind of document an extract artifact holds, from its content only."""

from __future__ import annotations

import re
from typing import Any

from pipeline.clean.text import squeeze
from pipeline.errors import PipelineError

# Title words, looked for in the first lines of the first page (then anywhere on it).
TITLES = {"制度概要": "npo_loan", "事業計画": "business_plan"}
TITLE_LINES = 5
# Without a title, a comparison table still shows itself by the banks heading its columns.
MIN_BANK_COLUMNS = 3
_BANK = re.compile(r".+(労働金庫|ろうきん|労金)$")


def is_bank_name(text: str) -> bool:
    """True for a labour bank's name as a table prints it (北海道労働金庫, 中央ろうきん)."""
    return bool(_BANK.match(squeeze(text)))


def page_text(page: dict[str, Any]) -> str:
    """All loose lines of a page, then all its table cells, as one string."""
    parts = [line["text"] for line in page["lines"]]
    parts += [cell["text"] or "" for table in page["tables"] for cell in table["cells"]]
    return "\n".join(parts)


def detect_kind(artifact: dict[str, Any]) -> str:
    """The document kind ('npo_loan' or 'business_plan'), or PipelineError if neither."""
    file = artifact["source"]["file"]
    first = artifact["pages"][0]
    head = "".join(squeeze(line["text"]) for line in first["lines"][:TITLE_LINES])
    for haystack in (head, squeeze(page_text(first))):
        for word, kind in TITLES.items():
            if word in haystack:
                return kind
    for table in first["tables"]:
        if sum(is_bank_name(cell["text"] or "") for cell in table["cells"]) >= MIN_BANK_COLUMNS:
            return "npo_loan"
    if "(cid:" in page_text(first):
        raise PipelineError(
            "text extracts as (cid:…) codes: the PDF's fonts lack a Unicode map", file=file, page=1
        )
    titles = " or ".join(TITLES)
    raise PipelineError(f"not a known document: no {titles} title on the first page", file=file)
