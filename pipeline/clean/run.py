"""Clean one extract artifact: detect its document kind and hand it to that kind's cleaner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.clean import business_plan, npo_loan
from pipeline.clean.detect import detect_kind
from pipeline.errors import PipelineError

ARTIFACT_VERSION = 1
Cleaner = Callable[[dict[str, Any]], dict[str, list[dict[str, Any]]]]
CLEANERS: dict[str, Cleaner] = {"npo_loan": npo_loan.clean, "business_plan": business_plan.clean}


def clean_artifact(extracted: dict[str, Any]) -> dict[str, Any]:
    """The clean artifact: document kind, source, and records per dataset."""
    kind = detect_kind(extracted)
    if kind not in CLEANERS:
        file = extracted["source"]["file"]
        raise PipelineError(f"no cleaner for document kind {kind}", file=file)
    return {
        "artifact": "clean",
        "version": ARTIFACT_VERSION,
        "kind": kind,
        "source": extracted["source"],
        "datasets": CLEANERS[kind](extracted),
    }
