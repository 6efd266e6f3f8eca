"""Read published datasets back from OUT, every value as the text the CSV holds."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from pipeline.core.errors import PipelineError
from pipeline.validate.datasets import Dataset


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the published CSV spells it, so CSV and Parquet compare alike."""
    text = frame.to_csv(index=False, lineterminator="\n")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def read_published(out: Path, dataset: Dataset) -> pd.DataFrame | None:
    """The dataset published in `out` (CSV, else Parquet) as text, or None if not published."""
    csv, parquet = out / f"{dataset.name}.csv", out / f"{dataset.name}.parquet"
    try:
        if csv.is_file():
            source = csv
            frame = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8")
        elif parquet.is_file():
            source = parquet
            frame = _as_text(pd.read_parquet(parquet))
        else:
            return None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise PipelineError(f"cannot read: {' '.join(str(exc).split())[:120]}",
                            file=str(source)) from None
    missing = [c for c in dataset.columns if c not in frame.columns]
    if missing:
        raise PipelineError(f"not a published {dataset.name}: no column {', '.join(missing)}",
                            file=str(source))
    return frame


def edition_order(value: str) -> tuple:
    """Sort editions by their numbers (2025-04-01, 2025), not as plain strings."""
    return tuple(int(n) for n in re.findall(r"\d+", value)), value


def editions(frame: pd.DataFrame, column: str) -> list[str]:
    """The editions a published dataset holds, oldest first."""
    return sorted({v for v in frame[column] if v.strip()}, key=edition_order)
