"""The JSON artifacts the stages hand each other (extract → clean → validate/publish)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError, describe
from pipeline.core.files import write_atomic


def write_artifact(data: dict[str, Any], path: Path) -> None:
    """Write an artifact as UTF-8 JSON, atomically."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read_artifact(path: Path, kind: str) -> dict[str, Any]:
    """Read an artifact written by `write_artifact`, checking it is of the expected kind."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        message = f"cannot read {kind} artifact: {describe(exc)}"
        raise PipelineError(message, file=str(path)) from exc
    if not isinstance(data, dict) or data.get("artifact") != kind:
        raise PipelineError(f"not a {kind} artifact", file=str(path))
    return data
