"""A business plan's loose lines → text blocks (title, headings, measures, paragraphs).

Page furniture is dropped first: page numbers and running heads/footers (the first or last line
of a page that is only a page number, or whose text, digits aside, repeats on most pages), the
closing 以上, and the lines the tables consumed (captions, units). The remaining lines are read in
order and a new block starts at a line that
  - starts with an outline number (１．, （１）, ①, ［…］), or
  - follows a gap wider than the usual line pitch, or
  - follows a line that stopped with room left for its first word (the last line of a
    paragraph: a wrapped line breaks only when the next word would overrun the margin), or
  - sticks out right of both neighbours (a paragraph's first-line indent), or
  - moves left of a previous continuation line.
Everything here is relative to the document's own pitch, margin and font size.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from pipeline.core.text import join_lines, squeeze, unify_ideographs
from pipeline.kinds.business_plan.clean.numbers import Number, split_number

CLOSING = "以上"
# Characters that may not start a line (行頭禁則): they move to the next line together with the
# character before them, so a wrapped line can stop short of the margin by their width.
NO_LINE_START = frozenset(
    "、。，．,.）］｝〉》」』】〕・ー々ゝゞ！？!?：；…‥"
    "っゃゅょゎぁぃぅぇぉァィゥェォッャュョヮ"
)
# Width of a character that is not full-width, in font sizes: generous, so a wrapped line whose
# next line starts with digits is never taken for a block end.
NARROW = 0.65
# Characters that may not end a line (行末禁則): they move down with the character after them.
NO_LINE_END = frozenset("（［｛〈《「『【〔(［“‘")
# Tolerance, in font sizes, on the estimated right margin.
SLACK = 0.5
_ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9,.%()/:\-]*")
# A gap this many line pitches tall separates blocks.
GAP_PITCHES = 1.5
_PAGE_NUMBER = re.compile(r"^[-－―—–‐ー\s]*(?:[pP]\.?\s*)?\d+(?:\s*/\s*\d+)?[-－―—–‐ー\s]*$")


@dataclass(frozen=True)
class Line:
    """One loose text line of a page, with its place in the artifact."""

    page: int
    index: int
    text: str
    x0: float
    x1: float
    top: float
    size: float
    bottom: float = 0.0


@dataclass
class Block:
    """Consecutive lines read as one unit; `number` is its outline number, if it has one."""

    lines: list[Line]
    number: Number | None = None
    first_text: str = ""
    continuation: list[str] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """The box around the block's lines on its first page (page points, top-left origin)."""
        lines = [line for line in self.lines if line.page == self.page]
        return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))

    @property
    def text(self) -> str:
        """The block's text: number and gap removed, wrapped lines joined the Japanese way."""
        return join_lines("\n".join([self.first_text, *self.continuation]))


def page_lines(artifact: dict[str, Any], consumed: Collection[tuple[int, int]]) -> list[Line]:
    """Every loose line in reading order, without page furniture and consumed lines."""
    pages = [
        [
            Line(page["page"], i, unify_ideographs(line["text"]), line["x0"], line["x1"],
                 line["top"], line["size"], line.get("bottom", line["top"] + line["size"]))
            for i, line in enumerate(page["lines"])
            if line["text"].strip() and (page["page"], i) not in consumed
        ]
        for page in artifact["pages"]
    ]
    furniture = _furniture(pages)
    lines = [
        line
        for page in pages
        for line in sorted(page, key=lambda ln: (ln.top, ln.x0))
        if (line.page, line.index) not in furniture
    ]
    while lines and squeeze(lines[-1].text) == CLOSING:
        lines.pop()
    return lines


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", squeeze(text))


def _furniture(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """First/last lines of pages that are page numbers or repeat on most pages."""
    ends = [
        (where, line)
        for page in pages
        if page
        for where, line in (("first", min(page, key=lambda ln: ln.top)),
                            ("last", max(page, key=lambda ln: ln.top)))
    ]
    counts = Counter((where, _shape(line.text)) for where, line in ends)
    needed = max(2, (len(pages) + 1) // 2)
    return {
        (line.page, line.index)
        for where, line in ends
        if _PAGE_NUMBER.match(squeeze(line.text)) or counts[where, _shape(line.text)] >= needed
    }


def split_title(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The leading lines set larger than the body text (the title), and the rest."""
    if not lines:
        return [], []
    body = statistics.median(line.size for line in lines)
    n = 0
    while n < len(lines) and lines[n].size > body + 0.5:
        n += 1
    return lines[:n], lines[n:]


@dataclass(frozen=True)
class Layout:
    """The body text's measures: line pitch, right margin and font size."""

    pitch: float
    margin: float
    size: float

    @classmethod
    def of(cls, lines: list[Line]) -> Layout:
        steps = [
            b.top - a.top for a, b in zip(lines, lines[1:], strict=False)
            if a.page == b.page and b.top > a.top
        ]
        ends = sorted(line.x1 for line in lines)
        margin = ends[int(0.9 * (len(ends) - 1))] if ends else 0.0
        size = statistics.median(line.size for line in lines) if lines else 0.0
        return cls(statistics.median(steps) if steps else size * 1.5, margin, size)

    def had_room_for(self, prev: Line, line: Line) -> bool:
        """Did `prev` stop with room for the first unit of `line`? Then it ended a block."""
        return prev.x1 + lead_width(line.text, line.size) <= self.margin - SLACK * self.size


def lead_width(text: str, size: float) -> float:
    """Estimated width of what must start a line: an ASCII word, or a character with the
    characters that may not start a line after it (あっ, マー, 型）), after any opening brackets
    that may not end a line before it (（光)."""
    text = text.lstrip()
    start = 0
    while start < len(text) - 1 and text[start] in NO_LINE_END:
        start += 1
    if match := _ASCII_RUN.match(text, start):
        lead = text[:match.end()]
    else:
        end = start + 1
        while end < len(text) and text[end] in NO_LINE_START:
            end += 1
        lead = text[:end]
    return sum(
        size if unicodedata.east_asian_width(ch) in "WFA" else NARROW * size for ch in lead
    )


def _starts_block(
    lines: list[Line], i: int, numbered: list[bool], prev_opens_block: bool, layout: Layout
) -> bool:
    line, prev = lines[i], lines[i - 1]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    half = layout.size / 2
    if numbered[i]:
        return True
    if prev.page == line.page and line.top - prev.top > GAP_PITCHES * layout.pitch:
        return True
    if layout.had_room_for(prev, line):
        return True
    indented = (
        nxt is not None
        and not numbered[i + 1]
        and nxt.page == line.page
        and line.x0 - nxt.x0 >= half
        and line.x0 - prev.x0 >= half
    )
    if indented:
        return True
    return not prev_opens_block and line.x0 < prev.x0 - half


def blocks(lines: list[Line]) -> list[Block]:
    """Group body lines (title excluded) into blocks, each with its outline number if any."""
    if not lines:
        return []
    layout = Layout.of(lines)
    split = [split_number(line.text) for line in lines]
    numbered = [number is not None for number, _ in split]
    out: list[Block] = []
    for i, line in enumerate(lines):
        number, rest = split[i]
        if i == 0 or _starts_block(lines, i, numbered, len(out[-1].lines) == 1, layout):
            out.append(Block([line], number, rest if number else line.text))
        else:
            out[-1].lines.append(line)
            out[-1].continuation.append(line.text)
    return out
