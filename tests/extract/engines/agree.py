"""The two engines' primitives of one PDF compared character by character and rule by rule.

Stricter than the artifact comparison (pipeline/crosscheck/engines.py): it holds for pages the
pipeline cannot read as a table too (sideways text). Spaces are left out: PDFium's text page
keeps only the first of consecutive spaces on a line (CPDF_TextPage::CloseTempLine; Calc
writes "無担保  5年以内" with two) and a text object of spaces alone gives the engine one
space; no table reads a space. Characters the clean stage folds alike count as the same (〜
and ～); positions agree within POSITION.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.text import unify_ideographs
from pipeline.crosscheck.engines import POSITION
from pipeline.extract.engines import open_document
from pipeline.extract.primitives import Char, PageContent, Segment


def _pages(pdf: Path, engine: str) -> list[PageContent]:
    with open_document(pdf, engine) as document:
        return list(document.pages())


def _char(char: Char) -> str:
    return (f"{char.text!r} ({char.x0:.2f}, {char.top:.2f}, {char.x1:.2f}, {char.bottom:.2f})"
            f"{'' if char.upright else ' sideways'}")


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(abs(x - y) <= POSITION for x, y in zip(a, b, strict=True))


def _unmatched(first: list[Segment], second: list[Segment]) -> list[tuple[float, ...]]:
    """The segments of `first` with no segment of `second` within POSITION (each matched
    once)."""
    buckets: dict[tuple[int, int], list[tuple[float, ...]]] = {}
    for s in second:
        buckets.setdefault((round(s.x0), round(s.top)), []).append((s.x0, s.top, s.x1, s.bottom))
    missing = []
    for s in first:
        box = (s.x0, s.top, s.x1, s.bottom)
        near = ((round(s.x0) + dx, round(s.top) + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
        for key in near:
            match = next((other for other in buckets.get(key, ()) if _close(box, other)), None)
            if match is not None:
                buckets[key].remove(match)
                break
        else:
            missing.append(box)
    return missing


def primitive_differences(pdf: Path, limit: int = 20) -> list[str]:
    """Every difference between pdfplumber's and PDFium's pages of `pdf` (up to `limit`
    lines): page size, each character in order (text, box, size, uprightness), the rules."""
    found: list[str] = []
    first, second = _pages(pdf, "pdfplumber"), _pages(pdf, "pdfium")
    if len(first) != len(second):
        return [f"page count: {len(first)} | {len(second)}"]
    for a, b in zip(first, second, strict=True):
        page = f"page {a.number}"
        if not _close((a.width, a.height), (b.width, b.height)):
            found.append(f"{page} size: {a.width}x{a.height} | {b.width}x{b.height}")
        chars_a = [c for c in a.chars if not c.text.isspace()]
        chars_b = [c for c in b.chars if not c.text.isspace()]
        if len(chars_a) != len(chars_b):
            found.append(f"{page}: {len(chars_a)} | {len(chars_b)} characters")
        for n, (x, y) in enumerate(zip(chars_a, chars_b, strict=False)):
            if (unify_ideographs(x.text) != unify_ideographs(y.text) or x.upright != y.upright
                    or not _close((x.x0, x.top, x.x1, x.bottom, x.size),
                                  (y.x0, y.top, y.x1, y.bottom, y.size))):
                found.append(f"{page} character {n}: {_char(x)} | {_char(y)}")
        unmatched = _unmatched(a.segments, b.segments)
        if len(a.segments) != len(b.segments) or unmatched:
            found.append(f"{page}: {len(a.segments)} | {len(b.segments)} rule segments, "
                         f"{len(unmatched)} of the first without a match, e.g. {unmatched[:2]}")
        if len(found) >= limit:
            break
    return found[:limit]
