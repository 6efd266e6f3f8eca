"""A figure table's caption (＜主要計数＞) and unit （単位：百万円）; where a caption announces one.

A table's caption and unit are the nearest lines above it (one line may hold both). A table at
the top of a page, only page furniture above it, takes the caption and unit the page before
ends with, its table printed overleaf. A caption line (＜…＞ on a line of its own, a unit beside
it or not) followed by a unit line or a line of figures announces a table: it must be read, so
one whose table was not found is an error, never figures silently missing; a ＜…＞ inside a
sentence is prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.numbers import read_number
from pipeline.core.text import fold, squeeze
from pipeline.extract.aligned import CAPTION as CAPTION_LINE
from pipeline.extract.page_turn import PAGE_NUMBER, lead_of

_CAPTION = re.compile(r"[＜<〈《【〔]\s*([^＞>〉》】〕]+?)\s*[＞>〉》】〕]")
_UNIT = re.compile(r"[（(]?\s*単\s*位\s*[:：]?\s*([^（()）\s]+)\s*(?:[）)]|$)")
# A caption line: the caption first, nothing after it but a unit.
_CAPTION_ONLY = re.compile(r"^\s*[＜<〈《【〔][^＞>〉》】〕]+[＞>〉》】〕]\s*"
                           r"(?:[（(]\s*単\s*位[^）)]*[）)])?\s*$")


@dataclass(frozen=True)
class Caption:
    """A table's name and unit, and which loose lines printed them: indexes into the lines of
    the table's page, and (page, index) of those the page before ends with."""

    name: str
    unit: str
    lines: tuple[int, ...]
    overleaf: tuple[tuple[int, int], ...] = ()

    def consumed(self, page: int) -> set[tuple[int, int]]:
        """(page, index) of every line printing the caption of a table on `page`."""
        return {(page, i) for i in self.lines} | set(self.overleaf)


def _caption_of(lines: list[tuple[int, dict[str, Any]]]) -> Caption | None:
    """The caption and unit on the last of `lines` (nearest the table first)."""
    name = unit = ""
    used: list[int] = []
    for i, line in lines:
        text = fold(line["text"])
        caption, unit_match = _CAPTION.search(text), _UNIT.search(text)
        if not caption and not unit_match:
            break
        used.append(i)
        name = name or (squeeze(caption[1]) if caption else "")
        unit = unit or (squeeze(unit_match[1]).replace("%", "％") if unit_match else "")
        if name and unit:
            break
    return Caption(name, unit, tuple(used)) if used else None


def caption_above(page: dict[str, Any], table: dict[str, Any],
                  previous: dict[str, Any] | None = None) -> Caption | None:
    """The caption and unit printed on the nearest lines above `table`, if any; for a table
    with only page furniture above it, those the page `previous` (the page before's artifact)
    ends with."""
    top = table["bbox"][1]
    above = [(i, line) for i, line in enumerate(page["lines"])
             if (line["top"] + line["bottom"]) / 2 < top]
    above.sort(key=lambda pair: pair[1]["bottom"], reverse=True)
    found = _caption_of(above)
    if found is not None and found.name or previous is None:
        return found
    lead = lead_of(previous, CAPTION_LINE)
    if not lead.caption or not all(lead.furniture(line["text"], line["top"])
                                   for i, line in above if found is None or i not in found.lines):
        return found
    overleaf = _caption_of(_tail(previous))
    if overleaf is None:
        return found
    before = tuple((previous["page"], i) for i in overleaf.lines)
    if found is None:
        return Caption(overleaf.name, overleaf.unit, (), before)
    return Caption(overleaf.name, found.unit or overleaf.unit, found.lines, before)


def _tail(page: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The lines of `page` below its last table, but its page number, last first."""
    bottom = max((t["bbox"][3] for t in page["tables"]), default=float("-inf"))
    tail = [(i, line) for i, line in enumerate(page["lines"])
            if line["top"] > bottom and not PAGE_NUMBER.match(line["text"])]
    return sorted(tail, key=lambda pair: pair[1]["bottom"], reverse=True)


# Header lines a table may leave under its caption at the foot of a page.
MAX_HEADER_LINES = 3


def stranded_header(previous: dict[str, Any] | None) -> str | None:
    """The name of the table whose caption and header rows alone end the page `previous`
    (lines without a digit under a caption line, its rows overleaf), if any: the header
    cannot be matched to the rows' columns."""
    if previous is None:
        return None
    tail = _tail(previous)
    for k, (_, line) in enumerate(tail[:MAX_HEADER_LINES + 1]):
        text = fold(line["text"])
        if _CAPTION_ONLY.match(text):
            return squeeze(_CAPTION.search(text)[1]) if k else None
        if any(ch.isdigit() for ch in text):
            return None
    return None


def _figures_line(text: str) -> bool:
    """Does a line print figures: a word after its first that is a plain number?"""
    words = fold(text).split()
    return len(words) >= 2 and any(
        any(ch.isdigit() for ch in word) and read_number(word) is not None for word in words[1:])


def check_announced(artifact: dict[str, Any], consumed: set[tuple[int, int]]) -> None:
    """PipelineError for a caption line no table was read under: a line of its own holding a
    caption (＜…＞, a unit beside it or not) followed by a unit line or a line of figures, and
    used by no table."""
    file = artifact["source"]["file"]
    lines = [(page["page"], i, line) for page in artifact["pages"]
             for i, line in sorted(enumerate(page["lines"]), key=lambda p: p[1]["top"])]
    for k, (page, i, line) in enumerate(lines):
        text = fold(line["text"])
        if (page, i) in consumed or not _CAPTION_ONLY.match(text):
            continue
        after = [fold(nxt["text"]) for _, _, nxt in lines[k + 1:k + 3]]
        unit_line = bool(after) and _UNIT.match(after[0].strip()) is not None
        figures = any(_figures_line(t) for t in after[:2 if unit_line else 1])
        if unit_line or figures or _UNIT.search(text):
            name = squeeze(_CAPTION.search(text)[1])
            raise PipelineError(
                f"table ＜{name}＞ is announced here but no table was read under it (its rows "
                "are not set as a table this reader finds)", file=file, page=page)
