"""A page of the extract artifact as plain text, for telling what document it is."""

from __future__ import annotations

from typing import Any

from pipeline.core.text import squeeze

# A title is looked for in the first lines of a page.
HEAD_LINES = 5


def page_text(page: dict[str, Any]) -> str:
    """All loose lines of a page, then all its table cells, one per line."""
    parts = [line["text"] for line in page["lines"]]
    parts += [cell["text"] or "" for table in page["tables"] for cell in table["cells"]]
    return "\n".join(parts)


def head_text(page: dict[str, Any]) -> str:
    """The page's first loose lines, without whitespace (a title spaced out reads whole)."""
    return "".join(squeeze(line["text"]) for line in page["lines"][:HEAD_LINES])
