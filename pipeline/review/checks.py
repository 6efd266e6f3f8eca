"""What the cross-check (`make all CHECK=1`) found the engines read differently: its JSON
listing, OUT/interim/crosscheck.json (pipeline/crosscheck/listing.py), each disagreement with
the PDF's name and sha256, the page, where on it, and the box of the cell, table or line."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.grid import Box

CROSSCHECK = "interim/crosscheck.json"


@dataclass(frozen=True)
class Disagreement:
    """One disagreement of the cross-check: which PDF, where, what the engines read."""

    file: str
    sha256: str
    page: int
    where: str
    what: str
    box: Box | None = None

    @property
    def cell(self) -> str:
        """The grid cell it names (R3C4), or '' (a table, a line, a cell only camelot sees)."""
        last = self.where.split(" ")[-1]
        return last if last[:1] == "R" and "C" in last and len(self.where.split(" ")) == 3 \
            else ""


def _what(item: dict) -> str:
    readings = " ".join(f"{engine} {text}" for engine, text in item.get("readings", {}).items())
    return f"{item.get('check', '')}: {item.get('why', '')}: {readings}".strip(": ")


def parse_listing(data: dict) -> list[Disagreement]:
    """Every disagreement of a cross-check listing, in its order."""
    found = []
    for item in data.get("disagreements", []):
        box = item.get("bbox")
        found.append(Disagreement(
            str(item.get("file", "")), str(item.get("sha256", "")), int(item.get("page", 0)),
            str(item.get("where", "")), _what(item),
            tuple(float(v) for v in box) if box and len(box) == 4 else None))
    return found


def read_disagreements(folder: Path) -> list[Disagreement] | None:
    """The disagreements listed in FOLDER/interim/crosscheck.json; None when the cross-check
    did not run (or its listing cannot be read)."""
    listing = folder / CROSSCHECK
    try:
        data = json.loads(listing.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return parse_listing(data) if isinstance(data, dict) else None
