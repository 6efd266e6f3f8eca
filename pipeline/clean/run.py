"""Clean one extract artifact: hand it to the cleaner of the document kind extract identified."""

from __future__ import annotations

from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.reading import fill_read_columns
from pipeline.kinds import kind

ARTIFACT_VERSION = 1


def clean_artifact(extracted: dict[str, Any]) -> dict[str, Any]:
    """The clean artifact: document kind, source, and records per dataset."""
    file = extracted["source"]["file"]
    try:
        cleaner = kind(extracted["kind"]).part("clean")
    except KeyError:
        cleaner = None
    if cleaner is None:
        raise PipelineError(f"no cleaner for document kind {extracted.get('kind')}", file=file)
    datasets = cleaner.clean(extracted)
    fill_read_columns(extracted, datasets)
    return {
        "artifact": "clean",
        "version": ARTIFACT_VERSION,
        "kind": extracted["kind"],
        "source": extracted["source"],
        "datasets": datasets,
    }
