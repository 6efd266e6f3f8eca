"""The columns every dataset ends with: whether a reviewer corrected the row, and where in which
PDF it was read.

A dataset schema lists its own columns in a class of their own and is declared as
`class Dataset(SourceCell, DatasetColumns)`: pandera takes the fields of the classes furthest
from the model first, so `corrected` and the provenance columns come last, in that order.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import CORRECTION, field

CORRECTED = "corrected"
SOURCE_BBOX = "source_bbox"
# Text columns a cleaner may leave out of its records: an empty text is their "none".
DEFAULT_EMPTY = (CORRECTED, SOURCE_BBOX)
# "x0,top,x1,bottom", each with 2 decimals; empty where the box is not known.
_NUMBER = r"-?\d+\.\d{2}"
BBOX_PATTERN = rf"^({_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER})?$"


class Corrected(pa.DataFrameModel):
    """Whether a reviewer's correction (corrections.csv) changed what the row says."""

    corrected: Series[str] = field(
        "Empty when the row is as the PDF prints it; else why a reviewer corrected it "
        "(corrections.csv): 'field: reason' for each corrected printed column, joined by '; ' "
        "(value: 誤植、正しくは 900 万円). The typed columns are read from the corrected text.",
        role=CORRECTION,
    )


class SourcePage(Corrected):
    """File, its hash, page, how the row was read (text layer or OCR, how surely) and the box on
    the page."""

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
    source_bbox: Series[str] = field(
        "Box on source_page around what the row was read from (its cells; a text block's lines "
        "on its first page): 'x0,top,x1,bottom' in PDF points (1/72 inch) from the page's "
        "top-left corner, as pdfplumber gives them, 2 decimals; crop the rendered page to it "
        "to see the print. Empty where not known.",
        str_matches=BBOX_PATTERN,
    )


class SourceCell(SourcePage):
    """File, hash, page, box and the grid cell of the page's table."""

    source_cell: Series[str] = field(
        "Grid cell the row's value was read from (R10C4), 1-based within the page's table.",
        str_matches=r"^(R\d+C\d+)?$",
    )
