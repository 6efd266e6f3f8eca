"""Clean the NPO loan comparison table (制度概要): span grids → a record per bank × item × row.

Everything is found from the grid itself (header.py: the banks and their sub-columns; bands.py:
the logical rows; cells.py and record.py: what each bank prints in each row; typed.py: the
typed columns read from it). A page without label columns continues the previous page's rows.
"""

from __future__ import annotations

from typing import Any

from pipeline.core.dates import find_as_of
from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid
from pipeline.extract.page_text import page_text
from pipeline.kinds.npo_loan.clean.bands import Band, bands, shift
from pipeline.kinds.npo_loan.clean.header import banks, data_start, header_row
from pipeline.kinds.npo_loan.clean.record import record

DATASET = "npo_loan_terms"


def _table_bands(grid: Grid, start: int, n_label_cols: int,
                 previous: list[Band] | None) -> list[Band]:
    """The table's bands from its label columns, or the previous table's when it has none."""
    if n_label_cols:
        return bands(grid, start, n_label_cols)
    if previous and grid.n_rows - start == sum(len(b.rows) for b in previous):
        return shift(previous, start)
    raise PipelineError("table has no row labels to read its rows by")


def clean(artifact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Records of the NPO loan dataset from an extract artifact."""
    source = artifact["source"]
    file = source["file"]
    as_of = _as_of(artifact)
    records: list[dict[str, Any]] = []
    previous: list[Band] | None = None
    order: dict[str, int] = {}  # bank → position in the table as printed
    found = False
    for page in artifact["pages"]:
        for table in page["tables"]:
            grid = Grid(table)
            try:
                header = header_row(grid)
                if header is None:
                    continue
                found = True
                columns, n_label_cols = banks(grid, header)
                previous = _table_bands(grid, data_start(grid, header), n_label_cols, previous)
                for bank in columns:
                    position = order.setdefault(bank.name, len(order) + 1)
                    for row, band in enumerate(previous, start=1):
                        records.append({
                            **record(grid, bank, band, as_of, source, page["page"]),
                            "bank_position": position, "row_position": row,
                        })
            except PipelineError as exc:
                raise exc.located(file=file, page=page["page"]) from None
    if not found:
        raise PipelineError("no comparison table with a bank-name header row found", file=file)
    return {DATASET: records}


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
