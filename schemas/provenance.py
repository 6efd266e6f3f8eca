"""The provenance columns every dataset ends with: where in which PDF a row was read.

A dataset schema lists its own columns in a class of their own and is declared as
`class Dataset(SourceCell, DatasetColumns)`: pandera takes the fields of the classes furthest
from the model first, so the provenance columns come last.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import field


class SourcePage(pa.DataFrameModel):
    """File, its hash, page, and how the row was read (text layer or OCR, how surely)."""

    source_file: Series[str] = field("File name of the source PDF.")
    source_sha256: Series[str] = field(
        "sha256 of the source PDF's bytes.", str_matches=r"^[0-9a-f]{64}$"
    )
    source_page: Series[int] = field("1-based page of the source PDF the row was read from.", ge=1)
    source_method: Series[str] = field(
        "How the row was read: text (the PDF's text layer) or ocr (a scanned page, by OCR).",
        isin=["text", "ocr"],
    )
    source_confidence: Series[float] = field(
        "OCR's lowest confidence (0–1) among the cells or lines the row was read from; empty "
        "for text.", nullable=True, ge=0, le=1,
    )


class SourceCell(SourcePage):
    """File, hash, page and the grid cell of the page's table."""

    source_cell: Series[str] = field(
        "Grid cell the row's value was read from (R10C4), 1-based within the page's table.",
        str_matches=r"^(R\d+C\d+)?$",
    )
