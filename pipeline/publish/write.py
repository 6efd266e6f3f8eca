"""Write datasets deterministically and atomically: all files land together or none do."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.publish.datapackage import datapackage


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, compression="zstd")


def publish(frames: dict[str, pd.DataFrame], sources: list[dict[str, Any]], out: Path) -> list[Path]:
    """Write every frame as CSV and Parquet plus datapackage.json into `out`, atomically.

    Everything is first written to a temporary folder inside `out` (same file system), then
    each file is moved into place with os.replace, so a failure leaves `out` as it was.
    """
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".publish-", dir=out))
    try:
        hashes: dict[str, str] = {}
        for name, frame in frames.items():
            csv = _csv_bytes(frame)
            (staging / f"{name}.csv").write_bytes(csv)
            hashes[f"{name}.csv"] = hashlib.sha256(csv).hexdigest()
            _write_parquet(frame, staging / f"{name}.parquet")
            hashes[f"{name}.parquet"] = hashlib.sha256(
                (staging / f"{name}.parquet").read_bytes()
            ).hexdigest()
        package = datapackage(frames, hashes, sources)
        (staging / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        written = []
        # datapackage.json last: it is the build's completion stamp.
        for path in sorted(staging.iterdir(), key=lambda p: p.name == "datapackage.json"):
            os.replace(path, out / path.name)
            written.append(out / path.name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
