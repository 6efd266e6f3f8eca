"""What a kind says about correcting each of its datasets: the printed columns a reviewer may
correct and how the typed columns follow from them (each kind's `corrections.py`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.kinds import CORRECTIONS_PART, kinds


def _as_given(name: str, text: str) -> str:
    return text.strip()


def _nothing(row: dict[str, Any]) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Correctable:
    """One dataset's correctable columns.

    `printed`: the columns holding what the PDF prints, which a correction may set.
    `typed`: the columns read from them, recomputed after a correction.
    `retype(row)`: those typed columns from a row's (corrected) printed ones; raises
    PipelineError when the corrected text cannot be what the PDF means (2.1.25 ％).
    `tidy(field, text)`: the corrected text written as the cleaner writes printed text
    (folded, wrapped lines joined), so it reads and compares like the rest.
    """

    printed: tuple[str, ...]
    typed: tuple[str, ...] = ()
    retype: Callable[[dict[str, Any]], dict[str, Any]] = _nothing
    tidy: Callable[[str, str], str] = field(default=_as_given)


class CorrectionsModule(Protocol):
    """What a kind's corrections.py defines (the contract of CORRECTIONS_PART)."""

    # Per dataset (by name): what a reviewer may correct and how the typed columns follow.
    CORRECTABLE: Mapping[str, Correctable]


def correctable() -> dict[str, Correctable]:
    """Every registered kind's correctable datasets, by dataset name."""
    found: dict[str, Correctable] = {}
    for kind in kinds():
        part = kind.part(CORRECTIONS_PART)
        found.update(part.CORRECTABLE if part else {})
    return found
