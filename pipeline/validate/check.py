"""Run a dataset's pandera schema lazily and turn every failure into one readable line."""

from __future__ import annotations

import pandas as pd
import pandera.errors as pa_errors

from pipeline.core.errors import PipelineError
from pipeline.validate.datasets import DATASETS
from pipeline.validate.editions import check_one_source_per_edition

MAX_LINES = 20
EXAMPLES = 3

# Published files this process wrote from frames it had just validated, as (dataset, "sha256:…"
# of the Parquet file): checking such a file again (the report does) would check the same
# values again, so it is known to pass. Only `vouch` adds to it: a file read from anywhere
# else, or changed since, is checked in full.
_VOUCHED: set[tuple[str, str]] = set()


def vouch(name: str, digest: str) -> None:
    """Record that the Parquet file with `digest` was written from a validated frame of `name`."""
    _VOUCHED.add((name, digest))


def vouched(name: str, digest: str | None) -> bool:
    """Whether this process wrote that file from a frame it validated."""
    return digest is not None and (name, digest) in _VOUCHED


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The coerced, checked frame; PipelineError listing every problem if any check fails."""
    dataset = DATASETS[name]
    check_one_source_per_edition(name, frame)
    try:
        return dataset.schema.validate(frame, lazy=True)
    except pa_errors.SchemaErrors as exc:
        lines = failure_lines(name, frame, exc.failure_cases)
        raise PipelineError(
            f"{name}: {len(lines)} validation problem(s): " + "; ".join(lines[:MAX_LINES])
            + (f"; … and {len(lines) - MAX_LINES} more" if len(lines) > MAX_LINES else "")
        ) from None


def failure_lines(name: str, frame: pd.DataFrame, cases: pd.DataFrame) -> list[str]:
    """One line per failed check and column: how many rows, and the first few by key."""
    dataset = DATASETS[name]
    key = list(dataset.key)
    lines: list[str] = []
    for (column, check), group in cases.groupby(
        [cases["column"].astype(str), cases["check"].astype(str)], sort=False
    ):
        if group["index"].isna().all() and (group["schema_context"] == "DataFrameSchema").all():
            lines.extend(dataset.explain(frame) or [f"check {check} failed"])
            continue
        examples = []
        for case in group.head(EXAMPLES).itertuples(index=False):
            where = ""
            if pd.notna(case.index) and case.index in frame.index:
                where = "/".join(str(v) for v in frame.loc[case.index, key] if str(v)) + " "
            examples.append(f"{where}(got {case.failure_case!r})")
        more = f", … {len(group) - EXAMPLES} more" if len(group) > EXAMPLES else ""
        target = "rows" if column in (name, "None") else f"column {column}"
        lines.append(
            f"{target}: {check} failed in {len(group)} row(s): {', '.join(examples)}{more}"
        )
    return list(dict.fromkeys(lines))
