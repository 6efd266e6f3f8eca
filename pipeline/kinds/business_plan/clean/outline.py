"""Text blocks → outline rows: kind, level, path, read from the numbering alone.

Levels come from how numbers follow each other, not from this year's headings:
  - a number continuing an open sequence of the same scheme (２． after an open １．) is that
    item's sibling: everything opened below it is closed;
  - a number 1 (１．, （１）, ①, ［基本戦略１］) opens a new list under the innermost open item, so
    the same scheme can nest (１．… under ３．個別施策 › ［基本戦略１］);
  - a number that continues nothing (a gap in the numbering) joins the innermost open item of
    its scheme, or opens a list if none is open;
  - an unnumbered paragraph belongs to the innermost open item (the preamble to none).
A numbered block with something under it is a heading, one without is an outline item.
Paths join the normalised numbers (基本戦略2 › 2 › (7) › ②); paragraphs are numbered ¶1, ¶2 …
within their parent so every block has its own path.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.text import PATH_SEP
from pipeline.kinds.business_plan.clean.blocks import Block
from pipeline.kinds.business_plan.clean.numbers import Number

SEP = PATH_SEP
PARAGRAPH = "¶"


@dataclass
class Node:
    """One row of the outline under construction."""

    kind: str
    level: int
    number: Number | None
    path: str
    parent_path: str
    block: Block | None
    text: str
    children: int = 0
    paragraphs: int = 0


def _join(parent: str, label: str) -> str:
    return f"{parent}{SEP}{label}" if parent else label


def _attach_at(stack: list[Node], number: Number) -> int:
    """How many open items stay above a new item with this number."""
    same = [
        i for i, node in enumerate(stack) if node.number and node.number.scheme == number.scheme
    ]
    if number.ordinal != 1:
        for i in reversed(same):
            previous = stack[i].number
            if previous and previous.ordinal is not None and number.ordinal is not None \
                    and previous.ordinal == number.ordinal - 1:
                return i
        if same:
            return same[-1]
    return len(stack)


def outline(title: str | None, title_block: Block | None, body: list[Block]) -> list[Node]:
    """The outline rows in document order: the title (if any), then every block."""
    nodes: list[Node] = []
    if title is not None:
        nodes.append(Node("title", 0, None, "", "", title_block, title))
    stack: list[Node] = []
    root_paragraphs = 0
    for block in body:
        if block.number is None:
            parent = stack[-1] if stack else None
            if parent:
                parent.children += 1
                parent.paragraphs += 1
                count, base, level = parent.paragraphs, parent.path, parent.level + 1
            else:
                root_paragraphs += 1
                count, base, level = root_paragraphs, "", 0
            path = _join(base, f"{PARAGRAPH}{count}")
            nodes.append(Node("paragraph", level, None, path, base, block, block.text))
            continue
        del stack[_attach_at(stack, block.number):]
        parent = stack[-1] if stack else None
        if parent:
            parent.children += 1
        base = parent.path if parent else ""
        node = Node("outline", len(stack), block.number, _join(base, block.number.label), base,
                    block, block.text)
        stack.append(node)
        nodes.append(node)
    for node in nodes:
        if node.number is not None and node.children:
            node.kind = "heading"
    return nodes
