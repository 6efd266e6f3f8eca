"""The table engines benchmarked on ICDAR 2013, each giving tables in one shape.

Every engine returns `Found` tables: 1-based page, bbox in pdfplumber's frame (x0, top, x1,
bottom; origin top-left, PDF points) and cells as grid slots with spans. Each engine has two
entry points: `complete(pdf)` reads every page (table location + structure), `within(pdf,
regions, complete)` reads the page restricted to each given region (structure only), as far as the
engine allows:

- ours: the project's extract stage (`pipeline.extract.document.extract_pdf`) reads whole
  files only, so `within` is its complete output; the caller keeps the tables whose centre
  lies in the region, as for every engine.
- pdfplumber: default `page.find_tables()` / `Table.extract()`, on `page.crop(region)`.
- camelot-lattice: `read_pdf(flavor="lattice")` with `table_regions=[region]`. Not
  `table_areas`: lattice takes a table area as the table's outer border, so an area cut to
  the text (as ground-truth regions are) loses the rows and columns between it and the rules.
- camelot-stream: `read_pdf(flavor="stream")` with `table_areas=[region]`.

Engines that read rules are given the ground-truth region grown to its drawn frame
(`icdar_rules.frame`); text-only engines (`TEXT_ONLY`) the region itself plus 3 pt, since for
them a larger area is only more stray text.

Heavy imports (camelot/OpenCV, the pipeline) happen inside the functions that need them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.icdar_metric import GridCell, grid_from_rows

Box = tuple[float, float, float, float]


@dataclass
class Found:
    """A table an engine found: 1-based page, top-left-origin bbox, cells."""

    page: int
    bbox: Box
    cells: list[GridCell]

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the grid the cells occupy."""
        if not self.cells:
            return (0, 0)
        return (max(c.row + c.rowspan for c in self.cells),
                max(c.col + c.colspan for c in self.cells))


@dataclass(frozen=True)
class Region:
    """A region given to an engine: 1-based page, top-left-origin box, that page's height."""

    page: int
    box: Box
    page_height: float


# complete(pdf) → tables; within(pdf, regions, complete's tables) → tables found for each region.
Complete = Callable[[Path], list[Found]]
Within = Callable[[Path, list[Region], list[Found]], list[list[Found]]]


# ours ------------------------------------------------------------------------------------------

def ours_complete(pdf: Path) -> list[Found]:
    """Every table of the project's extract artifact."""
    from pipeline.extract.document import extract_pdf

    artifact = extract_pdf(pdf, identify=False)
    found = []
    for page in artifact["pages"]:
        for table in page["tables"]:
            cells = [GridCell(c["row"], c["col"], c.get("text") or "", c.get("rowspan", 1),
                              c.get("colspan", 1)) for c in table["cells"]]
            found.append(Found(int(page["page"]), tuple(table["bbox"]), cells))
    return found


def ours_within(pdf: Path, regions: list[Region], complete: list[Found]) -> list[list[Found]]:
    """The artifact's tables on each region's page (the stage cannot be given a region)."""
    return [[t for t in complete if t.page == region.page] for region in regions]


# pdfplumber ------------------------------------------------------------------------------------

def _edges(values: list[float], tolerance: float = 1.0) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def _slot(edges: list[float], value: float, tolerance: float = 1.0) -> int:
    for i, edge in enumerate(edges):
        if value <= edge + tolerance:
            return i
    return len(edges) - 1


def plumber_cells(table: Any) -> list[GridCell]:
    """A pdfplumber Table's cells with spans: a merged cell covers the slots between its edges."""
    texts: dict[Box, str] = {}
    for row, values in zip(table.rows, table.extract(), strict=False):
        for box, value in zip(row.cells, values, strict=False):
            if box is not None:
                texts[tuple(box)] = value or ""
    boxes = [tuple(b) for b in table.cells]
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    cells = []
    for box in boxes:
        col, row = _slot(xs, box[0]), _slot(ys, box[1])
        cells.append(GridCell(row, col, texts.get(box, ""),
                              rowspan=max(1, _slot(ys, box[3]) - row),
                              colspan=max(1, _slot(xs, box[2]) - col)))
    return cells


def _plumber_page(page: Any, number: int) -> list[Found]:
    return [Found(number, tuple(t.bbox), plumber_cells(t)) for t in page.find_tables()]


