"""One record of npo_loan_terms: a bank's cells in one band, read as printed and typed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.grid import Grid, box_text, union_box
from pipeline.core.reading import TEXT, read_columns
from pipeline.core.text import clean_cell
from pipeline.kinds.npo_loan.clean.bands import Band
from pipeline.kinds.npo_loan.clean.cells import Parts, split_cells
from pipeline.kinds.npo_loan.clean.header import BankColumns
from pipeline.kinds.npo_loan.clean.items import item_starts, value_item_starts
from pipeline.kinds.npo_loan.clean.typed import check_number, typed_columns
from pipeline.kinds.npo_loan.clean.values import UNITS

# A value's number may end in a number word before its unit (5千万円: 5千 in 万円).
_TRAILING_UNIT = re.compile(
    r"^(.*\d[千百]??)\s*(" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")$"
)


def printed(parts: Parts, labels: Iterable[str] = ()) -> dict[str, str]:
    """The mark, value, unit and note a bank's cells print, as published: wrapped lines
    joined, but a line starting an item of its own (①, ※, one of the table's condition
    `labels`: items.py) on a line of its own.

    A value cell that also prints its unit (20年, where the table has no unit sub-column) is
    split into value and unit.
    """
    labels = tuple(labels)
    value = clean_cell("\n".join(parts.value), value_item_starts(labels))
    unit = clean_cell("\n".join(parts.unit))
    if not unit and (split := _TRAILING_UNIT.match(value)):
        value, unit = split[1], split[2]
    return {
        "mark": parts.mark[0] if parts.mark else "",
        "value": value,
        "unit": unit.replace("%", "％"),
        "note": clean_cell("\n".join(parts.note), item_starts(labels)),
    }


def record(grid: Grid, bank: BankColumns, band: Band, as_of: str, source: dict,
           page: int, method: str = TEXT, labels: Iterable[str] = (),
           rest: Sequence[tuple[Grid, BankColumns, range]] = ()) -> dict[str, Any]:
    """The row of `bank` in `band`: printed texts, typed columns and provenance (the first
    cell, the box around all of the bank's cells in the band; `method`: how the page was read,
    an OCR'd row's confidence is its least sure cell's; `labels`: the table's condition labels,
    which start items of their own in a wrapped cell). `rest`: where the next page goes on
    with the row (its grid, the bank's columns there, its rows), read after it."""
    cells = grid.within(band.rows, bank.cols)
    where = f"{bank.name} {band.item}{'/' + band.condition if band.condition else ''}"
    ref = cells[0].ref if cells else ""
    try:
        parts = split_cells(cells, bank, bank.zones)
        for more_grid, more_bank, more_rows in rest:
            more = split_cells(more_grid.within(more_rows, more_bank.cols), more_bank,
                               more_bank.zones)
            for name in ("mark", "value", "unit", "note"):
                getattr(parts, name).extend(getattr(more, name))
        if len(parts.mark) > 1:
            raise PipelineError(f"two marks in one cell ({where})", cell=ref)
        text = printed(parts, labels)
        check_number(text["value"], text["unit"], where)
    except PipelineError as exc:
        exc.cell = exc.cell or ref
        if where not in exc.message:
            exc.cell = f"{exc.cell} ({where})"
        raise
    return {
        "as_of": as_of,
        "bank": bank.name,
        "item": band.item,
        "condition": band.condition,
        **text,
        **typed_columns(**text),
        "source_file": source["file"],
        "source_sha256": source["sha256"],
        "source_page": page,
        **read_columns(method, (c.confidence for c in cells)),
        "source_bbox": box_text(union_box(cell.bbox for cell in cells)),
        "source_cell": ref,
    }
