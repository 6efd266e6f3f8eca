"""Where a wrapped NPO cell's next line starts an item of its own, so its line break is kept.

A cell listing several items wraps each onto lines of its own: numbered (①, ②), marked (※,
・, （1）) or labelled with one of the table's own condition labels (無担保 / 有担保, 運転資金 …).
Joined the Japanese way those run into one another (…原則10年以内有担保の借入期間…, 無担保10有担保
20); the line break kept, each stays readable and the typed parse reads a value per condition.
A value cell also starts an item where a label follows a number (手貸（固定）2.125 / 証貸 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.core.text import CIRCLED, StartsItem, fold
from schemas.reference import MONTHS_PER_UNIT, YEN_PER_UNIT

# What a line opens an item with: a circled number, a reference mark or a bullet (・, ○: a
# note's ○ is a bullet, the mark column's ○ is split off before the text is joined).
MARKERS = frozenset(CIRCLED) | frozenset("※＊*・○")
_BRACKETED = re.compile(r"[（(][0-9]{1,2}[）)]")
# A previous line ending so goes on into the next (運転資金・ / 設備資金, 無担保又は / 有担保).
_GOES_ON = frozenset("・、,，のとや及又")
# What continues a number rather than label a new one: digits and signs of a number or range,
# closing brackets and punctuation, a unit, 以内 / 以上 / まで …
_CONTINUES = re.compile(
    r"[0-9～〜~,.，．、。)）\]%％]|以|まで|迄|未満|超|"
    + "|".join(sorted(map(re.escape, {*YEN_PER_UNIT, *MONTHS_PER_UNIT}), key=len, reverse=True)))


def item_starts(labels: Iterable[str]) -> StartsItem:
    """Does a line start an item of its own: a marker, a bracketed number, or one of the
    table's condition `labels` (two characters or more) after a line that does not go on?"""
    known = sorted({fold(label) for label in labels if len(label) >= 2}, key=len, reverse=True)

    def starts(previous: str, line: str) -> bool:
        head = fold(line)
        if _BRACKETED.match(head):
            return True
        if head[:1] in MARKERS:  # a mark alone (5,000 / ※) is the previous line's footnote
            return any(ch not in MARKERS for ch in head)
        before = fold(previous)
        return bool(before) and before[-1] not in _GOES_ON and any(
            head.startswith(label) for label in known)

    return starts


def value_item_starts(labels: Iterable[str]) -> StartsItem:
    """item_starts, and in a value cell also a label after a number (手貸 2.125 / 証貸 …)."""
    base = item_starts(labels)

    def starts(previous: str, line: str) -> bool:
        if base(previous, line):
            return True
        before, head = fold(previous), fold(line)
        return (bool(before) and before[-1].isdigit() and head[:1] not in MARKERS
                and not _CONTINUES.match(head))

    return starts
