"""Values as compared: text whitespace-insensitively after folding, numbers and booleans typed.

A different page split, font, column width or wrap position changes where spaces fall in
extracted text, never the characters themselves, so text is compared with every space removed.
"""

from __future__ import annotations

from pipeline.clean.text import fold
from pipeline.diff.spec import BOOL, NUMBER

Comparable = str | float | bool | None


def squash(text: str) -> str:
    """Text without any whitespace, after the pipeline's folding."""
    return "".join(fold(text).split())


def to_number(text: str) -> float | None:
    """A published number (10000000, 2.875), or None for an empty cell."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        return float(text)
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


def comparable(kind: str, text: str) -> Comparable:
    """The form of a published value two editions are compared in."""
    if kind == NUMBER:
        number = to_number(text)
        return squash(text) if number is None and text.strip() else number
    if kind == BOOL:
        return to_bool(text)
    return squash(text)
