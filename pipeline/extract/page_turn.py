"""What the page before leaves the top of a page: a table running on, or a caption whose table
is printed overleaf.

A page's last table *ends its page* when nothing but page furniture (a page number) is printed
under it; found without rules (a ruled one's rest is found by its rules), its rows may go on
at the top of the next page, where a rule-less table with as few columns as a ratio table
(項目 | 計画値) is no plain grid and would otherwise not be found.
A page whose text ends with a caption line (＜…＞, （単位：…）, 表1) announces the table
printed at the top of the next page. At the top of that page only furniture may stand above
the table: a page number, or a line the page before prints at the same place (a running
head).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PAGE_NUMBER = re.compile(r"^[-－―—–‐ー\s]*(?:(?:[pP](?:age)?\.?\s*)?\d+(?:\s*/\s*\d+)?)"
                         r"[-－―—–‐ー\s]*$")
# A line the page before prints within this many points of the same place is a running head.
SAME_PLACE = 2.0


@dataclass(frozen=True)
class Lead:
    """What the previous page leaves this one: its last table when that table ended the page,
    whether its text ends with a caption line, and its lines (to tell running heads)."""

    table: dict[str, Any] | None = None
    caption: bool = False
    lines: tuple[dict[str, Any], ...] = ()

    @property
    def header_only(self) -> bool:
        """Is the table the page ends with a header alone (no digit in any cell), its rows
        printed overleaf?"""
        return self.table is not None and not any(
            ch.isdigit() for cell in self.table["cells"] for ch in cell["text"])

    def furniture(self, text: str, top: float) -> bool:
        """Is a line with this text at this height page furniture: a page number, or what the
        page before prints at the same place?"""
        return bool(PAGE_NUMBER.match(text)) or any(
            line["text"] == text and abs(line["top"] - top) <= SAME_PLACE for line in self.lines)


def lead_of(before: dict[str, Any] | None, caption: re.Pattern[str]) -> Lead:
    """What the page artifact `before` (the previous page's) leaves the next page; `caption`
    matches a caption line."""
    if before is None:
        return Lead()
    lines: Sequence[dict[str, Any]] = before["lines"]
    tables = before["tables"]
    bottom = max((t["bbox"][3] for t in tables), default=float("-inf"))
    below = sorted((line for line in lines if line["top"] > bottom
                    and not PAGE_NUMBER.match(line["text"])), key=lambda line: line["top"])
    last = tables[-1] if tables and not below else None
    return Lead(table=last if last is not None and last.get("method") == "aligned" else None,
                caption=bool(below) and bool(caption.match(below[-1]["text"])),
                lines=tuple(lines))
