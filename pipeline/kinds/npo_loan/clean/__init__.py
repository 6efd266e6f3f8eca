"""Clean the NPO loan comparison table (制度概要): span grids → a record per bank × item × row.

Everything is found from the grid itself (header.py: the banks and their sub-columns; bands.py:
the logical rows; cells.py and record.py: what each bank prints in each row; typed.py: the
typed columns read from it). A page without label columns continues the previous page's rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pipeline.core.dates import find_as_of
from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.core.reading import page_method
from pipeline.extract.page_text import page_text
from pipeline.extract.sideways import boxes_on_pages
from pipeline.kinds.npo_loan.clean.bands import Band, bands, joined_across_pages, shift
from pipeline.kinds.npo_loan.clean.header import (
    BankColumns,
    banks,
    continued_banks,
    data_start,
    header_row,
)
from pipeline.kinds.npo_loan.clean.record import record
from pipeline.kinds.npo_loan.clean.stub import stub_bands
from pipeline.kinds.npo_loan.clean.unread import check_bank_cells, check_bank_lines

DATASET = "npo_loan_terms"


def _table_bands(grid: Grid, start: int, n_label_cols: int,
                 previous: list[Band] | None, continues: bool) -> list[Band]:
    """The table's bands from its label columns (where the table draws no rules, from where
    its labels stand), or the previous table's when it has none."""
    if n_label_cols and grid.method == "aligned":
        return stub_bands(grid, start, n_label_cols)
    if n_label_cols:
        return bands(grid, start, n_label_cols, continued=continues)
    if previous and grid.n_rows - start == sum(len(b.rows) for b in previous):
        return shift(previous, start)
    if previous and continues and start == 0:  # no label, the same banks at the page's top:
        return [Band(range(0, grid.n_rows), "", "", "continued")]  # the broken row's rest
    raise PipelineError("table has no row labels to read its rows by")


@dataclass
class Part:
    """One table's share of the comparison: the banks it prints and its rows."""

    page: int
    grid: Grid
    banks: list[BankColumns]
    bands: list[Band]
    continues: bool  # the same banks as the part before: the table went on over a page


def _part(page: int, grid: Grid, before: Part | None) -> Part | None:
    """The part a table holds, or None for a table that is no part of the comparison."""
    header = header_row(grid)
    if header is not None:
        columns, n_label_cols = banks(grid, header)
        start = data_start(grid, header)
        continues = before is not None and [b.name for b in before.banks] == [
            b.name for b in columns]
    elif before is not None and (
            columns := continued_banks(grid, before.grid, before.banks)) is not None:
        n_label_cols, start, continues = columns[0].start, 0, True
    else:
        return None
    table_bands = _table_bands(grid, start, n_label_cols, before.bands if before else None,
                               continues)
    return Part(page, grid, columns, table_bands, continues)


def parts(artifact: dict[str, Any]) -> list[Part]:
    """Every part of the comparison table, in reading order, labels cut by page breaks
    completed from the neighbouring part."""
    found: list[Part] = []
    file = artifact["source"]["file"]
    check_bank_lines(artifact)  # a bank header outside every table: its banks would be lost
    for page in artifact["pages"]:
        for table in page["tables"]:
            alone = bool(found) and not found[-1].bands and found[-1].page == page["page"]
            try:
                part = _part(page["page"], Grid(table), found[-1] if found else None)
            except PipelineError as exc:
                if alone:  # the header's rows were not found as its table: say that
                    raise _header_alone(file, page["page"]) from None
                raise exc.located(file=file, page=page["page"]) from None
            if alone and (part is None or not part.continues):
                raise _header_alone(file, page["page"])
            if part is None:
                continue
            if part.continues and found:
                found[-1].bands, part.bands = joined_across_pages(found[-1].bands, part.bands)
            found.append(part)
    read: dict[int, list[Grid]] = {}
    for part in found:
        read.setdefault(part.page, []).append(part.grid)
    check_bank_cells(artifact, read)
    if not found:
        raise PipelineError("no comparison table with a bank-name header row found", file=file)
    _share_zones(found)
    return found


