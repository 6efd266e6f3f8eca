"""Row labels of a comparison table drawn without rules: read from where each label stands.

A ruled table says which rows a merged label heads by its rules. Without rules (a table told
apart by its text or by shaded rows: extract/row_bands.py), the grid's rows are the table's
rows, but its label columns are not told apart and a label heading several rows stands once,
centred over them. So, from the label texts' positions:

  - a row's own label is the text standing in the row furthest right of the label columns
    (項目's columns): 無担保 beside つなぎ資金, つなぎ資金 beside 資金使途;
  - every other label heads a group of consecutive rows: the rows it is centred over, each
    of whose own label stands clear of it on its right (a label spanning all label columns,
    対象団体の主な条件, has no group label). Labels standing at one x are one level
    (資金使途 … 返済期間; つなぎ資金, その他 under 金利), and at one level each label takes
    the run of rows whose middle lies nearest its own, every row under the level going to
    one label (rows of one height centre alike over one, three or five of them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid, Run
from pipeline.core.text import squeeze
from pipeline.extract.alignment import merge_distributed
from pipeline.kinds.npo_loan.clean.bands import Band
from pipeline.kinds.npo_loan.clean.labels import strip_label

# Label lines whose centres are this many ems apart stand at one x (one level, one label).
SAME_X = 1.0
# Lines of one label are at most this many line heights apart.
LINE_GAP = 0.8


@dataclass
class _Label:
    """A label's lines (runs, top to bottom) and where they stand."""

    lines: list[Run] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(r[1] for r in self.lines)

    @property
    def x1(self) -> float:
        return max(r[3] for r in self.lines)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid(self) -> float:
        return (min(r[2] for r in self.lines) + max(r[4] for r in self.lines)) / 2

    @property
    def em(self) -> float:
        return max(r[4] - r[2] for r in self.lines)

    @property
    def text(self) -> str:
        return strip_label("\n".join(r[0] for r in self.lines))


def _label_lines(grid: Grid, start: int, n_label_cols: int) -> list[Run]:
    """Every run of the label columns below the header, letters spread over a cell as one."""
    runs = [run for cell in grid.within(range(start, grid.n_rows), range(n_label_cols))
            for run in cell.runs if squeeze(run[0])]
    return [tuple(r) for r in merge_distributed([list(r) for r in runs])]  # type: ignore[misc]


def _row_of(grid: Grid, run: Run) -> int | None:
    mid = (run[2] + run[4]) / 2
    for row in range(grid.n_rows):
        if grid.ys[row] <= mid < grid.ys[row + 1]:
            return row
    return None


def _own_labels(grid: Grid, start: int, lines: list[Run]) -> tuple[dict[int, _Label], list[Run]]:
    """Each row's own label (its text furthest right), and the label lines left over."""
    by_row: dict[int, list[Run]] = {}
    rest: list[Run] = []
    for run in lines:
        row = _row_of(grid, run)
        if row is not None and row >= start:
            by_row.setdefault(row, []).append(run)
        else:
            rest.append(run)
    own: dict[int, _Label] = {}
    for row, runs in by_row.items():
        em = max(r[4] - r[2] for r in runs)
        right = max((r[1] + r[3]) / 2 for r in runs)
        mine = [r for r in runs if right - (r[1] + r[3]) / 2 <= SAME_X * em]
        own[row] = _Label(sorted(mine, key=lambda r: (r[2], r[1])))
        rest += [r for r in runs if r not in mine]
    return own, rest


def _groups(lines: list[Run]) -> list[_Label]:
    """Label lines gathered into labels: a line just below another, standing at its x."""
    labels: list[_Label] = []
    for run in sorted(lines, key=lambda r: (r[2], r[1])):
        em = run[4] - run[2]
        for label in labels:
            last = label.lines[-1]
            below = -em / 2 <= run[2] - last[4] <= LINE_GAP * em
            aligned = (abs((run[1] + run[3]) / 2 - (last[1] + last[3]) / 2) <= SAME_X * em
                       or abs(run[1] - last[1]) <= SAME_X * em / 2)
            if below and aligned:
                label.lines.append(run)
                break
        else:
            labels.append(_Label([run]))
    return [label for label in labels if label.text]


