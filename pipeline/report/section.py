"""A part of the report a document kind contributes: its anchor, its menu label and its HTML."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One section of the page; `datasets` it shows need no generic table, `notes` add a line
    per dataset to the validation summary."""

    anchor: str
    label: str
    html: str
    datasets: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)
