"""Clean one extract artifact: hand it to the cleaner of the document kind extract identified."""

from __future__ import annotations

from typing import Any, Protocol

from pipeline.core.errors import PipelineError
from pipeline.core.reading import fill_read_columns
from pipeline.kinds import CLEAN_PART, kind

ARTIFACT_VERSION = 1


class CleanModule(Protocol):
    """What a kind's clean package defines (the contract of CLEAN_PART)."""

    def clean(self, artifact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """The records of each dataset (by name) an extract artifact of this kind holds."""
        ...


def clean_artifact(extracted: dict[str, Any]) -> dict[str, Any]:
    """The clean artifact: document kind, source, and records per dataset."""
    file = extracted["source"]["file"]
    try:
        cleaner = kind(extracted["kind"]).part(CLEAN_PART)
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