def _header_alone(file: str, page: int) -> PipelineError:
    return PipelineError("the banks' header row has no rows under it: the rows below it are "
                         "not read as its table", file=file, page=page)


def _share_zones(found: list[Part]) -> None:
    """A bank whose sub-columns one page does not tell apart (too few rows of the table there
    to rule or align them) takes where they stand from the page the table goes on to or
    comes from: the same table, the same columns."""
    for part, after in zip(found, found[1:], strict=False):
        if not after.continues:
            continue
        for one, other in ((part, after), (after, part)):
            zones = {bank.name: bank.zones for bank in other.banks if bank.zones is not None}
            one.banks = [replace(bank, zones=zones[bank.name])
                         if bank.zones is None and bank.width == 1 and bank.name in zones
                         else bank for bank in one.banks]


def clean(artifact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Records of the NPO loan dataset from an extract artifact."""
    source = artifact["source"]
    as_of = _as_of(artifact)
    records: list[dict[str, Any]] = []
    order: dict[str, int] = {}  # bank → position in the table as printed
    row = 0
    methods = {page["page"]: page_method(page) for page in artifact["pages"]}
    found = parts(artifact)
    labels = condition_labels(found)
    for part, after in zip(found, [*found[1:], None], strict=True):
        row = row if part.continues else 0
        own = [band for band in part.bands if band.cut != "continued"]
        try:
            for bank in part.banks:
                position = order.setdefault(bank.name, len(order) + 1)
                for n, band in enumerate(own, start=row + 1):
                    if band.cut == "breaks":
                        raise PipelineError("row has values but no label",
                                            cell=f"R{band.rows.start + 1}C1")
                    if not band.item:
                        raise PipelineError("a label cut by a page break is printed on neither "
                                            "page", cell=f"R{band.rows.start + 1}C1")
                    rest = _rest_of(band, bank, after) if band is part.bands[-1] else []
                    records.append({
                        **record(part.grid, bank, band, as_of, source, part.page,
                                 methods[part.page], labels, rest),
                        "bank_position": position, "row_position": n,
                    })
        except PipelineError as exc:
            raise exc.located(file=source["file"], page=part.page) from None
        row += len(own)
    if not records:
        raise PipelineError("the comparison table has no rows under its banks",
                            file=source["file"], page=found[0].page)
    boxes_on_pages(records, artifact)
    return {DATASET: records}


def condition_labels(found: list[Part]) -> frozenset[str]:
    """Every condition label the table prints (無担保, 有担保, 運転資金 …): in a wrapped cell, a
    line starting with one starts an item of its own."""
    return frozenset(label for part in found for band in part.bands
                     for label in band.condition.split("/") if label)


def _rest_of(band: Band, bank: BankColumns, after: Part | None
             ) -> list[tuple[Grid, BankColumns, range]]:
    """Where the next page goes on with `band` (the part's last), broken by the page: its
    grid, the bank's columns there and its rows; [] when it does not."""
    if after is None or not after.continues or not after.bands:
        return []
    first = after.bands[0]
    if first.cut != "continued":
        return []
    there = next((b for b in after.banks if b.name == bank.name), None)
    return [] if there is None else [(after.grid, there, first.rows)]


def _as_of(artifact: dict[str, Any]) -> str:
    """The edition date printed as …年…月…日現在 on the first page that has one."""
    file = artifact["source"]["file"]
    for page in artifact["pages"]:
        try:
            date = find_as_of(page_text(page))
        except ValueError as exc:
            raise PipelineError(str(exc), file=file, page=page["page"]) from None
        if date:
            return date.isoformat()
    raise PipelineError("no as-of date (…年…月…日現在) found", file=file, page=1)
