"""An embedded DuckDB database of the published datasets: one table per dataset, plus views.

Built only from what `publish` wrote (datapackage.json and the Parquet files it lists, hashes
checked), so the database always says what the CSV files say. Tables carry the datapackage's
types, primary key and descriptions (as column comments); the views (database/views.py and each
kind's database.py) answer the questions people ask first, and every column of every table and
view has a comment.

The file is written in DuckDB's storage format v1.0.0 (STORAGE_VERSION), which every DuckDB
from 1.0 on opens, the 1.x clients people still have included; DuckDB 2 would otherwise write its
own format, which no 1.x client reads ("version number 69").
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
# The oldest storage format DuckDB writes on request: readable by every DuckDB from 1.0 on.
STORAGE_VERSION = "v1.0.0"
CATALOG = "rokin"

_SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE",
              "boolean": "BOOLEAN", "date": "DATE", "year": "INTEGER"}


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def field_comment(field: dict) -> str:
    """A column comment: the field's description, its unit in brackets."""
    unit = f" [{field['unit']}]" if field.get("unit") else ""
    return field.get("description", "") + unit


def _comment_columns(con: Any, name: str, comments: dict[str, str]) -> None:
    """Comment every column of table or view `name`; each must have a description."""
    columns = [c for (c,) in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = ? ORDER BY column_index", [name]).fetchall()]
    for column in columns:
        if not comments.get(column):
            raise PipelineError(f"{name}.{column} has no description: add it to the view's "
                                "columns", file=DATABASE)
    if columns:  # one call for all of them: DuckDB runs the statements in turn
        con.execute("; ".join(f"COMMENT ON COLUMN {q(name)}.{q(column)} IS "
                              f"{_sql_text(comments[column])}" for column in columns))


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
    _comment_columns(con, name, {f["name"]: field_comment(f) for f in schema["fields"]})
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
    sources = sorted(package.get("sources", []), key=lambda s: s["path"])
    if sources:
        con.executemany("INSERT INTO meta_sources VALUES (?, ?, ?)", [
            [s["path"], s["hash"].removeprefix("sha256:"), s.get("x_kind")] for s in sources])
    con.execute("CREATE TABLE meta_fields (dataset VARCHAR, position INTEGER, field VARCHAR, "
                "type VARCHAR, unit VARCHAR, required BOOLEAN, in_key BOOLEAN, "
                "description VARCHAR, PRIMARY KEY (dataset, field))")
    fields = [
        [name, position, field["name"], field["type"], field.get("unit"),
         bool(field.get("constraints", {}).get("required")),
         field["name"] in (resource["schema"].get("primaryKey") or []),
         field.get("description", "")]
        for name, (resource, _) in tables.items()
        for position, field in enumerate(resource["schema"]["fields"], 1)]
    if fields:
        con.executemany("INSERT INTO meta_fields VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fields)
    con.execute("CREATE TABLE meta_views (name VARCHAR PRIMARY KEY, description VARCHAR)")
    if views:
        con.executemany("INSERT INTO meta_views VALUES (?, ?)",
                        [[view.name, view.description] for view in views])
    for table, (title, comments) in META.items():
        con.execute(f"COMMENT ON TABLE {table} IS {_sql_text(title)}")
        _comment_columns(con, table, comments)


META: dict[str, tuple[str, dict[str, str]]] = {
    "meta_sources": ("The source PDFs every dataset was read from.", {
        "file": "File name of the source PDF (source_file in the datasets).",
        "sha256": "sha256 of the PDF's bytes (source_sha256 in the datasets).",
        "kind": "Kind of document (npo_loan, business_plan).",
    }),
    "meta_fields": ("Every column of every dataset table: the data dictionary as rows.", {
        "dataset": "Dataset (table) the column belongs to.",
        "position": "1-based position of the column in its table.",
        "field": "Column name.",
        "type": "Frictionless type: string, integer, number, boolean, date.",
        "unit": "Unit of the values (JPY, percent, months); null when none.",
        "required": "True when the column is never null (text columns may still be empty).",
        "in_key": "True when the column is part of the table's primary key.",
        "description": "What the column means (also its column comment).",
    }),
    "meta_views": ("The ready-made views (and computed tables) with what each shows.", {
        "name": "View name.",
        "description": "What the view shows (also its comment).",
    }),
}


def _view_comments(view: View, tables: dict[str, tuple[dict, Path]]) -> dict[str, str]:
    """Column comments of a view: its own, else those of the columns of the tables it reads."""
    comments: dict[str, str] = {}
    for name in view.needs:
        for field in tables[name][0]["schema"]["fields"]:
            comments.setdefault(field["name"], field_comment(field))
    return {**comments, **view.columns}


def _create_view(con: Any, view: View, tables: dict[str, tuple[dict, Path]]) -> None:
    """The view as SQL, or its Python-computed rows stored as a table of its name."""
    if view.rows is None:
        con.execute(f"CREATE VIEW {q(view.name)} AS {view.sql}")
        con.execute(f"COMMENT ON VIEW {q(view.name)} IS {_sql_text(view.description)}")
    else:
        frames = {name: pd.read_parquet(tables[name][1]) for name in view.needs}
        con.register("_rows", view.rows(frames))
        con.execute(f"CREATE TABLE {q(view.name)} AS SELECT * FROM _rows")
        con.unregister("_rows")
        con.execute(f"COMMENT ON TABLE {q(view.name)} IS {_sql_text(view.description)}")
    _comment_columns(con, view.name, _view_comments(view, tables))


def _attach_options(duckdb: Any) -> str:
    """ATTACH options: the storage version, where this DuckDB knows the option (1.2 on; an older
    one writes a 1.x format of its own anyway)."""
    version = tuple(int(p) for p in duckdb.__version__.split(".")[:2] if p.isdigit())
    return f" (STORAGE_VERSION '{STORAGE_VERSION}')" if version >= (1, 2) else ""



def build_database(out: Path) -> Path:
    """Write OUT/rokin.duckdb from the published files, replacing any old one atomically."""
    import duckdb

    package, tables = published_tables(out)
    views = views_for(list(tables))
    target = out / DATABASE
    with replacing(target) as temp:
        con = duckdb.connect()
        try:
            con.execute(f"ATTACH {_sql_text(str(temp))} AS {CATALOG}{_attach_options(duckdb)}")
            con.execute(f"USE {CATALOG}")
            # One transaction: a commit per COMMENT and INSERT statement costs most of the time.
            con.execute("BEGIN TRANSACTION")
            for name, (resource, path) in tables.items():
                _create_table(con, name, resource, path)
            for view in views:
                _create_view(con, view, tables)
            _create_meta(con, package, tables, views)
            con.execute("COMMIT")
            con.execute("USE memory")
            con.execute(f"DETACH {CATALOG}")
        except duckdb.Error as exc:
            raise PipelineError(" ".join(str(exc).split())[:300], file=DATABASE) from None
        finally:
            con.close()
    return target
