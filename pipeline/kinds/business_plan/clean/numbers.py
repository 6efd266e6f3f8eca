"""Outline number markers of a business plan: ［基本戦略１］, １．, （１）, ①, （ア）.

A marker is read from the start of a line. Each has a scheme (which kind of numbering it is, so
that siblings can be told from children), an ordinal (1, 2, 3 … for the sibling sequence), the
printed form, and a normalised label for paths (基本戦略1, 2, (7), ②).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.core.text import CIRCLED, squeeze

KANA = (
    "アイウエオカキクケコサシスセソタチツテト"
    "ナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
)
_DIGITS = "0-9０-９"
_BRACKET = re.compile(r"^\s*[［\[【〔]([^］\]】〕\s][^］\]】〕]{0,19})[］\]】〕]")
_PAREN_NUMBER = re.compile(rf"^\s*[（(]\s*([{_DIGITS}]{{1,3}})\s*[）)]")
_PAREN_KANA = re.compile(rf"^\s*[（(]\s*([{KANA}])\s*[）)]")
# Full-width ． always ends a number; an ASCII '.' only when no digit follows (not 0.11).
_DOTTED_NUMBER = re.compile(rf"^\s*([{_DIGITS}]{{1,3}})\s*(?:．|\.(?![{_DIGITS}]))")
_DOTTED_KANA = re.compile(rf"^\s*([{KANA}])\s*[．.](?![{_DIGITS}])")
_CIRCLED = re.compile(rf"^\s*([{CIRCLED}])")
_TRAILING_NUMBER = re.compile(r"(\d+)$")


@dataclass(frozen=True)
class Number:
    """An outline number as printed at the start of a block."""

    scheme: str
    ordinal: int | None
    printed: str
    label: str


def _int(text: str) -> int:
    return int(unicodedata.normalize("NFKC", text))


def _bracket(match: re.Match) -> Number:
    inner = squeeze(match[1])
    trailing = _TRAILING_NUMBER.search(inner)
    word = inner[: trailing.start()] if trailing else inner
    ordinal = int(trailing[1]) if trailing else None
    return Number(f"bracket:{word}", ordinal, match[0].strip(), inner)


def split_number(text: str) -> tuple[Number | None, str]:
    """The outline number a line starts with (if any) and the rest without the gap after it."""
    if match := _BRACKET.match(text):
        number = _bracket(match)
    elif match := _PAREN_NUMBER.match(text):
        value = _int(match[1])
        number = Number("paren", value, match[0].strip(), f"({value})")
    elif match := _PAREN_KANA.match(text):
        number = Number("paren-kana", KANA.index(match[1]) + 1, match[0].strip(), f"({match[1]})")
    elif match := _DOTTED_NUMBER.match(text):
        value = _int(match[1])
        number = Number("dotted", value, match[0].strip(), str(value))
    elif match := _DOTTED_KANA.match(text):
        number = Number("dotted-kana", KANA.index(match[1]) + 1, match[0].strip(), match[1])
    elif match := _CIRCLED.match(text):
        number = Number("circled", CIRCLED.index(match[1]) + 1, match[1], match[1])
    else:
        return None, text
    return number, text[match.end():].lstrip()
