"""Frictionless datapackage.json describing every published file, its fields, units and key."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from pipeline.validate.datasets import DATASETS

PACKAGE_NAME = "rokin-tables"

_TYPES = {"str": "string", "bool": "boolean", "boolean": "boolean", "int64": "integer",
          "Int64": "integer", "float64": "number"}


def field_descriptors(schema: type[pa.DataFrameModel]) -> list[dict[str, Any]]:
    """Frictionless field descriptors from a pandera model's columns."""
    fields = []
    for name, column in schema.to_schema().columns.items():
        field: dict[str, Any] = {
            "name": name,
            "type": (column.metadata or {}).get("type") or _TYPES.get(str(column.dtype), "string"),
            "description": column.description or "",
        }
        unit = (column.metadata or {}).get("unit")
        if unit:
            field["unit"] = unit
        constraints: dict[str, Any] = {"required": not column.nullable}
        for check in column.checks:
            stats = check.statistics or {}
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "str_matches":
                constraints["pattern"] = str(stats["pattern"])
            elif check.name in ("greater_than_or_equal_to", "in_range") and "min_value" in stats:
                constraints["minimum"] = stats["min_value"]
            elif check.name == "less_than_or_equal_to":
                constraints["maximum"] = stats["max_value"]
        field["constraints"] = constraints
        fields.append(field)
    return fields


def datapackage(
    frames: dict[str, pd.DataFrame], file_hashes: dict[str, str], sources: list[dict[str, Any]]
) -> dict[str, Any]:
    """The package descriptor; no timestamps, so equal inputs give an equal file."""
    resources = []
    for name in sorted(frames):
        dataset = DATASETS[name]
        schema = {"fields": field_descriptors(dataset.schema), "primaryKey": list(dataset.key)}
        for fmt in ("csv", "parquet"):
            path = f"{name}.{fmt}"
            resource: dict[str, Any] = {
                "name": name if fmt == "csv" else f"{name}_parquet",
                "title": dataset.title,
                "path": path,
                "format": fmt,
                "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
                "hash": f"sha256:{file_hashes[path]}",
                "schema": schema,
                "x_rows": len(frames[name]),
            }
            if fmt == "csv":
                resource["encoding"] = "utf-8"
                resource["dialect"] = {"delimiter": ",", "lineTerminator": "\n", "header": True}
            resources.append(resource)
    return {
        "name": PACKAGE_NAME,
        "title": "Labour banks' NPO loan terms and guarantee association business plans",
        "profile": "tabular-data-package",
        "licenses": [{"name": "other-pd", "title": "Source documents are public disclosures"}],
        "sources": sources,
        "resources": resources,
    }
