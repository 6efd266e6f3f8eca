"""Typed readings of NPO-table cells: limits in yen, rates in percent, terms in months, marks.

Every parser returns None (or an empty result) when the printed text is not one of the forms it
knows, so an unparsed cell keeps its text and leaves the typed column empty rather than guessed.
Parsers take the cell text *before* NFKC folding, because folding turns ① into 1 and ～ into ~.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.core.numbers import UNSIGNED, read_number
from pipeline.core.text import CIRCLED, DASHES
from schemas.reference import MONTHS_PER_UNIT, YEN_PER_UNIT

MARKS_OFFERED = {"○": True, "×": False}
MARKS_REQUIRED = {"要": True, "否": False}
MARKS = frozenset(MARKS_OFFERED) | frozenset(MARKS_REQUIRED)
NOT_OFFERED = DASHES
# Unit words a unit sub-column prints.
UNITS = frozenset(YEN_PER_UNIT) | frozenset(MONTHS_PER_UNIT) | {"%", "％"}


_NUM = UNSIGNED
_RANGE = re.compile(rf"^({_NUM})[～〜~]({_NUM})$")
_SINGLE = re.compile(rf"^({_NUM})$")
_TIERS = re.compile(rf"([{CIRCLED}])({_NUM})")
# A value printed per condition inside one cell, e.g. 無担保 10 有担保 20 or 手貸 2.125 証貸 2.125.
_LABELLED = re.compile(rf"([^\d\s.,～〜~]+)\s*({_NUM})")
_RATE_TYPE = re.compile(r"(固定|変動)")
_FOOTNOTE = re.compile(r"[※＊*]+$")


def _prepare(text: str) -> str:
    """Fold widths but keep ① and ～, drop spaces and footnote marks (5,000※ reads as 5,000)."""
    kept = "".join(
        ch if ch in CIRCLED or ch in "～〜" else unicodedata.normalize("NFKC", ch) for ch in text
    )
    return _FOOTNOTE.sub("", "".join(kept.split()))


def _number(text: str) -> float:
    printed = read_number(text)
    if printed is None:  # (only what _NUM found is read here)
        raise ValueError(f"not a number: {text!r}")
    return float(printed.value)


@dataclass(frozen=True)
class Span:
    """Lowest and highest number printed in a cell, with the tiers or labelled parts if any."""

    low: float
    high: float
    parts: tuple[str, ...] = field(default=())


def parse_span(text: str) -> Span | None:
    """Read a single number, a range (1.600～2.300), tiers (①1.900②2.650) or labelled values."""
    raw = _prepare(text)
    raw = re.sub(r"[（(](?:固定|変動)(?:金利)?[）)]", "", raw)
    if not raw:
        return None
    if match := _SINGLE.match(raw):
        value = _number(match[1])
        return Span(value, value)
    if match := _RANGE.match(raw):
        low, high = _number(match[1]), _number(match[2])
        return Span(low, high) if low <= high else None
    for pattern in (_TIERS, _LABELLED):
        pieces = pattern.findall(raw)
        if len(pieces) >= 2 and "".join(a + b for a, b in pieces) == raw:
            values = [_number(b) for _, b in pieces]
            return Span(min(values), max(values), tuple(f"{a}{b}" for a, b in pieces))
    return None


def limit_yen(value: str, unit: str) -> int | None:
    """A lending limit in yen: 1,000 with unit 万円 → 10000000; printed with number words,
    5千 or 1億5,000 with unit 万円 → 50000000 or 150000000 (the value read with its unit)."""
    span = parse_span(value)
    unit = _prepare(unit)
    factor = YEN_PER_UNIT.get(unit)
    if factor is None:
        return None
    if span is None:
        printed = read_number(_prepare(value) + unit.removesuffix("円"), words=True)
        if printed is None or printed.value < 0 or printed.value != int(printed.value):
            return None
        return int(printed.value)
    if span.low != span.high or span.parts:
        return None
    return round(span.low * factor)


def rate_span_pct(value: str, unit: str) -> Span | None:
    """Rate bounds in percent, when the unit is a percent sign."""
    if _prepare(unit) not in {"%", "％"}:
        return None
    span = parse_span(value)
    if span is None or span.high > 100:
        return None
    return span


def term_span_months(value: str, unit: str) -> tuple[int, int] | None:
    """Term bounds in months: 1 年 → (12, 12), 5～7 年 → (60, 84), 6 ヶ月 → (6, 6)."""
    factor = MONTHS_PER_UNIT.get(_prepare(unit))
    span = parse_span(value)
    if span is None or factor is None:
        return None
    low, high = span.low * factor, span.high * factor
    if low != int(low) or high != int(high):
        return None
    return int(low), int(high)


def rate_type(*texts: str) -> str | None:
    """固定 or 変動 where the cell says which; 固定/変動 when it names both."""
    found = set()
    for text in texts:
        found.update(_RATE_TYPE.findall(unicodedata.normalize("NFKC", text)))
    if not found:
        return None
    return "/".join(kind for kind in ("固定", "変動") if kind in found)


def split_mark(text: str) -> tuple[str, str]:
    """Split a leading ○/×/要/否 from the rest of a cell ("○ 対象" → ("○", "対象"))."""
    stripped = text.strip()
    if stripped in MARKS:
        return stripped, ""
    head = stripped[:1]
    if head in MARKS and stripped[1:2].isspace():
        return head, stripped[1:].strip()
    return "", text


def is_not_offered(value: str) -> bool:
    """True for a cell that prints only a dash: the programme is not offered."""
    return _prepare(value) in NOT_OFFERED
