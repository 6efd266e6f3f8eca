"""Read back what `publish` wrote: the package descriptor and its files, hashes checked.

Everything made after publishing (the database, the report) reads through here, so it says
what the published files say and notices a file changed since.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from pathlib import Path
from typing import Any

from pipeline.core.errors import PipelineError

PACKAGE = "datapackage.json"


def published_tables(out: Path) -> tuple[dict[str, Any], dict[str, tuple[dict, Path]]]:
    """The package descriptor and, per dataset, its Parquet resource (with the schema of its CSV
    twin) and path (hash checked)."""
    package_path = out / PACKAGE
    if not package_path.is_file():
        raise PipelineError(f"not found in {shlex.quote(str(out))}; run publish first",
                            file=PACKAGE)
    package = json.loads(package_path.read_text("utf-8"))
    tables = {}
    described = {r["name"]: r for r in package["resources"] if r.get("schema")}
    for resource in package["resources"]:
        if resource["format"] != "parquet":
            continue
        if "schema" not in resource and resource.get("x_table_of") in described:
            twin = described[resource["x_table_of"]]
            resource = {**resource, "schema": twin["schema"], "title": twin["title"]}
        path = out / resource["path"]
        if not path.is_file():
            raise PipelineError(f"listed in {PACKAGE} but missing", file=resource["path"])
        digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != resource["hash"]:
            raise PipelineError(f"changed since {PACKAGE} was written; publish again",
                                file=resource["path"])
        tables[resource["path"].rsplit(".", 1)[0]] = (resource, path)
    return package, dict(sorted(tables.items()))
