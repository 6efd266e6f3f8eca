"""How right a scan's reading is: its records against the text PDF's, field by field.

The text layer's records are the truth. A scan's artifact is cleaned leniently (a value that does
not read as a number is kept as read instead of stopping the clean), so one misread counts as one
wrong field, not as a dataset lost. Rows are matched by their key columns; a row the scan lacks
counts every field of it wrong.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from pipeline.clean.run import clean_artifact

# Per dataset: the columns a row is found by, and the printed fields scored.
KEYS = {
    "npo_loan_terms": (("bank", "item", "condition"), ("mark", "value", "unit")),
    "plan_key_figures": (("table", "item", "condition"), ("value_text", "unit")),
}
# The prose scored by character error rate: dataset → column.
PROSE = {"npo_loan_terms": "note", "plan_measures": "text"}


@dataclass
class Score:
    """Fields right out of all, the wrong ones (where, truth, read), and the prose's CER."""

    right: int = 0
    total: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    edits: int = 0
    characters: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # column → [right, total]

    @property
    def cer(self) -> float:
        return self.edits / self.characters if self.characters else 0.0


@contextmanager
def _lenient() -> Iterator[None]:
    """The NPO clean without its stop on a value that does not read as a number."""
    with mock.patch("pipeline.kinds.npo_loan.clean.record.check_number", lambda *a: None):
        yield


def lenient_clean(artifact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The records of an extract artifact, misread numbers kept as read."""
    with _lenient():
        return clean_artifact(artifact)["datasets"]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two strings (characters)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _squeezed(text: str) -> str:
    return "".join(str(text).split())


def score(truth: dict[str, list[dict[str, Any]]], read: dict[str, list[dict[str, Any]]],
          datasets: Sequence[str] | None = None) -> Score:
    """The scan's records `read` against the text PDF's `truth`."""
    result = Score()
    for name, rows in truth.items():
        if datasets is not None and name not in datasets:
            continue
        if name in KEYS:
            keys, fields = KEYS[name]
            found = {tuple(r[k] for k in keys): r for r in read.get(name, [])}
            for row in rows:
                key = tuple(row[k] for k in keys)
                other = found.get(key, {})
                for column in fields:
                    result.total += 1
                    tally = result.fields.setdefault(column, [0, 0])
                    tally[1] += 1
                    if column in other and str(other[column]) == str(row[column]):
                        result.right += 1
                        tally[0] += 1
                    else:
                        result.wrong.append(("/".join(map(str, key)) + f" {column}",
                                             str(row[column]), str(other.get(column, "—"))))
        if name in PROSE:
            _prose(result, rows, read.get(name, []), PROSE[name], KEYS.get(name, (None,))[0])
    return result


def _prose(result: Score, truth: list[dict[str, Any]], read: list[dict[str, Any]], column: str,
           keys: Sequence[str] | None) -> None:
    """Add the prose's edits and length: row by row, matched by `keys` (a row not read counts
    its every character), or as one text in reading order."""
    if keys:
        found = {tuple(r[k] for k in keys): r for r in read}
        for row in truth:
            other = found.get(tuple(row[k] for k in keys))
            expected = _squeezed(row[column])
            result.edits += edit_distance(expected, _squeezed(other[column]) if other else "")
            result.characters += len(expected)
        return
    expected = "\n".join(_squeezed(r[column]) for r in truth)
    got = "\n".join(_squeezed(r[column]) for r in read)
    result.edits += aligned_distance(expected, got)
    result.characters += len(expected)


def aligned_distance(a: str, b: str) -> int:
    """Edit distance of two long texts, aligned first (difflib) and the unequal stretches
    measured exactly: quick where the texts mostly agree, never below the true distance."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(edit_distance(a[i0:i1], b[j0:j1])
               for tag, i0, i1, j0, j1 in matcher.get_opcodes() if tag != "equal")
