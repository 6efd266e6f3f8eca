"""The stages as functions over files, shared by the CLI commands and `all`."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.errors import PipelineError

INTERIM = "interim"


def extract_file(pdf: Path, artifact: Path) -> dict[str, Any]:
    """Extract stage for one PDF: write and return its extract artifact."""
    from pipeline.extract.document import extract_pdf, write_artifact

    data = extract_pdf(pdf)
    write_artifact(data, artifact)
    return data


def clean_file(extracted: Path | dict[str, Any], artifact: Path) -> dict[str, Any]:
    """Clean stage for one extract artifact (a path or the dict itself)."""
    from pipeline.clean.run import clean_artifact
    from pipeline.extract.document import read_artifact, write_artifact

    data = extracted if isinstance(extracted, dict) else read_artifact(extracted, "extract")
    try:
        cleaned = clean_artifact(data)
    except PipelineError as exc:
        raise exc.located(file=data["source"]["file"]) from None
    write_artifact(cleaned, artifact)
    return cleaned


def validated_frames(clean_paths: list[Path]) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Validate stage: every dataset's checked frame, and the sources they came from."""
    from pipeline.extract.document import read_artifact
    from pipeline.validate.check import validate
    from pipeline.validate.frames import build_frame

    if not clean_paths:
        raise PipelineError("no input PDFs: nothing to publish")
    records: dict[str, list[dict]] = {}
    sources = []
    for path in sorted(clean_paths, key=lambda p: p.name):
        artifact = read_artifact(path, "clean")
        source = artifact["source"]
        sources.append({"title": source["file"], "path": source["file"],
                        "hash": f"sha256:{source['sha256']}", "x_kind": artifact["kind"]})
        for name, rows in artifact["datasets"].items():
            records.setdefault(name, []).extend(rows)
    frames = {name: validate(name, build_frame(name, rows)) for name, rows in records.items()}
    return frames, sources


def publish_files(clean_paths: list[Path], out: Path) -> dict[str, pd.DataFrame]:
    """Validate, then publish stage: write every dataset into `out` atomically."""
    from pipeline.publish.write import publish

    frames, sources = validated_frames(clean_paths)
    publish(frames, sources, out)
    return frames


def interim_paths(pdf: Path, out: Path) -> tuple[Path, Path]:
    """Where a PDF's extract and clean artifacts live under `out`."""
    folder = out / INTERIM
    return folder / f"{pdf.stem}.extract.json", folder / f"{pdf.stem}.clean.json"


def _extract_and_clean(pdf: Path, out: Path) -> Path:
    extracted, cleaned = interim_paths(pdf, out)
    clean_file(extract_file(pdf, extracted), cleaned)
    return cleaned


def run_all(raw: Path, out: Path, jobs: int = 1) -> dict[str, pd.DataFrame]:
    """Every stage for every PDF in `raw`; publishes only if all of them succeed."""
    pdfs = sorted(raw.glob("*.pdf")) + sorted(raw.glob("*.PDF"))
    if not pdfs:
        raise PipelineError(f"no PDF files in {raw}")
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(pdfs)))
    if jobs == 1:
        cleaned = [_extract_and_clean(pdf, out) for pdf in pdfs]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            cleaned = list(pool.map(_extract_and_clean, pdfs, [out] * len(pdfs)))
    return publish_files(cleaned, out)
