"""Schema of toy_fees: one row per fiscal year × item."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import field
from schemas.provenance import SourceCell

KEY = ["fiscal_year", "item"]


class ToyFeesColumns(pa.DataFrameModel):
    fiscal_year: Series[int] = field("Fiscal year of the schedule.", ge=1990, le=2100)
    item: Series[str] = field("Item as printed.", str_length={"min_value": 1})
    fee_yen: Series[int] = field("Fee in yen.", "JPY", ge=0)


class ToyFees(SourceCell, ToyFeesColumns):
    """Fees of a test-only fee schedule, one row per item."""

    class Config:
        strict = True
        ordered = True
        coerce = True
        unique = KEY