def pdfplumber_complete(pdf: Path) -> list[Found]:
    """pdfplumber's default `find_tables()` on every page."""
    import pdfplumber

    found = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            found += _plumber_page(page, number)
            page.close()
    return found


def pdfplumber_within(pdf: Path, regions: list[Region], complete: list[Found]
                      ) -> list[list[Found]]:
    """pdfplumber's default `find_tables()` on the page cropped to each region."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        for region in regions:
            page = doc.pages[region.page - 1]
            x0, top, x1, bottom = page.bbox
            box = (max(region.box[0], x0), max(region.box[1], top),
                   min(region.box[2], x1), min(region.box[3], bottom))
            out.append(_plumber_page(page.crop(box), region.page))
    return out


# camelot ---------------------------------------------------------------------------------------

def camelot_cells(table: Any, spans: bool) -> list[GridCell]:
    """camelot's grid slots as cells; with `spans`, slots joined by a missing rule are one cell.

    Lattice knows the rules between slots (a merged cell is slots whose shared border is
    absent; camelot puts its text in one of them). Stream draws no rules, so its slots are 1×1.
    """
    slots = table.cells
    if not spans or not slots:
        return grid_from_rows(table.df.values.tolist())
    n_rows, n_cols = len(slots), len(slots[0])
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(slot: tuple[int, int]) -> tuple[int, int]:
        while parent[slot] != slot:
            parent[slot] = parent[parent[slot]]
            slot = parent[slot]
        return slot

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not (slots[r][c].right and slots[r][c + 1].left):
                parent[find((r, c + 1))] = find((r, c))
            if r + 1 < n_rows and not (slots[r][c].bottom and slots[r + 1][c].top):
                parent[find((r + 1, c))] = find((r, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for slot in sorted(parent):
        groups.setdefault(find(slot), []).append(slot)
    cells = []
    for members in groups.values():
        rows = [r for r, _ in members]
        cols = [c for _, c in members]
        text = "".join(slots[r][c].text or "" for r, c in members)
        cells.append(GridCell(min(rows), min(cols), text, rowspan=max(rows) - min(rows) + 1,
                              colspan=max(cols) - min(cols) + 1))
    return cells


def _camelot(pdf: Path, flavor: str, heights: dict[int, float], pages: str,
             **kwargs: Any) -> list[Found]:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page-N" is an answer
        tables = camelot.read_pdf(str(pdf), pages=pages, flavor=flavor, suppress_stdout=True,
                                  **kwargs)
    found = []
    for table in tables:
        page = int(table.page)
        height = heights[page]
        x0, y0, x1, y1 = table._bbox
        found.append(Found(page, (x0, height - y1, x1, height - y0),
                           camelot_cells(table, spans=flavor == "lattice")))
    return found


def _area(region: Region) -> str:
    """A region as camelot's 'x1,y1,x2,y2' (left-top, right-bottom; PDF space, origin below)."""
    x0, top, x1, bottom = region.box
    h = region.page_height
    return f"{x0:.2f},{h - top:.2f},{x1:.2f},{h - bottom:.2f}"


def _page_heights(pdf: Path) -> dict[int, float]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return {n: float(p.height) for n, p in enumerate(doc.pages, start=1)}


def camelot_complete(flavor: str) -> Callable[[Path], list[Found]]:
    """camelot's `read_pdf(pages="all", flavor=...)`, default settings otherwise."""
    def complete(pdf: Path) -> list[Found]:
        return _camelot(pdf, flavor, _page_heights(pdf), "all")
    return complete


def camelot_within(flavor: str) -> Within:
    """camelot on each region's page, told the region (lattice: table_regions; stream: areas)."""
    option = "table_regions" if flavor == "lattice" else "table_areas"

    def within(pdf: Path, regions: list[Region], complete: list[Found]) -> list[list[Found]]:
        heights = {r.page: r.page_height for r in regions}
        return [_camelot(pdf, flavor, heights, str(r.page), **{option: [_area(r)]})
                for r in regions]
    return within


TEXT_ONLY = {"camelot-stream"}
ENGINES: dict[str, tuple[Complete, Within]] = {
    "ours": (ours_complete, ours_within),
    "pdfplumber": (pdfplumber_complete, pdfplumber_within),
    "camelot-lattice": (camelot_complete("lattice"), camelot_within("lattice")),
    "camelot-stream": (camelot_complete("stream"), camelot_within("stream")),
}
