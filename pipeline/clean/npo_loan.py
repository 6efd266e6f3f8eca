"""Clean the NPO loan comparison table (制度概要): span grids → a record per bank × item × row.

Everything is found from the grid itself: the header row is the first row naming banks, the label
columns are those left of the first bank, each bank owns the columns under its header cell, and a
logical row is the band of grid rows covered by one innermost label cell. Inside a bank's columns
the first column holds the mark or value, a column of unit words is the unit, the rest is the note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from pipeline.clean.dates import find_as_of
from pipeline.clean.detect import is_bank_name, page_text
from pipeline.clean.grid import Grid, GridCell
from pipeline.clean.npo_values import (
    MARKS_OFFERED,
    MARKS_REQUIRED,
    MONTHS_PER_UNIT,
    YEN_PER_UNIT,
    is_not_offered,
    limit_yen,
    parse_span,
    rate_span_pct,
    rate_type,
    split_mark,
    term_span_months,
)
from pipeline.clean.text import clean_cell, fold, has_cid_garbage, squeeze, strip_label
from pipeline.errors import PipelineError

DATASET = "npo_loan_terms"
_UNITS = set(YEN_PER_UNIT) | set(MONTHS_PER_UNIT) | {"%", "％"}
_TRAILING_UNIT = re.compile(
    r"^(.*\d)\s*(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")$"
)
# A value printed only with numerals (digits, separators, ranges, tiers): it must read as a number.
_NUMERALS = re.compile(r"[\d,，.．～〜~\s\u2460-\u2473]*\d[\d,，.．～〜~\s\u2460-\u2473]*")


@dataclass(frozen=True)
class BankColumns:
    """A bank's header cell and the grid columns under it."""

    name: str
    start: int
    width: int
    roles: tuple[str, ...] = ()

    @property
    def cols(self) -> range:
        return range(self.start, self.start + self.width)


@dataclass(frozen=True)
class Band:
    """One logical row: the grid rows under one innermost label cell."""

    rows: range
    item: str
    condition: str


