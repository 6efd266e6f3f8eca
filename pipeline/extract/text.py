"""Characters → words → lines, the way pdfplumber's extract_text reads them.

Lines are clusters of characters whose tops lie within Y_TOLERANCE of each other; inside a line
a word ends at a blank character or where the next character starts more than X_TOLERANCE after
the previous one ends (or before it starts); words are joined by one space, lines by a newline.
Keeping pdfplumber's reading means a cell reads the same whichever engine supplied its chars.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from pipeline.core.grid import points
from pipeline.extract.primitives import Char

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
X0, TOP = attrgetter("x0"), attrgetter("top")
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(frozen=True, slots=True)
class Word:
    """Characters printed together, and their box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    chars: tuple[Char, ...]


@dataclass(frozen=True, slots=True)
class TextLine:
    """Words on one line, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def x0(self) -> float:
        return min(word.x0 for word in self.words)

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def size(self) -> float:
        return max(char.size for word in self.words for char in word.chars)


def cluster(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Each distinct value → its cluster number, clusters chained within `tolerance` (told to
    the thousandth of a point: two engines' float noise on a step of exactly `tolerance`,
    lines set 3 pt apart, must not part them one way and join them the other)."""
    groups: dict[float, int] = {}
    last = None
    number = -1
    for value in sorted(set(values)):
        if last is None or round(value - last, 3) > tolerance:
            number += 1
        groups[value] = number
        last = value
    return groups


def _by_line(items: Sequence, top: Callable[[Any], float]) -> list[list]:
    """Items grouped into lines by their top, top to bottom, each in input order."""
    tops = [top(item) for item in items]
    groups = cluster(tops, Y_TOLERANCE)
    lines: dict[int, list] = {}
    for item, value in zip(items, tops, strict=True):
        lines.setdefault(groups[value], []).append(item)
    return [lines[k] for k in sorted(lines)]


def _box_of(chars: Sequence[Char]) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) around `chars`, in one pass."""
    first = chars[0]
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    for c in chars:
        if c.x0 < x0:
            x0 = c.x0
        if c.top < top:
            top = c.top
        if c.x1 > x1:
            x1 = c.x1
        if c.bottom > bottom:
            bottom = c.bottom
    return x0, top, x1, bottom


_LIGATURE_CHARS = frozenset(LIGATURES)


def _text(chars: Sequence[Char]) -> str:
    text = "".join([c.text for c in chars])
    if not _LIGATURE_CHARS.isdisjoint(text):
        return "".join(LIGATURES.get(c.text, c.text) for c in chars)
    return text


def _word(chars: list[Char]) -> Word:
    return Word(_text(chars), *_box_of(chars), tuple(chars))


def _words_of_line(chars: list[Char]) -> list[Word]:
    words: list[Word] = []
    current: list[Char] = []
    prev_x0 = prev_x1 = prev_top = 0.0  # the last char of `current`
    for char in sorted(chars, key=X0):
        if char.text.isspace():
            if current:
                words.append(_word(current))
            current = []
            continue
        x0 = char.x0
        if current and (x0 < prev_x0 or x0 > prev_x1 + X_TOLERANCE
                        or abs(char.top - prev_top) > Y_TOLERANCE):
            words.append(_word(current))
            current = []
        current.append(char)
        prev_x0, prev_x1, prev_top = x0, char.x1, char.top
    if current:
        words.append(_word(current))
    return words


def words_of(chars: Sequence[Char]) -> list[Word]:
    """The words of `chars`: grouped by uprightness (runs in input order), then by line."""
    words: list[Word] = []
    run: list[Char] = []
    for char in chars:
        if run and char.upright != run[-1].upright:
            words += [w for line in _by_line(run, TOP) for w in _words_of_line(line)]
            run = []
        run.append(char)
    if run:
        words += [w for line in _by_line(run, TOP) for w in _words_of_line(line)]
    return words


def lines_of(chars: Sequence[Char]) -> list[TextLine]:
    """Text lines of `chars`, top to bottom, words left to right."""
    words = sorted(words_of(chars), key=TOP)
    return [TextLine(tuple(sorted(line, key=X0))) for line in _by_line(words, TOP)]


def text_of(chars: Sequence[Char]) -> str:
    """`chars` as pdfplumber's extract_text reads them: words by spaces, lines by newlines."""
    return "\n".join(line.text for line in lines_of(chars))


# Runs: a cell's text as pieces with their own boxes, for readers that must tell apart what one
# cell prints side by side (a value, its unit and a note sharing one unruled box). Lines are
# told by how much characters overlap vertically, not by a chained tolerance on their tops, so
# a mark centred between two note lines stays a run of its own.
RUN_OVERLAP = 0.5
RUN_GAP = 0.6  # in font sizes: a wider gap ends a run
# Points by which a measure exactly on a threshold still meets it (a layout in round points
# puts marks exactly half a line off, notes exactly 0.6 em on): both engines' float noise
# falls on the same side.
TIE = 0.001


def _MID_X0(c: Char) -> tuple[float, float]:  # noqa: N802  (a sort key, as X0 and TOP)
    return (c.top + c.bottom) / 2, c.x0


def runs_of(chars: Sequence[Char]) -> list[list]:
    """[text, x0, top, x1, bottom] of every run of `chars`, top to bottom, left to right."""
    lines: list[list[Char]] = []
    spans: list[tuple[float, float, float]] = []  # each line's first char: top, bottom, height
    for char in sorted(chars, key=_MID_X0):
        if char.text.isspace():
            continue
        top, bottom = char.top, char.bottom
        height = bottom - top
        for n in range(len(lines) - 1, max(len(lines) - 4, -1), -1):  # the last three, last first
            ref_top, ref_bottom, ref_height = spans[n]
            overlap = ((ref_bottom if ref_bottom < bottom else bottom)
                       - (ref_top if ref_top > top else top))
            if overlap >= RUN_OVERLAP * (ref_height if ref_height < height else height) - TIE:
                lines[n].append(char)
                break
        else:
            lines.append([char])
            spans.append((top, bottom, height))
    runs = []
    for line in lines:
        current: list[Char] = []
        for char in sorted(line, key=X0):
            if current and char.x0 - current[-1].x1 > RUN_GAP * max(char.size, 1.0) + TIE:
                runs.append(_run(current))
                current = []
            current.append(char)
        runs.append(_run(current))
    return sorted(runs, key=lambda r: (r[2], r[1]))


def _run(chars: list[Char]) -> list:
    x0, top, x1, bottom = _box_of(chars)
    return [_text(chars), points(x0), points(top), points(x1), points(bottom)]