def _levels(labels: list[_Label]) -> list[list[_Label]]:
    """Group labels by the x they stand at, left to right."""
    levels: list[list[_Label]] = []
    for label in sorted(labels, key=lambda g: g.centre):
        if levels and label.centre - levels[-1][-1].centre <= SAME_X * label.em:
            levels[-1].append(label)
        else:
            levels.append([label])
    return [sorted(level, key=lambda g: g.mid) for level in levels]


def _clear_of(x1: float, own: _Label, middle: float) -> bool:
    """Does a row's own label stand clear of (right of) a level of group labels ending at
    `x1` (an em of overlap allowed: a narrow column's label runs over its edges), right of
    the `middle` of the label columns (a label over all of them, however short, stands on
    their middle)?"""
    return own.x0 >= x1 - SAME_X * own.em and own.centre > middle + SAME_X * own.em


def _assign(level: list[_Label], rows: list[int], grid: Grid,
            own: dict[int, _Label], middle: float) -> dict[int, _Label]:
    """Each label of one level given the run of rows it is centred over (see the module
    docstring): the rows' owners, found by dynamic programming over the labels in order.
    The rows under a level (their own labels clear of it) are each one label's: a row left
    to none costs a row's height, so of two runs centred alike the one that leaves no row
    out wins."""
    x1 = max(label.x1 for label in level)
    under = [n for n, row in enumerate(rows) if _clear_of(x1, own[row], middle)]
    height = min(grid.ys[row + 1] - grid.ys[row] for row in rows)
    options: list[list[tuple[float, int, int]]] = []
    for label in level:
        found = []
        for a in under:
            for b in range(a, len(rows)):
                if b not in under or rows[b] - rows[a] != b - a:
                    break
                top, bottom = grid.ys[rows[a]], grid.ys[rows[b] + 1]
                if top <= label.mid <= bottom:
                    found.append((abs((top + bottom) / 2 - label.mid), a, b))
        options.append(found)

    def left_out(after: int, before: int) -> float:
        return height * sum(after < n < before for n in under)

    Choice = tuple[float, list[tuple[int, int]]]
    best: dict[int, Choice] = {-1: (0.0, [])}  # last row index used → cost, ranges
    for found in options:
        step: dict[int, Choice] = {}
        for used, (cost, ranges) in best.items():
            for extra, a, b in found:
                total = cost + extra + left_out(used, a)
                if a > used and (b not in step or total < step[b][0]):
                    step[b] = (total, [*ranges, (a, b)])
        if not step:
            return {}
        best = step
    _, (_, ranges) = min(best.items(),
                         key=lambda item: item[1][0] + left_out(item[0], len(rows)))
    return {rows[i]: label for label, (a, b) in zip(level, ranges, strict=True)
            for i in range(a, b + 1)}


def stub_bands(grid: Grid, start: int, n_label_cols: int) -> list[Band]:
    """A band per grid row from `start`, labelled from where the label texts stand."""
    own, rest = _own_labels(grid, start, _label_lines(grid, start, n_label_cols))
    rows = sorted(own)
    middle = (grid.xs[0] + grid.xs[n_label_cols]) / 2 if len(grid.xs) > n_label_cols else (
        min(label.x0 for label in own.values()) + max(label.x1 for label in own.values())) / 2
    heads = [_assign(level, rows, grid, own, middle) for level in _levels(_groups(rest))]
    found = []
    for row in range(start, grid.n_rows):
        if row not in own:
            cells = grid.within(range(row, row + 1), range(n_label_cols, grid.n_cols))
            if any(squeeze(c.text) for c in cells):
                raise PipelineError("row has values but no label", cell=f"R{row + 1}C1")
            continue
        path = [head[row].text for head in heads if row in head]
        path.append(own[row].text)
        found.append(Band(range(row, row + 1), path[0], "/".join(path[1:])))
    return found
