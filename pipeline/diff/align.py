"""Which row of the old edition is which row of the new one.

Keyed datasets match on the key without the edition, compared whitespace-insensitively. Outline
datasets (a plan's measures) match on identical text first, preferring the same outline path,
then on similar text: under the same path a rewording, elsewhere a renumbered measure.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from pipeline.core.errors import PipelineError

Pair = tuple[int | None, int | None]

SAME_PATH_MIN = 0.5  # a rewording of the measure printed under the same number
MOVED_MIN = 0.75  # a renumbered measure must read nearly the same
SAME_PATH_BONUS = 0.1  # between two equally good matches, the one under the same number wins


def align_keys(old: Sequence[tuple[str, ...]], new: Sequence[tuple[str, ...]],
               name: str = "") -> list[Pair]:
    """Pairs of row indices with equal keys; a key found on one side only pairs with None."""
    def index(keys: Sequence[tuple[str, ...]], edition: str) -> dict[tuple[str, ...], int]:
        found: dict[tuple[str, ...], int] = {}
        for i, key in enumerate(keys):
            if key in found:
                raise PipelineError(f"{name}: key {' / '.join(key)} appears twice in the "
                                    f"{edition} edition")
            found[key] = i
        return found

    old_at, new_at = index(old, "old"), index(new, "new")
    pairs: list[Pair] = [(i, new_at.get(key)) for key, i in old_at.items()]
    pairs += [(None, j) for key, j in new_at.items() if key not in old_at]
    return pairs


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SAME_PATH_MIN or matcher.quick_ratio() < SAME_PATH_MIN:
        return 0.0
    return matcher.ratio()


Outline = tuple[str, str, str]


def align_outline(old: Sequence[Outline], new: Sequence[Outline]) -> list[Pair]:
    """Pairs of row indices for (path, text, masked text) rows.

    Texts are whitespace-normalised; the masked text has the edition's own year masked, so
    「2025 年度事業計画」 and 「2026 年度事業計画」 are the same text in their own editions.
    """
    old_free = list(range(len(old)))
    new_free = list(range(len(new)))
    pairs: list[Pair] = []

    def take(i: int, j: int) -> None:
        old_free.remove(i)
        new_free.remove(j)
        pairs.append((i, j))

    # Identical text under the same path, then identical text anywhere (renumbered), in order.
    for same_path in (True, False):
        for i in list(old_free):
            for j in new_free:
                equal = old[i][1] == new[j][1] or old[i][2] == new[j][2]
                if equal and (not same_path or old[i][0] == new[j][0]):
                    take(i, j)
                    break
    # Similar text: best-scoring pairs first, a same-path pair preferred over a moved one.
    candidates = []
    for i in old_free:
        for j in new_free:
            same = old[i][0] == new[j][0]
            score = _ratio(old[i][1], new[j][1])
            if score >= (SAME_PATH_MIN if same else MOVED_MIN):
                candidates.append((-(score + (SAME_PATH_BONUS if same else 0.0)), i, j))
    for _, i, j in sorted(candidates):
        if i in old_free and j in new_free:
            take(i, j)
    pairs += [(i, None) for i in old_free] + [(None, j) for j in new_free]
    return pairs
