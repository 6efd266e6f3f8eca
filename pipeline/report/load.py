"""The published datasets as the report reads them: typed frames, sources and diff pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.core.lang import DEFAULT, Words, words
from pipeline.publish.read import published_tables
from pipeline.validate.datasets import DATASETS

DIFFS = "diffs"


@dataclass(frozen=True)
class Published:
    """What `publish` wrote into one output folder."""

    out: Path
    package: dict[str, Any]
    frames: dict[str, pd.DataFrame]
    lang: str = DEFAULT  # the language the report is written in (ja, en)

    @property
    def words(self) -> Words:
        return words(self.lang)

    @property
    def sources(self) -> list[dict[str, Any]]:
        return sorted(self.package.get("sources", []), key=lambda s: s["path"])

    def editions(self, name: str) -> list[str]:
        """The editions of dataset `name`, oldest first, as text."""
        frame = self.frames[name]
        return sorted({str(v) for v in frame[DATASETS[name].edition]})

    def digests(self) -> dict[str, str]:
        """Each dataset's Parquet file hash ("sha256:…"), as datapackage.json lists it."""
        return {r["path"].rsplit(".", 1)[0]: r["hash"] for r in self.package["resources"]
                if r.get("format") == "parquet" and "hash" in r}

    def diff_pages(self) -> list[str]:
        """Diff reports under OUT/diffs, as links relative to OUT."""
        folder = self.out / DIFFS
        return sorted(f"{DIFFS}/{p.name}" for p in folder.glob("*.html")) if folder.is_dir() else []


def load_published(out: Path) -> Published:
    """Read every published dataset of `out` (hashes checked against datapackage.json)."""
    package, tables = published_tables(out)
    frames = {name: pd.read_parquet(path) for name, (_, path) in tables.items()}
    return Published(out=out, package=package, frames=frames)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as dicts (column → value), in order: what iterrows gives, without a
    Series built per row (most of a section's time on a few hundred rows)."""
    return frame.to_dict("records")
