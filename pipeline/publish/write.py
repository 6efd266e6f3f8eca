"""Write datasets deterministically and atomically: all files land together or none do."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core.errors import PipelineError
from pipeline.publish.datapackage import FALSE, TRUE, datapackage, field_descriptors
from pipeline.publish.formulas import escape_frame
from pipeline.validate.datasets import DATASETS

STAMP = "datapackage.json"

log = logging.getLogger(__name__)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, \\n line ends; booleans as true/false so common readers type them; text a
    spreadsheet would run as a formula escaped (publish/formulas.py)."""
    text = escape_frame(frame)
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.BooleanDtype) or frame[column].dtype == bool:
            text[column] = frame[column].map({True: TRUE, False: FALSE}).astype(object)
    # %.15g prints numbers as they were printed in the PDF (21057, 2.875), not 21057.0.
    return text.to_csv(index=False, lineterminator="\n", float_format="%.15g").encode("utf-8")


_ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
                "boolean": pa.bool_(), "date": pa.date32()}


def arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    """The frame as an Arrow table typed by the dataset's schema (dates as date32, nullable
    integers and booleans as such), each column's description and unit as its field metadata
    and all descriptions as the file's key-value metadata (`column_descriptions`, JSON), which
    readers without Arrow's schema (DuckDB's parquet_kv_metadata) see too. pandas' own metadata
    is kept, so pandas reads the columns back as Int64, boolean and string."""
    fields = []
    typed = frame.copy()
    described: dict[str, str] = {}
    for field in field_descriptors(DATASETS[name].schema):
        if field["type"] == "date":
            typed[field["name"]] = pd.to_datetime(frame[field["name"]], format="%Y-%m-%d").dt.date
        metadata = {"description": field["description"]}
        if field.get("unit"):
            metadata["unit"] = field["unit"]
        described[field["name"]] = field["description"]
        fields.append(pa.field(field["name"], _ARROW_TYPES.get(field["type"], pa.string()),
                               nullable=not field["constraints"]["required"], metadata=metadata))
    schema = pa.schema(fields, metadata={
        "title": DATASETS[name].title,
        "primary_key": json.dumps(list(DATASETS[name].key)),
        "column_descriptions": json.dumps(described, ensure_ascii=False),
    })
    return pa.Table.from_pandas(typed, schema=schema, preserve_index=False)


def _write_parquet(name: str, frame: pd.DataFrame, path: Path) -> None:
    pq.write_table(arrow_table(name, frame), path, compression="zstd")


def _stage(
    frames: dict[str, pd.DataFrame],
    sources: list[dict[str, Any]],
    extra: Mapping[str, Path],
    staging: Path,
) -> list[str]:
    """Write every file to `staging`; their names relative to it, the stamp last."""
    files: dict[str, tuple[str, int]] = {}
    for name, frame in frames.items():
        csv = _csv_bytes(frame)
        (staging / f"{name}.csv").write_bytes(csv)
        _write_parquet(name, frame, staging / f"{name}.parquet")
        for path in (f"{name}.csv", f"{name}.parquet"):
            data = (staging / path).read_bytes()
            files[path] = (hashlib.sha256(data).hexdigest(), len(data))
    package = datapackage(frames, files, sources)
    (staging / STAMP).write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    for relative, source in sorted(extra.items()):
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)  # its time kept: make compares it with its inputs'
    names = sorted(extra) + sorted(files)
    return [*names, STAMP]  # the stamp last: its presence means the build is complete


def _published_datasets(out: Path) -> list[str]:
    """The dataset files the datapackage.json in `out` lists (plain names inside `out`)."""
    try:
        package = json.loads((out / STAMP).read_text("utf-8"))
        paths = [resource["path"] for resource in package["resources"]]
    except (OSError, ValueError, TypeError, KeyError):
        return []
    return [path for path in paths if isinstance(path, str) and path == Path(path).name
            and not path.startswith(".") and path != STAMP and (out / path).is_file()]


def _move_in(names: list[str], staging: Path, out: Path, backup: Path,
             gone: Sequence[str] = ()) -> None:
    """Move staged files over `out`'s, and the files of `gone` out of it just before the
    stamp, undoing every move if one fails."""
    done: list[tuple[Path, Path | None]] = []
    made: list[Path] = []  # folders this publish created, removed again on failure
    try:
        for relative in names:
            if relative == STAMP:  # what is no longer published goes before the new stamp
                for old in gone:
                    log.info("%s: removed, no longer published", old)
                    saved = backup / old
                    saved.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(out / old, saved)
                    done.append((out / old, saved))
            target = out / relative
            for folder in reversed(target.relative_to(out).parents[:-1]):
                if not (out / folder).is_dir():
                    (out / folder).mkdir()
                    made.append(out / folder)
            saved = None
            if target.exists():
                saved = backup / relative
                saved.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, saved)
            done.append((target, saved))
            os.replace(staging / relative, target)
    except BaseException:
        for target, saved in reversed(done):
            if saved is not None:
                os.replace(saved, target)
            elif target.exists():
                target.unlink()
        for folder in reversed(made):
            folder.rmdir()
        raise


def publish(
    frames: dict[str, pd.DataFrame],
    sources: list[dict[str, Any]],
    out: Path,
    extra: Mapping[str, Path] | None = None,
    derive: Callable[[Path], list[str]] | None = None,
    drop: Iterable[str] | None = None,
) -> list[Path]:
    """Write every frame as CSV and Parquet plus datapackage.json into `out`, atomically: the
    whole set, so the files of a dataset the previous datapackage.json listed and this one
    does not (its PDF was removed) are removed in the same step, as are the files of `drop`
    (paths relative to `out`: interim artifacts of PDFs no longer read).

    `extra` maps further files to publish (paths relative to `out`, such as interim/…) to where
    they are now. `derive`, if given, is called with the folder the datasets were staged in and
    writes there what is made from them (the database, the report, the workbook), returning
    their paths relative to it; they are moved in last, after the stamp, and a failure in
    `derive` publishes nothing. Everything is first written to a temporary folder inside `out`
    (same file system), then moved into place; if a move fails the earlier ones are undone, so
    a failure leaves `out` as it was (an `out` that did not exist is removed again).
    """
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".publish-", dir=out))
    (staging / "new").mkdir()
    try:
        names = _stage(frames, sources, extra or {}, staging / "new")
        if derive is not None:
            names += derive(staging / "new")
        gone = sorted({*_published_datasets(out),
                       *(path for path in drop or () if (out / path).is_file())} - set(names))
        _move_in(names, staging / "new", out, staging / "old", gone)
        return [out / name for name in names]
    except OSError as exc:
        raise PipelineError(f"cannot publish into {out}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(out.iterdir()):
            out.rmdir()
