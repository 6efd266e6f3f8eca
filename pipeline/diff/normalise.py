"""Values as compared: text whitespace-insensitively after folding, numbers and booleans typed.

A different page split, font, column width or wrap position changes where spaces fall in
extracted text, never the characters themselves, so text is compared with every space removed.
"""

from __future__ import annotations

import re

from pipeline.core.numbers import read_number
from pipeline.core.text import squeeze
from pipeline.diff.spec import BOOL, NUMBER

Comparable = str | float | bool | None


def to_number(text: str) -> float | None:
    """A published number (10000000, 2.875, 1e-05) or a printed one (1,814,456; ▲0.25), or
    None for an empty cell or text."""
    if not text.strip():
        return None
    if (printed := read_number(text)) is not None:
        return float(printed.value)
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        return None


def to_bool(text: str) -> bool | None:
    """A published boolean (True/False as pandas writes it), or None for an empty cell."""
    lowered = text.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    return None


EDITION_YEAR = "\ue000"  # one private-use character, so similarity is not skewed


def edition_year(edition: str) -> str:
    """The year an edition is of: 2025-04-01 → 2025, 2025 → 2025 ('' if none)."""
    match = re.search(r"(?<!\d)\d{4}(?!\d)", edition)
    return match[0] if match else ""


def comparable(kind: str, text: str, year: str = "") -> Comparable:
    """The form of a published value two editions are compared in.

    With `year` (the edition's own year), text that names it reads the same in every edition:
    「2025 年度事業計画」 in the 2025 plan and 「2026 年度事業計画」 in the 2026 plan say the
    same thing, the plan's own year, and are no change.
    """
    if kind == NUMBER:
        number = to_number(text)
        return squeeze(text) if number is None and text.strip() else number
    if kind == BOOL:
        return to_bool(text)
    squashed = squeeze(text)
    if year:
        squashed = re.sub(rf"(?<!\d){year}(?!\d)", EDITION_YEAR, squashed)
    return squashed
