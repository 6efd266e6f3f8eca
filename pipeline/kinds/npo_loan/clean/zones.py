"""A bank's value | unit | note sub-columns as x-ranges, for cells that print them unruled.

Where the table rules the sub-columns, the zones are the grid's own columns. Where a bank's
group has no inner rules (or rules in some rows only), the sub-columns are recovered from the
text itself: the unit words (万円, ％, 年 …) stand in a column of their own down the bank, so the
value lies left of it and the note right of it. A cell that prints its parts side by side is
then split by where each run of its text stands; one whose text runs across the value's edge
is a single note spanning the bank (as a ruled table draws it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from pipeline.core.grid import Cell, Grid, Run
from pipeline.core.text import CIRCLED, fold, squeeze
from pipeline.kinds.npo_loan.clean.values import UNITS

# Unit runs whose centres lie within this many font heights stand in one column.
ALIGNED = 1.0
# A run crossing a zone edge by less than this share of its width (or EM_SLACK of its height,
# for a narrow run: a list marker at a note's left edge) still lies inside.
SLACK = 0.15
EM_SLACK = 0.5


@dataclass(frozen=True)
class Zones:
    """x-ranges of a bank's sub-columns: value [x0, value_end), unit [value_end, note_start),
    note [note_start, x1]."""

    value_end: float
    note_start: float

    def of(self, run: Run) -> str:
        """The zone a run lies in, or "across" for one running over the value's edge."""
        _, x0, top, x1, bottom = run
        slack = max(SLACK * (x1 - x0), EM_SLACK * (bottom - top))
        if x1 <= self.value_end + slack:
            return "value"
        if x0 < self.value_end - slack:
            return "across"
        if x1 <= self.note_start + slack:
            return "unit"
        return "note"


def ruled_zones(grid: Grid, start: int, roles: Sequence[str]) -> Zones | None:
    """Zones from the grid's columns of a bank starting at grid column `start`."""
    if len(grid.xs) <= start + len(roles) or len(roles) < 2:
        return None
    value_end = grid.xs[start + 1]
    if "unit" in roles:
        unit = start + roles.index("unit")
        return Zones(value_end, grid.xs[unit + 1])
    return Zones(value_end, value_end)


def _unit_runs(cells: Sequence[Cell]) -> list[Run]:
    return [run for cell in cells for run in cell.runs if squeeze(run[0]) in UNITS]


def aligned_zones(cells: Sequence[Cell]) -> Zones | None:
    """Zones from the column the unit words stand in, down a bank's cells; None if they do
    not stand in one."""
    units = _unit_runs(cells)
    if len(units) < 2:
        return None
    height = median(run[4] - run[2] for run in units)
    centre = median((run[1] + run[3]) / 2 for run in units)
    column = [run for run in units if abs((run[1] + run[3]) / 2 - centre) <= ALIGNED * height]
    if len(column) * 2 < len(units):
        return None
    return Zones(min(run[1] for run in column) - height / 4,
                 max(run[3] for run in column) + height / 4)


def lines_text(runs: Sequence[Run]) -> str:
    """Runs read as text: lines top to bottom (runs overlapping vertically share one), runs
    left to right, a space between runs, a newline between lines."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: ((r[2] + r[4]) / 2, r[1])):
        for line in lines:
            ref = line[0]
            overlap = min(ref[4], run[4]) - max(ref[2], run[2])
            if overlap >= 0.5 * min(ref[4] - ref[2], run[4] - run[2]):
                line.append(run)
                break
        else:
            lines.append([run])
    return "\n".join(" ".join(run[0] for run in sorted(line, key=lambda r: r[1]))
                     for line in lines)


_UNITS_LONGEST = sorted(UNITS, key=len, reverse=True)


def _unit_first(run: Run, zones: Zones) -> list[Run]:
    """`run`, or its unit word and the rest as two runs, when it starts in the unit column
    with a unit word and runs on into the note's (a note's line set close after the unit: the
    two read as one run). Where the unit word ends is told from its share of the letters."""
    text, x0, top, x1, bottom = run
    if not zones.value_end - EM_SLACK * (bottom - top) <= x0 < zones.note_start or (
            x1 <= zones.note_start):
        return [run]
    folded = fold(text)
    unit = next((u for u in _UNITS_LONGEST if folded.startswith(u) and len(folded) > len(u)),
                None)
    if unit is None or len(folded) != len(text):
        return [run]
    cut = x0 + (x1 - x0) * len(unit) / len(text)
    return [(text[: len(unit)], x0, top, cut, bottom), (text[len(unit):], cut, top, x1, bottom)]


def split_runs(runs: Sequence[Run], zones: Zones, side_by_side: bool) -> dict[str, str] | None:
    """The value, unit and note texts of runs printed in one cell, or None when they are one
    text spanning the bank (a run crosses the value's edge). With `side_by_side`, also None
    unless the cell prints a value and something beside it (a ruled table's merged cell keeps
    its ruled reading)."""
    by_zone: dict[str, list[Run]] = {"value": [], "unit": [], "note": []}
    placed = [(piece, zones.of(piece)) for run in runs for piece in _unit_first(run, zones)]
    if any(zone == "across" for _, zone in placed):
        return None
    # A unit wrapped in its narrow column (万 / 円) is one unit word.
    stacked = fold(squeeze("".join(run[0] for run, zone in sorted(
        placed, key=lambda p: (p[0][2], p[0][1])) if zone == "unit")))
    for run, zone in placed:
        if zone == "unit" and stacked not in UNITS and fold(squeeze(run[0])) not in UNITS:
            zone = "note"  # a note starting under the unit column (a mark row's note)
        by_zone[zone].append(run)
    if by_zone["value"] and any(_LIST_MARKER.fullmatch(squeeze(r[0])) for r in by_zone["value"]):
        if side_by_side:
            return None  # the list markers opening a note's lines (① … ② …), not a value
        by_zone["note"] = sorted(by_zone["value"] + by_zone["note"], key=lambda r: (r[2], r[1]))
        by_zone["value"] = []
    if side_by_side and not (by_zone["value"] and (by_zone["unit"] or by_zone["note"])):
        return None
    return {zone: lines_text(found) for zone, found in by_zone.items()}


# What opens an item of a list: a run of its own at a note's left edge, never a value.
_LIST_MARKER = re.compile(rf"[{CIRCLED}・●■◆◇□]|[(（]?\d{{1,2}}[)）.]")
