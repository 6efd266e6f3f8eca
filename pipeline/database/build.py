"""An embedded DuckDB database of the published datasets: one table per dataset, plus views.

Built only from what `publish` wrote (datapackage.json and the Parquet files it lists, hashes
checked), so the database always says what the CSV files say. Tables carry the datapackage's
types, primary key and descriptions (as column comments); the views (database/views.py and each
kind's database.py) answer the questions people ask first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from pipeline.core.errors import PipelineError
from pipeline.core.files import replacing
from pipeline.database.views import View, q, views_for
from pipeline.publish.read import published_tables

DATABASE = "rokin.duckdb"

_SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE",
              "boolean": "BOOLEAN", "date": "DATE", "year": "INTEGER"}


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create_table(con: Any, name: str, resource: dict, path: Path) -> None:
    schema = resource["schema"]
    columns = []
    for field in schema["fields"]:
        sql_type = _SQL_TYPES.get(field["type"], "VARCHAR")
        required = field.get("constraints", {}).get("required")
        columns.append(f"{q(field['name'])} {sql_type}{' NOT NULL' if required else ''}")
    key = schema.get("primaryKey") or []
    if key:
        columns.append(f"PRIMARY KEY ({', '.join(q(c) for c in key)})")
    con.execute(f"CREATE TABLE {q(name)} ({', '.join(columns)})")
    con.execute(f"COMMENT ON TABLE {q(name)} IS {_sql_text(resource.get('title', name))}")
    for field in schema["fields"]:
        unit = f" [{field['unit']}]" if field.get("unit") else ""
        comment = _sql_text(field.get("description", "") + unit)
        con.execute(f"COMMENT ON COLUMN {q(name)}.{q(field['name'])} IS {comment}")
    source = pq.read_table(path)
    con.register("_source", source)
    names = ", ".join(q(f["name"]) for f in schema["fields"])
    order = ", ".join(q(c) for c in key) or names
    con.execute(f"INSERT INTO {q(name)} ({names}) SELECT {names} FROM _source ORDER BY {order}")
    con.unregister("_source")


def _create_meta(con: Any, package: dict, tables: dict[str, tuple[dict, Path]],
                 views: list[View]) -> None:
    con.execute("CREATE TABLE meta_sources (file VARCHAR PRIMARY KEY, sha256 VARCHAR, "
                "kind VARCHAR)")
    for source in sorted(package.get("sources", []), key=lambda s: s["path"]):
        con.execute("INSERT INTO meta_sources VALUES (?, ?, ?)",
                    [source["path"], source["hash"].removeprefix("sha256:"), source.get("x_kind")])
    con.execute("CREATE TABLE meta_fields (dataset VARCHAR, position INTEGER, field VARCHAR, "
                "type VARCHAR, unit VARCHAR, required BOOLEAN, in_key BOOLEAN, "
                "description VARCHAR, PRIMARY KEY (dataset, field))")
    for name, (resource, _) in tables.items():
        key = resource["schema"].get("primaryKey") or []
        for position, field in enumerate(resource["schema"]["fields"], 1):
            con.execute("INSERT INTO meta_fields VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
                name, position, field["name"], field["type"], field.get("unit"),
                bool(field.get("constraints", {}).get("required")), field["name"] in key,
                field.get("description", ""),
            ])
    con.execute("CREATE TABLE meta_views (name VARCHAR PRIMARY KEY, description VARCHAR)")
    for view in views:
        con.execute("INSERT INTO meta_views VALUES (?, ?)", [view.name, view.description])


def _create_view(con: Any, view: View, tables: dict[str, tuple[dict, Path]]) -> None:
    """The view as SQL, or its Python-computed rows stored as a table of its name."""
    if view.rows is None:
        con.execute(f"CREATE VIEW {q(view.name)} AS {view.sql}")
        con.execute(f"COMMENT ON VIEW {q(view.name)} IS {_sql_text(view.description)}")
        return
    frames = {name: pd.read_parquet(tables[name][1]) for name in view.needs}
    con.register("_rows", view.rows(frames))
    con.execute(f"CREATE TABLE {q(view.name)} AS SELECT * FROM _rows")
    con.unregister("_rows")
    con.execute(f"COMMENT ON TABLE {q(view.name)} IS {_sql_text(view.description)}")



def build_database(out: Path) -> Path:
    """Write OUT/rokin.duckdb from the published files, replacing any old one atomically."""
    import duckdb

    package, tables = published_tables(out)
    views = views_for(list(tables))
    target = out / DATABASE
    with replacing(target) as temp:
        con = duckdb.connect(str(temp))
        try:
            for name, (resource, path) in tables.items():
                _create_table(con, name, resource, path)
            for view in views:
                _create_view(con, view, tables)
            _create_meta(con, package, tables, views)
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise PipelineError(f"{target}: {' '.join(str(exc).split())[:300]}") from None
        finally:
            con.close()
    return target
