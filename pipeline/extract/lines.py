"""A page's loose text: the lines of characters outside every table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.core.grid import points
from pipeline.extract.primitives import Char
from pipeline.extract.spangrid import least_sure
from pipeline.extract.text import lines_of


def _outside(char: Char, boxes: Sequence[Sequence[float]]) -> bool:
    cx, cy = char.h_mid, char.v_mid
    return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def loose_lines(chars: Sequence[Char], table_boxes: Sequence[Sequence[float]]
                ) -> list[dict[str, Any]]:
    """Text lines outside every table, top to bottom, with position and font size."""
    free = [c for c in chars if _outside(c, table_boxes)]
    found = []
    for line in lines_of(free):
        entry: dict[str, Any] = {
            "text": line.text,
            "x0": points(line.x0),
            "x1": points(line.x1),
            "top": points(line.top),
            "bottom": points(line.bottom),
            "size": points(line.size),
        }
        confidence = least_sure([c for word in line.words for c in word.chars])
        if confidence is not None:  # read by OCR
            entry["confidence"] = confidence
        found.append(entry)
    return found
