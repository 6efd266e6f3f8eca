"""Where a published value came from, in words (file, page and grid cell), and whether a
reviewer corrected it."""

from __future__ import annotations

import pandas as pd

from pipeline.core.grid import cell_position
from pipeline.core.html import MARK
from pipeline.core.html import corrected_mark as mark_of
from pipeline.core.lang import Words
from pipeline.corrections.reasons import CORRECTED


def provenance(row: pd.Series) -> str:
    """'file p.N cell' from whichever source_* columns the row has."""
    parts = []
    if "source_file" in row:
        parts.append(str(row["source_file"]))
    if "source_page" in row and pd.notna(row["source_page"]):
        parts.append(f"p.{row['source_page']}")
    if "source_cell" in row and str(row["source_cell"]):
        parts.append(str(row["source_cell"]))
    return " ".join(parts)


def correction(row: pd.Series) -> str:
    """Why a reviewer corrected the row ('field: reason; …'), '' for a row as printed."""
    value = row.get(CORRECTED, "") if hasattr(row, "get") else ""
    return value.strip() if isinstance(value, str) else ""


def corrected_mark(row: pd.Series, say: Words) -> str:
    """A ✎ whose tooltip says why the row was corrected; '' for a row as printed."""
    reason = correction(row)
    return mark_of(say("corrected", reason=reason)) if reason else ""


def with_correction(tip: str, row: pd.Series, say: Words) -> str:
    """A tooltip with the row's correction, if any, on a line of its own."""
    reason = correction(row)
    return f"{tip}\n{MARK} {say('corrected', reason=reason)}" if reason else tip


def is_false(value: object) -> bool:
    """True only for a real False (not for a missing value)."""
    return value is not None and not pd.isna(value) and not bool(value)


def printed_order(frame: pd.DataFrame, column: str, axis: int) -> list:
    """Distinct values of `column` in printed order: by page, then grid row (axis 0) or column
    (axis 1) of their first cell; frame order where the rows carry no cell."""
    pages = frame["source_page"] if "source_page" in frame else pd.Series(0, index=frame.index)
    cells = frame["source_cell"] if "source_cell" in frame else pd.Series("", index=frame.index)
    first: dict = {}
    for i, (value, page, cell) in enumerate(zip(frame[column], pages, cells, strict=True)):
        pos = (int(page), cell_position(cell)[axis], i)
        if value not in first or pos < first[value]:
            first[value] = pos
    return sorted(first, key=first.__getitem__)
