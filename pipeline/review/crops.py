"""Which crops the review page shows, and cropping them all at once: a PDF per worker, from
the published rows, or ahead of time from the clean artifacts (the rows' places on the page are
known before they are validated: corrections change values, never where they were printed)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.core.artifact import read_artifact
from pipeline.core.grid import Box, parse_box
from pipeline.review.pages import Crops, Document, Sources, crop_documents
from pipeline.review.rows import Rows, number


def printed_at(row: dict, sources: Sources) -> tuple[Document, int, Box] | str:
    """Where row's print is (its PDF in RAW, page, box), or why it cannot be shown."""
    box = parse_box(row.get("source_bbox", ""))
    if box is None:
        return "no source_bbox"
    document = sources.document(row.get("source_file", ""), row.get("source_sha256", ""))
    if document is None:
        return "not in RAW"
    return document, int(number(row.get("source_page", "0"))), box


def crop_rows(rows: Iterable[dict], sources: Sources, jobs: int = 1,
              known: Crops | None = None) -> Crops:
    """The crop of every row (`known` ones kept, the others made a document per worker, up to
    `jobs` at once)."""
    known = known or {}
    wanted: dict[Document, set[tuple[int, Box]]] = {}
    for row in rows:
        found = printed_at(row, sources)
        if not isinstance(found, str) and (str(found[0].path), *found[1:]) not in known:
            wanted.setdefault(found[0], set()).add(found[1:])
    made = crop_documents({document: sorted(boxes) for document, boxes in wanted.items()}, jobs)
    return {**known, **made}


def crop_every_row(rows: dict[str, Rows], sources: Sources, jobs: int = 1,
                   known: Crops | None = None) -> Crops:
    """The crop of every published row (see crop_rows)."""
    return crop_rows((part.row(i) for part in rows.values() for i in range(len(part.frame))),
                     sources, jobs, known)


def crop_ahead(clean_paths: list[Path], raw: Path, jobs: int = 1) -> Crops:
    """The crops of every row of the clean artifacts, for a review page made later: what the
    page shows of the same rows once published (anything else it crops itself)."""
    sources = Sources(raw)
    try:
        rows = (row for path in clean_paths
                for records in read_artifact(path, "clean")["datasets"].values()
                for row in records)
        return crop_rows(rows, sources, jobs)
    finally:
        sources.close()
