"""Clean artifacts → one sorted, schema-ordered DataFrame per dataset."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.validate.datasets import DATASETS


def build_frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The dataset's frame: schema column order, sorted by primary key, fresh index."""
    dataset = DATASETS[name]
    frame = pd.DataFrame.from_records(rows, columns=dataset.columns)
    return frame.sort_values(list(dataset.key), kind="stable").reset_index(drop=True)
