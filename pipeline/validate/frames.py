"""Clean artifacts → one sorted, schema-ordered DataFrame per dataset."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.validate.datasets import DATASETS
from schemas.provenance import DEFAULT_EMPTY


def build_frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The dataset's frame: schema column order, sorted by primary key, fresh index. A record
    without `corrected` (not corrected) or `source_bbox` (not known) has them empty."""
    dataset = DATASETS[name]
    frame = pd.DataFrame.from_records(rows, columns=dataset.columns)
    for column in DEFAULT_EMPTY:
        if column in frame:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
    return frame.sort_values(list(dataset.key), kind="stable").reset_index(drop=True)