def clean(artifact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Records of the NPO loan dataset from an extract artifact."""
    source = artifact["source"]
    file = source["file"]
    as_of = _as_of(artifact)
    records: list[dict[str, Any]] = []
    previous_bands: list[Band] | None = None
    found = False
    for page in artifact["pages"]:
        for table in page["tables"]:
            grid = Grid(table)
            try:
                header = _header_row(grid)
                if header is None:
                    continue
                found = True
                banks, n_label_cols = _banks(grid, header)
                start = data_start(grid, header)
                if n_label_cols:
                    bands = _bands(grid, start, n_label_cols)
                elif previous_bands and grid.n_rows - start == sum(
                    len(b.rows) for b in previous_bands
                ):
                    bands = _shift(previous_bands, start)
                else:
                    raise PipelineError("table has no row labels to read its rows by")
                previous_bands = bands
                for bank in banks:
                    for band in bands:
                        records.append(_record(grid, bank, band, as_of, source, page["page"]))
            except PipelineError as exc:
                raise exc.located(file=file, page=page["page"]) from None
    if not found:
        raise PipelineError("no comparison table with a bank-name header row found", file=file)
    return {DATASET: records}


def _as_of(artifact: dict[str, Any]) -> str:
    for page in artifact["pages"]:
        try:
            date = find_as_of(page_text(page))
        except ValueError as exc:
            file = artifact["source"]["file"]
            raise PipelineError(str(exc), file=file, page=page["page"]) from None
        if date:
            return date.isoformat()
    raise PipelineError(
        "no as-of date (…年…月…日現在) found", file=artifact["source"]["file"], page=1
    )


def _header_row(grid: Grid) -> int | None:
    for row in range(grid.n_rows):
        if any(is_bank_name(cell.text) for cell in grid.row_cells(row)):
            return row
    return None


def _banks(grid: Grid, header: int) -> tuple[list[BankColumns], int]:
    """Bank column groups of the header row and the number of label columns left of them."""
    cells = grid.row_cells(header)
    first = _first_bank_cell(cells)
    n_label_cols = cells[first].col
    banks = []
    for cell in cells[first:]:
        if not is_bank_name(cell.text):
            if not squeeze(cell.text):
                raise PipelineError("header cell is empty where a bank name belongs", cell=cell.ref)
            raise PipelineError(f"header cell '{squeeze(cell.text)}' is not a bank", cell=cell.ref)
        bank = BankColumns(squeeze(cell.text), cell.col, cell.colspan)
        roles = _roles(grid, data_start(grid, header), bank)
        banks.append(BankColumns(bank.name, bank.start, bank.width, roles))
    widths = Counter(bank.width for bank in banks)
    if len(widths) > 1:
        usual = max(widths, key=lambda w: (widths[w], w))  # a tie: a column is missing, not extra
        odd = next(bank for bank in banks if bank.width != usual)
        raise PipelineError(
            f"bank {odd.name} has {odd.width} sub-columns where the others have {usual}"
        )
    return banks, n_label_cols


def _first_bank_cell(cells: list[GridCell]) -> int:
    """Index of the header cell where the banks start.

    The label part of the header is a bank name's absence: blank corner cells up to and including
    the first named cell (項目), unless that cell is already a bank (a page without labels).
    Whatever follows is a bank column, so a non-bank there is an error, not a label column.
    """
    for i, cell in enumerate(cells):
        if is_bank_name(cell.text):
            return i
        if squeeze(cell.text):
            return i + 1
    return len(cells)


def data_start(grid: Grid, header: int) -> int:
    """First grid row below the header block: a header cell spanning rows (項目 over the banks'
    sub-column titles 金額｜単位｜備考) pushes it down."""
    return max(cell.last_row for cell in grid.row_cells(header)) + 1


def _roles(grid: Grid, start: int, bank: BankColumns) -> tuple[str, ...]:
    """value for the first sub-column, unit for one holding unit words, note for the rest."""
    roles = ["value"]
    for col in bank.cols[1:]:
        texts = [
            clean_cell(c.text)
            for c in grid.within(range(start, grid.n_rows), range(col, col + 1))
            if c.colspan == 1 and clean_cell(c.text)
        ]
        units = sum(text in _UNITS for text in texts)
        roles.append("unit" if texts and units * 2 > len(texts) and "unit" not in roles else "note")
    return tuple(roles)


def _bands(grid: Grid, start: int, n_label_cols: int) -> list[Band]:
    bands: list[Band] = []
    row = start
    while row < grid.n_rows:
        inner = grid.at(row, n_label_cols - 1)
        if inner is None:
            raise PipelineError("no label cell", cell=f"R{row + 1}C{n_label_cols}")
        rows = range(row, inner.last_row + 1)
        path: list[str] = []
        seen: set[int] = set()
        for col in range(n_label_cols):
            cell = grid.at(row, col)
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            if has_cid_garbage(cell.text):
                raise PipelineError("label extracts as (cid:…) codes", cell=cell.ref)
            label = strip_label(cell.text)
            if label:
                path.append(label)
        if path:
            bands.append(Band(rows, path[0], "/".join(path[1:])))
        elif any(squeeze(c.text) for c in grid.within(rows, range(n_label_cols, grid.n_cols))):
            raise PipelineError("row has values but no label", cell=inner.ref)
        row = rows.stop
    return bands


def _shift(bands: list[Band], start: int) -> list[Band]:
    """The previous table's row bands, moved to start under this table's header."""
    shifted, row = [], start
    for band in bands:
        shifted.append(Band(range(row, row + len(band.rows)), band.item, band.condition))
        row += len(band.rows)
    return shifted


def _split_cells(cells: list[GridCell], bank: BankColumns) -> dict[str, list[str]]:
    """Sort a bank's cells in one band into mark, value, unit and note texts."""
    parts: dict[str, list[str]] = {"mark": [], "value": [], "unit": [], "note": []}
    last = bank.width - 1
    for cell in cells:
        if cell.last_col > bank.cols[-1]:
            raise PipelineError(f"cell runs past bank {bank.name}'s columns", cell=cell.ref)
        start, end = cell.col - bank.start, cell.last_col - bank.start
        text = cell.text
        if not text.strip():
            continue
        if has_cid_garbage(text):
            raise PipelineError("text extracts as (cid:…) codes", cell=cell.ref)
        if start == 0:
            mark, rest = split_mark(fold(text))
            if mark:
                parts["mark"].append(mark)
                if rest:
                    parts["note"].append(rest)
            elif end == last and last > 0 and not is_not_offered(text):
                parts["note"].append(text)
            else:
                parts["value"].append(text)
        elif bank.roles[start] == "unit" and end == start:
            parts["unit"].append(text)
        else:
            parts["note"].append(text)
    return parts


def _record(
    grid: Grid, bank: BankColumns, band: Band, as_of: str, source: dict, page: int
) -> dict[str, Any]:
    cells = grid.within(band.rows, bank.cols)
    where = f"{bank.name} {band.item}{'/' + band.condition if band.condition else ''}"
    try:
        parts = _split_cells(cells, bank)
    except PipelineError as exc:
        exc.cell = f"{exc.cell} ({where})"
        raise
    if len(parts["mark"]) > 1:
        raise PipelineError(f"two marks in one cell ({where})", cell=cells[0].ref)
    mark = parts["mark"][0] if parts["mark"] else ""
    raw_value = "\n".join(parts["value"])
    raw_unit = "\n".join(parts["unit"])
    if not raw_unit and (split := _TRAILING_UNIT.match(clean_cell(raw_value))):
        raw_value, raw_unit = split[1], split[2]
    unit = clean_cell(raw_unit).replace("%", "％")

    rates = rate_span_pct(raw_value, unit)
    terms = term_span_months(raw_value, unit)
    if unit in _UNITS and _NUMERALS.fullmatch(raw_value) and parse_span(raw_value) is None:
        raise PipelineError(f"value {clean_cell(raw_value)!r} {unit} does not read as a number "
                            f"({where})", cell=cells[0].ref)
    note = clean_cell("\n".join(parts["note"]))
    offered: bool | None = MARKS_OFFERED.get(mark)
    if is_not_offered(raw_value):
        offered = False
    elif offered is None and clean_cell(raw_value):
        offered = True
    return {
        "as_of": as_of,
        "bank": bank.name,
        "item": band.item,
        "condition": band.condition,
        "mark": mark,
        "value": clean_cell(raw_value),
        "unit": unit,
        "note": note,
        "is_offered": offered,
        "is_required": MARKS_REQUIRED.get(mark),
        "limit_yen": limit_yen(raw_value, unit),
        "rate_min_pct": rates.low if rates else None,
        "rate_max_pct": rates.high if rates else None,
        "rate_tiers_pct": " ".join(rates.parts) if rates and rates.parts else "",
        "rate_type": (rate_type(raw_value, note) or "") if unit == "％" else "",
        "term_min_months": terms[0] if terms else None,
        "term_max_months": terms[1] if terms else None,
        "source_file": source["file"],
        "source_sha256": source["sha256"],
        "source_page": page,
        "source_cell": cells[0].ref if cells else "",
    }
