"""Small published-looking frames (every value as CSV text) for the diff tests."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline.validate.datasets import DATASETS, Dataset

NPO = DATASETS["npo_loan_terms"]


def npo_row(as_of: str, bank: str, item: str, condition: str = "", **values: str) -> dict:
    """One npo_loan_terms row as published text; unspecified columns empty."""
    row = dict.fromkeys(NPO.columns, "")
    row.update(as_of=as_of, bank=bank, item=item, condition=condition,
               source_file=f"npo_{as_of}.pdf", source_sha256="0" * 64, source_page="1",
               source_cell="R1C1")
    row.update(values)
    return row


def frame(rows: list[dict], columns: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns or NPO.columns, dtype=object)


class Measures(pa.DataFrameModel):
    """A plan's measures in reading order, as the outline datasets are published."""

    fiscal_year: Series[int]
    seq: Series[int]
    kind: Series[str]
    level: Series[int]
    number: Series[str]
    text: Series[str]
    path: Series[str]
    parent_path: Series[str]
    source_file: Series[str]
    source_page: Series[int]


MEASURES = Dataset(name="measures", title="Measures", schema=Measures,
                   key=("fiscal_year", "seq"), edition="fiscal_year", explain=lambda df: [])


def measure(year: int, seq: int, path: str, text: str, number: str = "", kind: str = "outline",
            level: int = 4, page: int = 1) -> dict:
    parent = " › ".join(path.split(" › ")[:-1])
    return {"fiscal_year": str(year), "seq": str(seq), "kind": kind, "level": str(level),
            "number": number, "text": text, "path": path, "parent_path": parent,
            "source_file": f"plan_{year}.pdf", "source_page": str(page)}


def measures(rows: list[dict]) -> pd.DataFrame:
    return frame(rows, MEASURES.columns)


def compare_en(*args, **kwargs):
    """compare_editions with English descriptions and pages (the default is Japanese): the
    tests of the English wording."""
    from pipeline.diff.compare import compare_editions

    return compare_editions(*args, lang="en", **kwargs)
