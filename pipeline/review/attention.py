"""What most needs a reviewer's look, row by row: a typed column left empty though the print
looks like a number, a value changed since the previous edition, a cell the engines read
differently (after `make all CHECK=1`), low OCR confidence (when an OCR engine read the row),
and every value a reviewer corrected."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from pipeline.core.grid import parse_box
from pipeline.core.lang import Words, words
from pipeline.corrections.correctable import Correctable
from pipeline.corrections.reasons import parse_reasons
from pipeline.diff.compare import ADDED, REMOVED, compare_editions
from pipeline.diff.editions import choose
from pipeline.diff.load import editions
from pipeline.diff.spec import spec_for
from pipeline.report.load import records
from pipeline.review.checks import Disagreement
from pipeline.validate.datasets import Dataset
from schemas.reference import MONTHS_PER_UNIT, YEN_PER_UNIT

UNTYPED, CHANGED, ENGINES, CONFIDENCE, CORRECTED = range(5)
# Each kind of look's name, a key of the word catalogue (pipeline/core/lang).
LABELS = {
    UNTYPED: "review.look.untyped",
    CHANGED: "review.look.changed",
    ENGINES: "review.look.engines",
    CONFIDENCE: "review.look.confidence",
    CORRECTED: "review.look.corrected",
}
KNOWN_UNITS = frozenset(YEN_PER_UNIT) | frozenset(MONTHS_PER_UNIT) | {"％", "%"}
# The columns holding a printed number and its unit, where a dataset has them.
NUMBER_TEXT, UNIT = ("value", "value_text"), "unit"
CONFIDENCE_COLUMN = "source_confidence"
METHOD_COLUMN, OCR = "source_method", "ocr"
# Below this OCR confidence (0–1; a 0–100 scale is read as percent) a value needs a look.
LOW_CONFIDENCE = 0.8
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Look:
    """One thing to look at: what kind, in which row (its index in the dataset's frame, or None
    for a line naming no row) and field, and what exactly (`detail`, never naming the field
    again: `said` puts the two together)."""

    kind: int
    dataset: str
    row: int | None
    field: str
    detail: str

    @property
    def said(self) -> str:
        """'field: detail', or the detail alone for a look naming no field."""
        return f"{self.field}: {self.detail}" if self.field else self.detail


def untyped(dataset: Dataset, frame: pd.DataFrame, rule: Correctable | None,
            numeric: list[str], say: Words | None = None) -> list[Look]:
    """Rows printing digits with a known unit whose numeric typed columns are all empty: the
    text did not parse (1,0OO, a stray mark), so the typed columns say nothing."""
    if rule is None or UNIT not in frame:
        return []
    typed = [c for c in rule.typed if c in numeric and c in frame]
    texts = [c for c in NUMBER_TEXT if c in frame and c in rule.printed]
    if not typed or not texts:
        return []
    say = say or words()
    found = []
    for i, row in zip(frame.index, records(frame), strict=True):
        if row[UNIT].strip() not in KNOWN_UNITS or any(row[c].strip() for c in typed):
            continue
        for column in texts:
            if _DIGIT.search(row[column]):
                found.append(Look(UNTYPED, dataset.name, int(i), column, say(
                    "review.untyped_detail", printed=row[column], unit=row[UNIT],
                    typed=", ".join(typed))))
    return found


def changed(dataset: Dataset, frame: pd.DataFrame, say: Words | None = None) -> list[Look]:
    """Every field of the latest edition that changed since the one before (the diff's
    reading of it), on the latest edition's row; nothing with one edition."""
    present = editions(frame, dataset.edition)
    chosen = choose(dataset.name, present)
    if chosen is None:
        return []
    spec = spec_for(dataset)
    column = frame[dataset.edition]
    old, new = frame[column == chosen[0]], frame[column == chosen[1]]
    say = say or words()
    diff = compare_editions(spec, old, new, *chosen, lang=say.lang)
    at = {tuple(row[c] for c in spec.identity): int(i)
          for i, row in zip(new.index, records(new), strict=True)}
    found = []
    for _, change in diff.changes.iterrows():
        if change["change"] == REMOVED:
            continue
        identity = tuple(change[c] for c in spec.identity)
        if spec.entity and change["field"] == spec.entity:  # a bank the old edition lacks
            rows = new.index[new[spec.entity] == change[spec.entity]]
            if change["change"] == ADDED and len(rows):
                found.append(Look(CHANGED, dataset.name, int(rows[0]), spec.entity, say(
                    "review.entity_new", name=change[spec.entity], old=chosen[0])))
            continue
        row = at.get(identity)
        if row is None:
            continue
        field = change["field"]
        detail = (say("review.new_in", new=chosen[1]) if change["change"] == ADDED else
                  say("review.changed_detail", old=change["old"] or "—",
                      new=change["new"] or "—", description=change["description"],
                      old_edition=chosen[0], new_edition=chosen[1]))
        found.append(Look(CHANGED, dataset.name, row, field, detail))
    return found


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def disagreements(dataset: Dataset, frame: pd.DataFrame,
                  checks: list[Disagreement]) -> tuple[list[Look], set[int]]:
    """Rows read from a cell the cross-check lists (the same PDF bytes and page; the cell's
    centre inside the row's box, or, without a box, the row's own cell), and which of `checks`
    were placed on a row."""
    if not checks or "source_file" not in frame:
        return [], set()
    found, placed = [], set()
    pages = frame.groupby(["source_file", "source_sha256", "source_page"], sort=False).groups
    for n, check in enumerate(checks):
        for i in pages.get((check.file, check.sha256, str(check.page)), []):
            row = frame.loc[i]
            box = parse_box(row.get("source_bbox", ""))
            if check.box is not None and box is not None:
                centre = ((check.box[0] + check.box[2]) / 2, (check.box[1] + check.box[3]) / 2)
                hit = _inside(centre, box)
            else:
                hit = bool(check.cell) and row.get("source_cell", "") == check.cell
            if hit:
                found.append(Look(ENGINES, dataset.name, int(i), "",
                                  f"{check.where}: {check.what}"))
                placed.add(n)
    return found, placed


def _confidence(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value / 100 if value > 1 else value


def read_by_ocr(frame: pd.DataFrame) -> bool:
    """Was any row of `frame` read by OCR (from a scanned page)?"""
    return METHOD_COLUMN in frame and bool((frame[METHOD_COLUMN] == OCR).any())


def low_confidence(dataset: Dataset, frame: pd.DataFrame,
                   say: Words | None = None) -> list[Look]:
    """Rows an OCR engine read with a confidence below LOW_CONFIDENCE (when the column exists)."""
    if CONFIDENCE_COLUMN not in frame:
        return []
    say = say or words()
    found = []
    for i, text in frame[CONFIDENCE_COLUMN].items():
        value = _confidence(text)
        if value is not None and value < LOW_CONFIDENCE:
            found.append(Look(CONFIDENCE, dataset.name, int(i), "", say(
                "review.confidence_detail", value=text, low=f"{LOW_CONFIDENCE:g}")))
    return found


def corrected(dataset: Dataset, frame: pd.DataFrame, say: Words | None = None) -> list[Look]:
    """Rows a reviewer corrected: compare the correction with the print once more."""
    column = next(iter(dataset.corrections), "")
    if not column or column not in frame:
        return []
    say = say or words()
    found = []
    for i, text in frame[column].items():
        for name, reason in parse_reasons(text, dataset.columns).items():
            detail = (say("review.corrected_detail", value=frame.at[i, name], reason=reason)
                      if name in frame else reason)
            found.append(Look(CORRECTED, dataset.name, int(i), name, detail))
    return found
