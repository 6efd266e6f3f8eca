"""Labels and bank names OCR read imperfectly, set right from what the kinds know.

A cell (or loose line) of a scanned page whose text is near one of the known labels (every
kind's VOCABULARY, in its identify module) or labour banks' names (schemas/reference.py) is
replaced by it only when that one is clearly the closest: within LIMIT edits and CLEARLY
nearer than any other. The text as read is kept beside it (`read_as`) and the correction
listed on the page. Near two names alike, it is a PipelineError naming the cell: never a guess.
A text near nothing is left as read.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.text import fold, squeeze
from pipeline.kinds import IDENTIFY_PART, kinds
from schemas.reference import KNOWN_LABOUR_BANKS

# Edits allowed per character of the name (a third, and at least 1.5), and the shortest name
# set right: one of one or two characters is too like too many other readings. OCR reads a
# glyph as another far more often than it drops or adds one: a character missing or extra
# costs INDEL, one read as another 1.
LIMIT = 0.34
LEAST = 1.5
SHORTEST = 3
INDEL = 1.5
# How much farther than the closest every other name must be.
CLEARLY = 1.5
# What a rule's remnant left at a cell's edge reads as (a stroke the ruling missed): stripped
# from a text's ends when the text is no name as read. No known name starts or ends with one.
RULE_MARKS = "ー－-―—‐‑_＿=＝|｜"


def distance(a: str, b: str, cap: float) -> float:
    """Edit distance of a and b (INDEL per character dropped or added, 1 per character read as
    another), or cap + 1 once it must exceed cap."""
    if abs(len(a) - len(b)) * INDEL > cap:
        return cap + 1
    previous = [j * INDEL for j in range(len(b) + 1)]
    for i, ca in enumerate(a, start=1):
        current = [i * INDEL]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + INDEL, current[j - 1] + INDEL,
                               previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """Every name a scanned label may be set right to."""
    names: list[str] = list(KNOWN_LABOUR_BANKS)
    for kind in kinds():
        part = kind.part(IDENTIFY_PART)
        names += list(part.VOCABULARY if part else ())
    return tuple(dict.fromkeys(squeeze(n) for n in names))


@lru_cache(maxsize=64)
def _folded(names: tuple[str, ...]) -> tuple[tuple[str, str, Counter[str]], ...]:
    """Each name with its folded form and that form's characters counted (once per list)."""
    return tuple((name, fold(name), Counter(fold(name))) for name in names)


def _least_distance(key: str, key_counted: Counter[str], form: str,
                    counted: Counter[str]) -> float:
    """A bound `distance` never falls below: every character one text has more of than the
    other is read as another, dropped or added."""
    apart = abs(len(key) - len(form)) * INDEL
    if apart > LEAST:
        return apart
    return max(apart, max(len(key), len(form)) - sum((key_counted & counted).values()))


def closest(text: str, names: Sequence[str]) -> tuple[str | None, list[str]]:
    """(the name `text` is to be read as, or None; names as near as it when ambiguous)."""
    if not text or text in names:
        return None, []
    key = fold(text)  # (<単位:円> is ＜単位：円＞ read in ASCII: no misreading)
    folded = _folded(tuple(names))
    key_counted = Counter(key)
    # A name farther than CLEARLY times the largest cap can neither be chosen nor tie with the
    # one chosen: one surely so (`_least_distance`) is not measured.
    beyond = CLEARLY * max(LEAST, LIMIT * max(len(n) for n, _, _ in folded))
    scored = []
    for name, form, counted in folded:
        cap = max(LEAST, LIMIT * len(name)) if len(name) >= SHORTEST else 0.0
        if _least_distance(key, key_counted, form, counted) > beyond:
            d = math.inf
        else:
            d = distance(key, form, 2 * max(LEAST, LIMIT * max(len(name), len(text))) + 2)
        scored.append((d, name, cap))
    scored.sort()
    best, name, cap = scored[0]
    if best > cap:
        return None, []
    rivals = [n for d, n, _ in scored[1:] if d < CLEARLY * best or d == best]
    return (None, [name, *rivals]) if rivals else (name, [])


def _corrected(text: str, names: Sequence[str], where: str | None) -> str | None:
    """The whole text as a known name, when it is one read imperfectly; near several, an error
    naming `where` (None: left as read, for loose text, which may be prose)."""
    key = squeeze(text)
    found, tied = closest(key, names)
    bare = key.strip(RULE_MARKS)
    if found is None and not tied and bare and bare != key:
        found, tied = (bare, []) if bare in names else closest(bare, names)
    if tied and where is not None:
        shown = " or ".join(repr(t) for t in tied)
        raise PipelineError(f"OCR read {squeeze(text)!r}, as near to {shown}: cannot tell which",
                            cell=where)
    return found


def _line_corrected(text: str, names: Sequence[str]) -> str | None:
    """A loose line as known names: the whole line as one, or each of its space-parted pieces
    as one (a caption and its unit: ＜主要計数＞ （単位：百万円）) when every piece is one."""
    found = _corrected(text, names, None)
    if found is not None or len(text.split()) < 2:
        return found
    pieces = text.split()
    fixed = []
    for piece in pieces:
        squeezed = squeeze(piece)
        if squeezed in names:
            fixed.append(piece)
            continue
        name = _corrected(piece, names, None)
        if name is None:
            return None
        fixed.append(name)
    return " ".join(fixed) if fixed != pieces else None


def _cell_corrected(text: str, names: Sequence[str], where: str) -> str | None:
    """A cell as a known name read imperfectly (near several: an error naming `where`); a cell
    of several lines (a label over its mark legend: 融資の種類 / ○：あり / ×：なし) line by line,
    each line that is clearly one name set right, the others left as read."""
    found = _corrected(text, names, where)
    if found is not None or "\n" not in text:
        return found
    lines = text.split("\n")
    fixed = [_corrected(line, names, None) or line for line in lines]
    return "\n".join(fixed) if fixed != lines else None


def correct_page(page: dict[str, Any], names: Iterable[str] | None = None) -> None:
    """Set right the labels of a scanned page's artifact in place, recording each correction."""
    names = tuple(names) if names is not None else vocabulary()
    corrections = []
    for n, table in enumerate(page["tables"], start=1):
        for cell in table["cells"]:
            where = f"table {n} R{cell['row'] + 1}C{cell['col'] + 1}"
            found = _cell_corrected(cell["text"] or "", names, where)
            if found is not None:
                corrections.append({"where": where, "read": cell["text"], "as": found})
                cell["read_as"], cell["text"] = cell["text"], found
    for line in page["lines"]:
        found = _line_corrected(line["text"], names)
        if found is not None:
            corrections.append({"where": f"line at {line['top']:.0f} pt", "read": line["text"],
                                "as": found})
            line["read_as"], line["text"] = line["text"], found
    if corrections:
        page["read"]["corrections"] = corrections
