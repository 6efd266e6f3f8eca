"""A page's loose text: the lines of characters outside every table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.core.grid import points
from pipeline.extract.primitives import Char
from pipeline.extract.text import lines_of


def _outside(char: Char, boxes: Sequence[Sequence[float]]) -> bool:
    cx, cy = char.h_mid, char.v_mid
    return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def loose_lines(chars: Sequence[Char], table_boxes: Sequence[Sequence[float]]
                ) -> list[dict[str, Any]]:
    """Text lines outside every table, top to bottom, with position and font size."""
    free = [c for c in chars if _outside(c, table_boxes)]
    return [
        {
            "text": line.text,
            "x0": points(line.x0),
            "x1": points(line.x1),
            "top": points(line.top),
            "bottom": points(line.bottom),
            "size": points(line.size),
        }
        for line in lines_of(free)
    ]
