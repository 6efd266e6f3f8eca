"""Run a dataset's pandera schema lazily and turn every failure into one readable line."""

from __future__ import annotations

import pandas as pd
import pandera.errors as pa_errors

from pipeline.datasets import DATASETS
from pipeline.errors import PipelineError

MAX_LINES = 20


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The coerced, checked frame; PipelineError listing every problem if any check fails."""
    dataset = DATASETS[name]
    try:
        return dataset.schema.validate(frame, lazy=True)
    except pa_errors.SchemaErrors as exc:
        lines = failure_lines(name, frame, exc.failure_cases)
        raise PipelineError(
            f"{name}: {len(lines)} validation problem(s): " + "; ".join(lines[:MAX_LINES])
            + (f"; … and {len(lines) - MAX_LINES} more" if len(lines) > MAX_LINES else "")
        ) from None


def failure_lines(name: str, frame: pd.DataFrame, cases: pd.DataFrame) -> list[str]:
    """One line per failure: where (key or column), which check, and the offending value."""
    dataset = DATASETS[name]
    key = list(dataset.key)
    lines: list[str] = []
    explained = False
    for case in cases.itertuples(index=False):
        check = str(case.check)
        index = case.index
        if case.schema_context == "DataFrameSchema" and not pd.notna(index):
            if not explained:
                lines.extend(dataset.explain(frame) or [f"check {check} failed"])
                explained = True
            continue
        where = case.column if isinstance(case.column, str) else "row"
        if pd.notna(index) and isinstance(index, int) and index in frame.index:
            row = frame.loc[index, key]
            where = f"{'/'.join(str(v) for v in row if str(v))} {where}".strip()
        lines.append(f"{where}: {check} (got {case.failure_case!r})")
    return list(dict.fromkeys(lines))
