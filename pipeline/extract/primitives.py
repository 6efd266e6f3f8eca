"""What an engine reads off a page: characters with their boxes, and the rules drawn on it.

Every engine (pdfplumber, PDFium, OCR) produces these, and everything after (tables, cells,
loose lines) is built from them by the project's own code, so the engines can be compared and
swapped without the artifact changing. Coordinates are PDF points, origin top-left.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Char:
    """One glyph: its text, box and font size; `upright` is False for rotated text.
    `confidence` (0–1) is OCR's for a character read from a scan, None for a text layer's."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True
    confidence: float | None = None

    @property
    def h_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def v_mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Segment:
    """A drawn stroke or the side of a drawn box, axis-aligned: x0 == x1 or top == bottom."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= self.x1 - self.x0


# A rectangle painted with fill only, at least this many points thick both ways, is a
# background (a shaded row or cell: a row is at least a line of text tall), not a rule: a rule
# drawn as a filled rectangle is a hair thick. Its edges rule nothing; it is a Fill.
BACKGROUND = 3.0


def is_background(x0: float, top: float, x1: float, bottom: float) -> bool:
    """Is a fill-only rectangle with this box a background rather than a rule?"""
    return x1 - x0 >= BACKGROUND and bottom - top >= BACKGROUND


@dataclass(frozen=True, slots=True)
class Fill:
    """A background: a filled rectangle as wide and tall as a cell or a row, not a rule."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageContent:
    """One page as an engine reads it."""

    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
