"""Changes grouped the way a person reads them: by bank or table (or outline section), then by
row, each row's changed fields together."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.core.shown import number
from pipeline.core.text import PATH_SEP
from pipeline.diff.compare import ENTRY, DatasetDiff
from pipeline.diff.spec import NUMBER

PATH_SEPARATOR = PATH_SEP


@dataclass(frozen=True)
class Entry:
    """One matched, added or removed row and its changed fields."""

    label: str
    change: str
    fields: list[dict[str, str]]


def shown(diff: DatasetDiff, field: dict[str, str], side: str) -> str:
    """A field's old or new value for people: a number as people read it (10,000,000; the
    CSV keeps 10000000), any other value as published."""
    value = field[side]
    return number(value) if diff.spec.kinds.get(field["field"]) == NUMBER else value


@dataclass(frozen=True)
class Section:
    """Entries under one bank, table or top outline section."""

    title: str
    entries: list[Entry]


def _labels(diff: DatasetDiff, row: pd.Series) -> tuple[str, str]:
    identity = [row[c] for c in diff.spec.identity]
    say = diff.words
    if diff.spec.outline:
        path = identity[0]
        top = path.split(PATH_SEPARATOR)[0]
        section = f"{top}: {diff.headings[top]}" if top in diff.headings and top else top
        return section or say("diff.no_section"), path or say("diff.no_number")
    rest = PATH_SEPARATOR.join(v for v in identity[1:] if v)
    return identity[0] or say("diff.none"), rest or identity[0] or say("diff.row")


def sections(diff: DatasetDiff) -> list[Section]:
    """The diff's entries in output order, grouped by section (first appearance order: the
    banks as the table prints them)."""
    grouped: dict[str, list[Entry]] = {}
    for _, rows in diff.changes.groupby(ENTRY, sort=True):
        first = rows.iloc[0]
        if diff.spec.entity and first["field"] == diff.spec.entity:
            continue  # a bank that appeared or disappeared: the summary line says it
        section, label = _labels(diff, first)
        fields = rows.drop(columns=[ENTRY]).to_dict("records")
        grouped.setdefault(section, []).append(Entry(label, first["change"], fields))
    return [Section(title, entries) for title, entries in grouped.items()]
