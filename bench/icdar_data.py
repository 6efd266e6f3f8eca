"""The ICDAR 2013 table competition's ground truth: `*-str.xml` (structure), `*-reg.xml` (regions).

Facts checked against the PDFs themselves (see `bench/icdar2013.py --check-coordinates`):

- `page` is 1-based: with it, the text inside each ground-truth cell's box is the cell's content
  on 66 of 67 documents (shifting pages by ±1 matches almost nothing).
- Boxes are PDF user space, origin bottom-left: top = page height − y2, bottom = page height −
  y1 (pdfplumber's top-left convention). The one rotated document (eu-015, /Rotate 90) differs
  between the two files: `-reg.xml` boxes flip with the displayed page's height (595), `-str.xml`
  cell boxes with the unrotated MediaBox height (842). Only `-reg.xml` boxes are used for regions,
  so `region_top_left` takes the displayed height pdfplumber reports.
- A table can have several `<region>`s (us-035a: one table printed as three side-by-side
  blocks); `col-increment`/`row-increment` place each region's cells in the table's grid.
- Alternative interpretations ship as extra XML files with no PDF of their own (eu-009b,
  us-011b, us-031b, us-035b); only XML files beside their PDF are read, which leaves 67
  documents and 156 tables, the competition's figures.
- One coordinate is corrupt (us-018: x1='26ß'); numbers are read up to the first non-digit.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from bench.icdar_metric import GridCell

Box = tuple[float, float, float, float]
_NUMBER = re.compile(r"\s*(-?\d+(?:\.\d+)?)")


@dataclass
class GTTable:
    """One ground-truth table on one page: its region(s) and cells (grid slots, 0-based)."""

    doc: str
    table_id: str
    page: int
    regions: list[Box]  # PDF user space, bottom-left origin: (x1, y1, x2, y2)
    cells: list[GridCell] = field(default_factory=list)

    @property
    def region(self) -> Box:
        """The union of this table's regions on its page (bottom-left origin)."""
        return (min(b[0] for b in self.regions), min(b[1] for b in self.regions),
                max(b[2] for b in self.regions), max(b[3] for b in self.regions))


def number(text: str | None) -> float:
    """A number attribute, tolerating trailing junk ('26ß' → 26.0); ValueError if none."""
    match = _NUMBER.match(text or "")
    if not match:
        raise ValueError(f"not a number: {text!r}")
    return float(match.group(1))


def _box(element: ET.Element | None) -> Box | None:
    if element is None:
        return None
    x1, y1, x2, y2 = (number(element.get(k)) for k in ("x1", "y1", "x2", "y2"))
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def parse_structure(xml: str | bytes, heights: dict[int, float] | None = None
                    ) -> dict[tuple[str, int], list[GridCell]]:
    """`-str.xml` → cells of each (table id, page), every region's increments applied.

    `end-row`/`end-col` are inclusive and default to the start; the content keeps its line
    breaks (normalisation happens in the metric). With `heights` (each 1-based page's unrotated
    MediaBox height, which these boxes flip with) cells get their box in pdfplumber's frame.
    """
    root = ET.fromstring(xml)
    tables: dict[tuple[str, int], list[GridCell]] = {}
    for table in root.iter("table"):
        for region in table.iter("region"):
            key = (table.get("id", ""), int(number(region.get("page"))))
            d_row = int(number(region.get("row-increment") or "0"))
            d_col = int(number(region.get("col-increment") or "0"))
            cells = tables.setdefault(key, [])
            height = (heights or {}).get(key[1])
            for cell in region.iter("cell"):
                box = _box(cell.find("bounding-box")) if height is not None else None
                row = int(number(cell.get("start-row")))
                col = int(number(cell.get("start-col")))
                end_row = int(number(cell.get("end-row") or str(row)))
                end_col = int(number(cell.get("end-col") or str(col)))
                cells.append(GridCell(
                    row=row + d_row, col=col + d_col, text=cell.findtext("content") or "",
                    rowspan=max(1, end_row - row + 1), colspan=max(1, end_col - col + 1),
                    bbox=region_top_left(box, height) if box and height is not None else None))
    return tables


def parse_regions(xml: str | bytes) -> dict[tuple[str, int], list[Box]]:
    """`-reg.xml` → bounding boxes of each (table id, page), bottom-left origin."""
    root = ET.fromstring(xml)
    regions: dict[tuple[str, int], list[Box]] = {}
    for table in root.iter("table"):
        for region in table.iter("region"):
            box = _box(region.find("bounding-box"))
            if box is not None:
                key = (table.get("id", ""), int(number(region.get("page"))))
                regions.setdefault(key, []).append(box)
    return regions


def _cells_box(xml: str | bytes, key: tuple[str, int]) -> list[Box]:
    """Fallback region: the union of the cells' boxes in `-str.xml` (unrotated pages only)."""
    root = ET.fromstring(xml)
    boxes = []
    for table in root.iter("table"):
        for region in table.iter("region"):
            if (table.get("id", ""), int(number(region.get("page")))) != key:
                continue
            boxes += [b for c in region.iter("cell") if (b := _box(c.find("bounding-box")))]
    if not boxes:
        return []
    return [(min(b[0] for b in boxes), min(b[1] for b in boxes),
             max(b[2] for b in boxes), max(b[3] for b in boxes))]


def load_document(pdf: Path, heights: dict[int, float] | None = None) -> list[GTTable]:
    """The ground-truth tables of one PDF (its `-str.xml` and `-reg.xml` beside it).

    `heights`: each page's unrotated height, to give cells their boxes (see parse_structure).
    """
    stem = pdf.with_suffix("")
    structure_xml = Path(f"{stem}-str.xml").read_bytes()
    region_path = Path(f"{stem}-reg.xml")
    regions = parse_regions(region_path.read_bytes()) if region_path.exists() else {}
    tables = []
    for (table_id, page), cells in parse_structure(structure_xml, heights).items():
        boxes = regions.get((table_id, page)) or _cells_box(structure_xml, (table_id, page))
        if boxes:
            tables.append(GTTable(pdf.stem, table_id, page, boxes, cells))
    return tables


def find_documents(dataset: Path) -> list[Path]:
    """Every PDF under `dataset` that has a `-str.xml` beside it, sorted by name."""
    return sorted(
        (p for p in dataset.rglob("*.pdf") if Path(f"{p.with_suffix('')}-str.xml").exists()),
        key=lambda p: p.name)


def region_top_left(box: Box, page_height: float) -> Box:
    """A bottom-left-origin box as pdfplumber's (x0, top, x1, bottom) on a page that tall."""
    x1, y1, x2, y2 = box
    return (x1, page_height - y2, x2, page_height - y1)
