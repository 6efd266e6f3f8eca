"""Parquet files carry the schema's types and descriptions; CSV booleans read as booleans."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.publish.datapackage import field_descriptors
from pipeline.validate.datasets import DATASETS

ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
         "boolean": pa.bool_(), "date": pa.date32()}


@pytest.mark.parametrize("name", ["npo_loan_terms", "plan_key_figures", "plan_measures"])
def test_parquet_types_and_descriptions_are_the_schemas(published_once, name) -> None:
    schema = pq.read_schema(published_once / f"{name}.parquet")
    fields = field_descriptors(DATASETS[name].schema)
    assert schema.names == [f["name"] for f in fields]
    described = json.loads(schema.metadata[b"column_descriptions"])
    for field in fields:
        arrow = schema.field(field["name"])
        assert arrow.type == ARROW[field["type"]], field["name"]
        assert arrow.nullable == (not field["constraints"]["required"]), field["name"]
        assert arrow.metadata[b"description"].decode() == field["description"]
        assert described[field["name"]] == field["description"]
        if field.get("unit"):
            assert arrow.metadata[b"unit"].decode() == field["unit"]
    assert json.loads(schema.metadata[b"primary_key"]) == list(DATASETS[name].key)


def test_parquet_values_are_typed(published_once) -> None:
    table = pq.read_table(published_once / "npo_loan_terms.parquet")
    as_of = table.column("as_of").to_pylist()
    assert {d.isoformat() for d in as_of} == {"2025-04-01"}
    limits = table.column("limit_yen").to_pylist()
    assert 10_000_000 in limits and None in limits  # nullable integer, not float
    assert set(table.column("is_required").to_pylist()) == {True, False, None}
    frame = pd.read_parquet(published_once / "npo_loan_terms.parquet")
    assert str(frame["limit_yen"].dtype) == "Int64" and str(frame["is_offered"].dtype) == "boolean"


def test_csv_booleans_are_true_false_and_pandas_types_them(published_once) -> None:
    text = (published_once / "npo_loan_terms.csv").read_text("utf-8")
    assert ",true," in text and ",false," in text
    assert ",True," not in text and ",False," not in text
    frame = pd.read_csv(published_once / "npo_loan_terms.csv", dtype={"is_offered": "boolean"})
    assert frame["is_offered"].isna().any() and frame["is_offered"].any()


def _shown(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)


def test_documented_typed_pandas_read_gives_the_parquet_values(published_once, monkeypatch) -> None:
    """The documented typed read of the CSV (docs/USING.md) gives typed columns holding what
    the Parquet holds."""
    from tests.conftest import ROOT

    readme = (ROOT / "docs" / "USING.md").read_text("utf-8")
    start = readme.index("<!-- typed-pandas-read -->")
    block = readme[readme.index("```python\n", start) + len("```python\n"):]
    monkeypatch.chdir(published_once)
    namespace: dict = {}
    exec(block[:block.index("```")].replace('"out/', '"'), namespace)
    csv, parquet = namespace["terms"], namespace["typed"]
    assert list(csv.columns) == list(parquet.columns) == DATASETS["npo_loan_terms"].columns
    kinds = {"boolean": "boolean", "Int64": "integer", "float64": "number"}
    for field in field_descriptors(DATASETS["npo_loan_terms"].schema):
        column = field["name"]
        if field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(csv[column])
        elif field["type"] != "string":
            assert kinds.get(str(csv[column].dtype).replace("int64", "Int64")) == field["type"]
        assert [_shown(v) for v in csv[column]] == [_shown(v) for v in parquet[column]], column


def test_as_of_is_a_date_for_pandas_and_duckdb(published_once) -> None:
    """The Parquet keeps as_of a date (date32): DuckDB reads DATE, pandas dates, and the read
    the docs show (pd.to_datetime, or dtype_backend="pyarrow") gives `.dt`. A timestamp[ms]
    column would give pandas datetime64 directly but DuckDB a TIMESTAMP (2025-04-01 00:00:00),
    so the file stays a date."""
    import duckdb

    path = published_once / "npo_loan_terms.parquet"
    assert str(pq.read_schema(path).field("as_of").type) == "date32[day]"
    found = duckdb.sql(f"DESCRIBE SELECT as_of FROM '{path}'").fetchall()
    assert found[0][1] == "DATE"
    assert duckdb.sql(f"SELECT count(*) FROM '{path}' WHERE as_of = DATE '2025-04-01'"
                      ).fetchall()[0][0] > 0
    terms = pd.read_parquet(path)
    terms["as_of"] = pd.to_datetime(terms["as_of"])  # as documented
    assert terms["as_of"].dt.year.eq(2025).all()
    arrow = pd.read_parquet(path, dtype_backend="pyarrow")
    assert arrow["as_of"].dt.year.eq(2025).all()
