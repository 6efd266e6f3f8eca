"""Tell which kind of document an extract artifact holds, from its content only."""

from __future__ import annotations

from typing import Any

from pipeline.clean.text import squeeze
from pipeline.errors import PipelineError

# Title words, looked for in the first lines of the first page (then anywhere on it).
TITLES = {"制度概要": "npo_loan", "事業計画": "business_plan"}
TITLE_LINES = 5


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
    if "(cid:" in page_text(first):
        raise PipelineError(
            "text extracts as (cid:…) codes: the PDF's fonts lack a Unicode map", file=file, page=1
        )
    titles = " or ".join(TITLES)
    raise PipelineError(f"not a known document: no {titles} title on the first page", file=file)
