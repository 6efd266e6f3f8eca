"""The ICDAR 2013 table competition's structure metric: adjacency relations between cells.

Göbel, Hassan, Oro, Orsi, "A methodology for evaluating algorithms for table understanding in
PDF documents" (DocEng 2012) and "ICDAR 2013 Table Competition" (ICDAR 2013). A table is turned
into the list of its adjacency relations: every non-empty cell paired with its nearest non-empty
neighbour to the right and its nearest non-empty neighbour below, skipping empty grid slots.
A cell that spans rows has a right-hand neighbour in each row it covers (one relation per
distinct neighbour); likewise a cell spanning columns has a neighbour below in each column.
Relations are (content A, content B, direction) with normalised contents, compared as multisets
(a table of many "0" cells has many equal relations), so:

    precision = correct / detected,  recall = correct / ground truth.

Using neighbours rather than absolute slots makes the metric blind to a shifted grid or an
inserted empty column, and a split or merged cell loses only the relations it touches.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

RIGHT = "right"
BELOW = "below"

_SPACE = re.compile(r"\s+")
_SPECIAL = re.compile(r"\W")

Relation = tuple[str, str, str]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class GridCell:
    """A (possibly spanning) cell: 0-based top-left slot, spans, raw text."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    bbox: Box | None = field(default=None, compare=False)  # (x0, top, x1, bottom) if known


def normalise(text: str | None) -> str:
    """Cell content as compared: NFKC, all whitespace removed, each special character '_'.

    NFKC folds ligatures and full-width forms (ﬁ → fi, １ → 1); whitespace goes entirely, since
    engines and the ground truth break lines and space words differently (the ground truth
    itself sometimes has none: "Airpassengersrights"). Every character that is not a letter or a
    digit (punctuation, dashes, quotes, currency signs) becomes "_", so "–" and "-" compare equal
    while "1.234" and "1234" do not. Case is kept.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    return _SPECIAL.sub("_", _SPACE.sub("", text))


def grid_from_rows(rows: Iterable[Iterable[str | None]]) -> list[GridCell]:
    """1×1 cells from a list of rows (None or "" is an empty slot)."""
    return [
        GridCell(r, c, text)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text
    ]


def adjacency(cells: Iterable[GridCell]) -> list[tuple[GridCell, GridCell, str]]:
    """Every (cell, nearest non-empty neighbour, direction) of one table, each pair once.

    Cells whose normalised content is empty take no part (they are skipped over). Where two
    cells claim the same slot (an engine's overlapping output), the later one holds it.
    """
    kept = [cell for cell in cells if normalise(cell.text)]
    owner: dict[tuple[int, int], int] = {}
    for i, cell in enumerate(kept):
        for r in range(cell.row, cell.row + max(1, cell.rowspan)):
            for c in range(cell.col, cell.col + max(1, cell.colspan)):
                owner[(r, c)] = i
    if not owner:
        return []
    n_rows = 1 + max(r for r, _ in owner)
    n_cols = 1 + max(c for _, c in owner)
    links: dict[tuple[int, int, str], None] = {}
    for i, cell in enumerate(kept):
        last_row = cell.row + max(1, cell.rowspan) - 1
        last_col = cell.col + max(1, cell.colspan) - 1
        for r in range(cell.row, last_row + 1):
            j = _first_owner(owner, ((r, c) for c in range(last_col + 1, n_cols)), i)
            if j is not None:
                links[(i, j, RIGHT)] = None
        for c in range(cell.col, last_col + 1):
            j = _first_owner(owner, ((r, c) for r in range(last_row + 1, n_rows)), i)
            if j is not None:
                links[(i, j, BELOW)] = None
    return [(kept[i], kept[j], way) for i, j, way in links]


def relations(cells: Iterable[GridCell]) -> Counter[Relation]:
    """The multiset of adjacency relations (content A, content B, direction) of one table."""
    return Counter((normalise(a.text), normalise(b.text), way) for a, b, way in adjacency(cells))


def _first_owner(owner: dict[tuple[int, int], int], slots: Iterable[tuple[int, int]],
                 me: int) -> int | None:
    for slot in slots:
        j = owner.get(slot)
        if j is not None and j != me:
            return j
    return None


@dataclass
class Score:
    """Counts of relations: correct, detected, ground truth; summed over tables by `+`."""

    correct: int = 0
    detected: int = 0
    truth: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.correct + other.correct, self.detected + other.detected,
                     self.truth + other.truth)

    @property
    def precision(self) -> float:
        """correct / detected; 0.0 when nothing was detected."""
        return self.correct / self.detected if self.detected else 0.0

    @property
    def recall(self) -> float:
        """correct / ground truth; 0.0 when there is no ground truth."""
        return self.correct / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def compare(detected: Counter[Relation], truth: Counter[Relation]) -> Score:
    """Score detected relations against the ground truth's, as multisets."""
    correct = sum((detected & truth).values())
    return Score(correct, sum(detected.values()), sum(truth.values()))


def overlap(a: Box, b: Box) -> float:
    """Area shared by two (x0, top, x1, bottom) boxes."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def centre_inside(box: Box, region: Box) -> bool:
    """Whether the centre of `box` lies in `region` (both (x0, top, x1, bottom))."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def match_tables(detected: list[tuple[int, Box]], truth: list[tuple[int, Box]]
                 ) -> list[int | None]:
    """For each detected (page, box), the index of the ground-truth table it belongs to.

    A detected table belongs to the ground-truth table on its page whose region it overlaps
    most, or to none (None) if it overlaps no region. Several detected tables may belong to one
    ground-truth table (a table split in parts): their relations are then pooled.
    """
    matches: list[int | None] = []
    for page, box in detected:
        best, best_area = None, 0.0
        for i, (truth_page, region) in enumerate(truth):
            area = overlap(box, region) if truth_page == page else 0.0
            if area > best_area:
                best, best_area = i, area
        matches.append(best)
    return matches
