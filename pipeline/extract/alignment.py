"""Columns from the text's own alignment, where a table draws no vertical rules.

A table ruled by rows only (or not at all) still shows its columns: the text of its multi-column
rows leaves vertical gutters that no run of text crosses. Letters set with distributed alignment
(新　規　保　証) are one run, not columns of their own; marks (○ × △) are never spread letters,
and letters further apart than MAX_SPREAD em are not one word: a mark or a one-letter value in
each of several evenly spaced columns (the banks' ○, 要 and 否) are columns' cells, not a label.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from statistics import median

from pipeline.core.text import unify_ideographs
from pipeline.extract.primitives import Char
from pipeline.extract.text import runs_of

# A gutter must be at least this many font sizes wide.
MIN_GUTTER = 0.5
# Single characters whose gaps differ by at most this many points are spread evenly: one label.
EVEN = 1.5
# The widest gap, in the letters' heights, between two letters of one distributed label.
MAX_SPREAD = 10.0


def _wide(text: str) -> bool:
    """A single full-width letter (a radical a font maps a kanji to counts as its kanji)."""
    return (len(text) == 1 and unicodedata.east_asian_width(text) in "WF"
            and unicodedata.category(unify_ideographs(text)).startswith("L"))


def _near(left: list, right: list) -> bool:
    """Are two single-letter runs close enough to be letters of one word?"""
    return right[1] - left[3] <= MAX_SPREAD * max(left[4] - left[2], right[4] - right[2])


def merge_distributed(runs: list[list]) -> list[list]:
    """Runs of one line with evenly spread single wide characters (均等割り付け) merged."""
    by_line: dict[float, list[list]] = {}
    for run in runs:
        by_line.setdefault(round((run[2] + run[4]) / 2), []).append(run)
    out = []
    for line in by_line.values():
        line.sort(key=lambda r: r[1])
        group: list[list] = []
        for run in line + [None]:
            if run is not None and _wide(run[0]) and (
                len(group) < 2 or abs((run[1] - group[-1][3]) - (group[-1][1] - group[-2][3]))
                <= EVEN
            ) and (not group or (_wide(group[-1][0]) and _near(group[-1], run))):
                group.append(run)
                continue
            if len(group) >= 2:
                out.append(["".join(r[0] for r in group), group[0][1], min(r[2] for r in group),
                            group[-1][3], max(r[4] for r in group)])
            else:
                out += group
            group = [run] if run is not None and _wide(run[0]) else []
            if run is not None and not _wide(run[0]):
                out.append(run)
    return sorted(out, key=lambda r: (r[2], r[1]))


def gutters(xs: Sequence[float], ys: Sequence[float], chars: Sequence[Char]) -> list[float]:
    """Column lines the text implies inside [xs[0], xs[-1]]: the middle of every gap no run of a
    multi-column row crosses, unless a line in `xs` already stands in it."""
    x0, x1 = xs[0], xs[-1]
    inside = [c for c in chars if x0 <= c.h_mid <= x1 and ys[0] <= c.v_mid <= ys[-1]]
    if not inside:
        return []
    size = median(c.size for c in inside)
    runs = merge_distributed(runs_of(inside))
    bands: dict[int, list[list]] = {}
    for run in runs:
        mid = (run[2] + run[4]) / 2
        band = next((j for j in range(len(ys) - 1) if ys[j] <= mid < ys[j + 1]), None)
        if band is not None:
            bands.setdefault(band, []).append(run)
    spans = sorted((r[1], r[3]) for band in bands.values() if len(band) >= 2 for r in band)
    found = []
    reach = None
    for start, end in spans:
        wide = reach is not None and start - reach >= MIN_GUTTER * size
        if wide and not any(reach <= at <= start for at in xs):
            found.append((reach + start) / 2)
        reach = end if reach is None else max(reach, end)
    return found
