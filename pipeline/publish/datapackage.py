"""Frictionless datapackage.json describing every published file, its fields, units and key.

The descriptor is a Frictionless tabular data package that `frictionless validate` accepts
with no error and no warning (tests/publish/test_frictionless.py runs it):

- every CSV is a `tabular-data-resource` with the dataset's schema; the Parquet copy of each is
  a plain data resource (the spec's tabular resources are CSV or JSON) whose hash and size are
  checked, so the package is a `data-package`;
- an empty cell means two different things, so each field says which: in a text column it is
  a real value, "nothing printed there" (`missingValues: []`, so `condition` is "" in a row
  without sub-labels and the key stays complete); in a typed column (date, integer, number,
  boolean) it is a missing value (`missingValues: [""]`);
- booleans are written `true`/`false`, dates ISO 8601 (the default format, so no pattern).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from pipeline.kinds import kinds
from pipeline.validate.datasets import DATASETS

PACKAGE_NAME = "rokin-tables"
TRUE, FALSE = "true", "false"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"

_TYPES = {"str": "string", "bool": "boolean", "boolean": "boolean", "int64": "integer",
          "Int64": "integer", "float64": "number"}

DESCRIPTION = (
    "Tables re-typeset from documents published by 日本労働者信用基金協会 (日本労信協, the "
    "labour banks' credit guarantee association) and the 労働金庫 (Japan's labour banks): the "
    "banks' NPO loan programmes compared (制度概要) and the association's business plan "
    "(事業計画), its key figures and its outline. Every value is as the document prints it "
    "(with typed readings beside it) and every row names the file, page and cell it was read "
    "from. This is not an official publication of either publisher; the documents and the "
    "facts in them are theirs, and their terms of use apply. The rokin-tables code that made "
    "these files is MIT-licensed; that license does not extend to the data."
)
LICENSES = [{
    "name": "notspecified",
    "title": "No license is granted by this package: the terms of the publishers "
             "(日本労働者信用基金協会 and the 労働金庫) of the source documents apply.",
}]


def field_type(column: Any) -> str:
    """The Frictionless type of a pandera column (its `kind` metadata, else from its dtype)."""
    return (column.metadata or {}).get("type") or _TYPES.get(str(column.dtype), "string")


def field_descriptors(schema: type[pa.DataFrameModel]) -> list[dict[str, Any]]:
    """Frictionless field descriptors from a pandera model's columns."""
    fields = []
    for name, column in schema.to_schema().columns.items():
        kind = field_type(column)
        field: dict[str, Any] = {
            "name": name,
            "type": kind,
            "description": column.description or "",
        }
        unit = (column.metadata or {}).get("unit")
        if unit:
            field["unit"] = unit
        if kind == "boolean":
            field["trueValues"], field["falseValues"] = [TRUE], [FALSE]
        # Text: an empty cell is the value "nothing printed". Typed: it is a missing value.
        field["missingValues"] = [] if kind == "string" else [""]
        constraints: dict[str, Any] = {"required": not column.nullable}
        for check in column.checks:
            stats = check.statistics or {}
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "str_matches" and kind == "string":
                constraints["pattern"] = str(stats["pattern"])
            elif check.name == "str_length" and stats.get("min_value"):
                constraints["minLength"] = stats["min_value"]
            elif check.name in ("greater_than_or_equal_to", "in_range") and "min_value" in stats:
                constraints["minimum"] = stats["min_value"]
            elif check.name == "less_than_or_equal_to":
                constraints["maximum"] = stats["max_value"]
        field["constraints"] = constraints
        fields.append(field)
    return fields


def _code(text: str) -> str:
    return f"`{text}`" if text else '`""` (empty)'


def allowed(field: dict[str, Any]) -> str:
    """The field's allowed values in words: enum, pattern, length, numeric bounds, date form."""
    constraints = field.get("constraints", {})
    parts = []
    if "enum" in constraints:
        parts.append(", ".join(_code(str(v)) for v in constraints["enum"]))
    if "pattern" in constraints:
        parts.append(f"matches `{constraints['pattern']}`")
    if constraints.get("minLength") == 1:
        parts.append("not empty")
    elif "minLength" in constraints:
        parts.append(f"at least {constraints['minLength']} characters")
    if field.get("type") == "date":
        parts.append("ISO date YYYY-MM-DD")
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{low} to {high}")
    elif low is not None:
        parts.append(f"≥ {low}")
    elif high is not None:
        parts.append(f"≤ {high}")
    return "; ".join(parts)


def _publishers(sources: list[dict[str, Any]]) -> dict[str, str]:
    """Publisher of each kind of document among `sources`, in registry order."""
    present = {source.get("x_kind") for source in sources}
    return {k.name: k.publisher for k in kinds() if k.name in present and k.publisher}


def datapackage(
    frames: dict[str, pd.DataFrame], files: dict[str, tuple[str, int]],
    sources: list[dict[str, Any]],
) -> dict[str, Any]:
    """The package descriptor (`files`: each path's sha256 and size); no timestamps, so equal
    inputs give an equal file."""
    resources = []
    for name in sorted(frames):
        dataset = DATASETS[name]
        schema = {"fields": field_descriptors(dataset.schema), "missingValues": [""],
                  "primaryKey": list(dataset.key)}
        csv, parquet = f"{name}.csv", f"{name}.parquet"
        resources.append({
            "name": name,
            "title": dataset.title,
            "profile": "tabular-data-resource",
            "path": csv,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "hash": f"sha256:{files[csv][0]}",
            "bytes": files[csv][1],
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
            "schema": schema,
            "x_rows": len(frames[name]),
        })
        # The spec's tabular resources are CSV (or inline JSON): the Parquet copy is a plain
        # data resource (a file whose hash and size are checked) pointing at its CSV twin.
        resources.append({
            "name": f"{name}_parquet",
            "title": f"{dataset.title} (Parquet)",
            "description": f"The rows of resource {name} as Apache Parquet, typed by its "
                           "schema: dates as DATE, integers as INT64, booleans as BOOLEAN, "
                           "numbers as DOUBLE, nulls where the CSV cell is empty; column "
                           "descriptions in the Parquet schema's metadata.",
            "profile": "data-resource",
            "type": "file",
            "path": parquet,
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "hash": f"sha256:{files[parquet][0]}",
            "bytes": files[parquet][1],
            "x_table_of": name,
            "x_rows": len(frames[name]),
        })
    publishers = _publishers(sources)
    contributors = [{"title": publisher, "role": "publisher"}
                    for publisher in publishers.values()]
    contributors.append({"title": f"{PACKAGE_NAME} (re-typeset the documents as these tables)",
                         "role": "wrangler"})
    return {
        "name": PACKAGE_NAME,
        "title": "Labour banks' NPO loan terms and guarantee association business plans",
        "description": DESCRIPTION,
        "profile": "data-package",
        "licenses": LICENSES,
        "contributors": contributors,
        "sources": sources,
        "resources": resources,
    }
