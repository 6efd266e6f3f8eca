"""The published rows a review shows, as text: which columns are printed and which typed, a
stable anchor per row, and what they are grouped and ordered by (document, bank or table or
section, printed order)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.core.grid import parse_box
from pipeline.core.text import PATH_SEP
from pipeline.corrections.correctable import correctable
from pipeline.corrections.table import KEY_SEPARATOR
from pipeline.diff.load import edition_order, read_published
from pipeline.diff.spec import NUMBER, spec_for
from pipeline.kinds import kinds
from pipeline.publish.read import published_tables
from pipeline.validate.datasets import DATASETS, Dataset


@dataclass
class Rows:
    """One dataset's published rows (as text) and what the page knows of each."""

    dataset: Dataset
    frame: pd.DataFrame
    printed: tuple[str, ...]
    typed: tuple[str, ...]
    anchors: dict[int, str] = field(default_factory=dict)
    records: list[dict[str, str]] = field(default_factory=list)
    # The numeric columns (shown as numbers are read: 1,814,456, not 1814456.0).
    numeric: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.frame = self.frame.reset_index(drop=True)
        self.records = self.frame.to_dict("records")

    def row(self, i: int) -> dict[str, str]:
        """Row `i` (0-based, in published order) as text."""
        return self.records[i]

    def key(self, i: int) -> str:
        """The rest of the primary key joined by | (as corrections.csv names a row)."""
        row = self.records[i]
        return KEY_SEPARATOR.join(row[c] for c in self.dataset.key if c != self.dataset.edition)


def read_rows(out: Path) -> dict[str, Rows]:
    """Every published dataset as text, with its printed and typed columns."""
    _, tables = published_tables(out)  # checks every file against datapackage.json
    rules = correctable()
    found = {}
    for name in tables:
        if name not in DATASETS:
            continue
        dataset = DATASETS[name]
        frame = read_published(out, dataset)
        if frame is None:
            continue
        rule = rules.get(name)
        data = [c for c in dataset.columns if c not in dataset.key and c not in
                dataset.provenance and c not in dataset.positions and c not in
                dataset.corrections]
        printed = rule.printed if rule else tuple(data)
        typed = rule.typed if rule else ()
        kinds = spec_for(dataset).kinds
        rows = Rows(dataset, frame, printed, typed,
                    numeric=frozenset(c for c, kind in kinds.items() if kind == NUMBER))
        for i, row in enumerate(rows.records):
            digest = hashlib.sha1(f"{row[dataset.edition]}|{rows.key(i)}".encode())
            rows.anchors[i] = f"r-{name}-{digest.hexdigest()[:10]}"
        found[name] = rows
    return found


def group_of(part: Rows) -> pd.Series:
    """What a row is grouped under: its bank (the dataset's entity), its table (the first key
    column after the edition), or its outline section."""
    dataset, frame = part.dataset, part.frame
    rest = [c for c in dataset.key if c != dataset.edition]
    if dataset.entity in frame:
        return frame[dataset.entity]
    if rest and spec_for(dataset).kinds.get(rest[0], "") != NUMBER and rest[0] in frame \
            and len(rest) > 1:
        return frame[rest[0]]
    if "path" in frame:
        return frame["path"].map(lambda p: p.split(PATH_SEP)[0] if p else "")
    return pd.Series("", index=frame.index)


def number(text: str) -> float:
    """A published number's text as a float (0 for empty or not a number), for ordering."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def printed_order(part: Rows, index: list[int]) -> list[int]:
    """Rows in the order the document prints them: by the dataset's position columns, else by
    page and place on the page, else as published."""
    positions = [c for c in part.dataset.positions if c in part.frame]

    def place(i: int) -> tuple:
        row = part.row(i)
        if positions:
            return tuple(number(row[c]) for c in reversed(positions))
        if "seq" in row:
            return (number(row["seq"]),)
        box = parse_box(row.get("source_bbox", "")) or (0, 0, 0, 0)
        return (number(row.get("source_page", "0")), round(box[1]), box[0])

    return sorted(index, key=lambda i: (place(i), i))


def document_order(rows: dict[str, Rows]) -> list[tuple[str, str, str]]:
    """(source file, kind, edition) of every document: kinds in registry order, newest first."""
    rank = {k.name: n for n, k in enumerate(kinds())}
    found: dict[str, tuple[str, str]] = {}
    for part in rows.values():
        frame = part.frame
        for file, edition in zip(frame["source_file"], frame[part.dataset.edition], strict=True):
            found.setdefault(file, (part.dataset.kind, edition))
    ordered = sorted(found.items(), key=lambda kv: (rank.get(kv[1][0], len(rank)),
                                                    [-n for n in edition_order(kv[1][1])[0]],
                                                    kv[0]))
    return [(file, kind, edition) for file, (kind, edition) in ordered]


def label(part: Rows, i: int, group: str) -> str:
    """The row's name within its group: the rest of its key (and number, for an outline)."""
    row = part.row(i)
    dataset = part.dataset
    parts = [row[c] for c in dataset.key if c != dataset.edition and row[c] != group]
    if "path" in row and "seq" in dataset.key:
        parts = [row.get("number", ""), row["path"] or "(表題)"]
    return " ".join(p for p in parts if p) or "—"
