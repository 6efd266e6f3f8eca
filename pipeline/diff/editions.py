"""Which two editions to compare: the two latest, or the ones named by --from/--to.

An option value applies to every dataset whose editions are written in the same form (a date
2025-04-01 picks the dataset dated as_of, a year 2025 the fiscal-year ones), so one command can
name editions of datasets with different edition columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pipeline.core.errors import PipelineError


def form(edition: str) -> str:
    """The shape of an edition value: 2025-04-01 → 9999-99-99, 2025 → 9999."""
    return re.sub(r"\d", "9", edition.strip())


def _pick(name: str, present: list[str], wanted: list[str], option: str) -> str | None:
    shape = form(present[0])
    mine = [w for w in wanted if form(w) == shape]
    if len(mine) > 1:
        raise PipelineError(f"{option} names two editions for {name}: {', '.join(mine)}")
    if not mine:
        return None
    if mine[0] not in present:
        raise PipelineError(f"{name} has no edition {mine[0]} ({option}); it has "
                            f"{', '.join(present)}")
    return mine[0]


def choose(name: str, present: list[str], old: Iterable[str] = (),
           new: Iterable[str] = ()) -> tuple[str, str] | None:
    """(old, new) editions of one dataset, or None when it has fewer than two to compare.

    `present` is oldest first. Without options: the two latest. With only --to: the edition
    before it. With only --from: the latest.
    """
    old, new = list(old), list(new)
    if not present:
        return None
    start = _pick(name, present, old, "--from")
    end = _pick(name, present, new, "--to")
    if start is None and end is None:
        return (present[-2], present[-1]) if len(present) >= 2 else None
    if end is None:
        end = present[-1]
    if start is None:
        before = present[:present.index(end)]
        if not before:
            raise PipelineError(f"{name} has no edition before {end} to compare it with")
        start = before[-1]
    return start, end


def unmatched(values: Iterable[str], present: Mapping[str, list[str]]) -> list[str]:
    """Option values whose form matches no dataset's editions (a typo, most likely)."""
    shapes = {form(eds[0]) for eds in present.values() if eds}
    return [v for v in values if form(v) not in shapes]
