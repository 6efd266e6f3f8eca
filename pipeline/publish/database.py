"""An embedded DuckDB database of the published datasets: one table per dataset, plus views.

Built only from what `publish` wrote (datapackage.json and the Parquet files it lists, hashes
checked), so the database always says what the CSV files say. Tables carry the datapackage's
types, primary key and descriptions (as column comments); the views answer the questions people
ask first: the latest edition of every row, rates as numeric ranges, key figures cross-footed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.datasets import DATASETS
from pipeline.errors import PipelineError

DATABASE = "rokin.duckdb"
PACKAGE = "datapackage.json"

_SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE",
              "boolean": "BOOLEAN", "date": "DATE", "year": "INTEGER"}


@dataclass(frozen=True)
class View:
    """A view over one or more dataset tables; created only when they are all published."""

    name: str
    description: str
    needs: tuple[str, ...]
    sql: str


def q(name: str) -> str:
    """A quoted SQL identifier (some column names, like `table`, are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def latest_view(name: str) -> View:
    """Rows of `name` from the latest edition (generic over DATASETS).

    Where the rest of the key names an entity (bank, item, condition), each one is taken from
    the latest edition that has it; where it is only a reading-order number (seq), rows of
    different editions are unrelated, so the view is the latest edition as a whole.
    """
    dataset = DATASETS[name]
    rest = [c for c in dataset.key if c != dataset.edition]
    columns = dataset.schema.to_schema().columns
    order = ", ".join(q(c) for c in rest)
    edition = q(dataset.edition)
    if all(str(columns[c].dtype).lower().startswith("int") for c in rest):
        return View(
            name=f"{name}_latest",
            description=f"{name}: the rows of the latest {dataset.edition} only.",
            needs=(name,),
            sql=f"SELECT * FROM {q(name)} WHERE {edition} = (SELECT max({edition}) "
                f"FROM {q(name)}) ORDER BY {order}",
        )
    return View(
        name=f"{name}_latest",
        description=f"{name}: each {', '.join(rest)} as of its latest {dataset.edition} "
                    "(older editions hidden).",
        needs=(name,),
        sql=f"SELECT * FROM {q(name)} QUALIFY row_number() OVER "
            f"(PARTITION BY {order} ORDER BY {edition} DESC) = 1 ORDER BY {order}",
    )


VIEWS: tuple[View, ...] = (
    View(
        name="npo_rates",
        description="NPO loan rates by edition, bank and condition as numeric ranges "
                    "(purpose and collateral split out of condition; spread = max - min).",
        needs=("npo_loan_terms",),
        sql="""
SELECT as_of, bank, condition,
       split_part(condition, '/', 1) AS purpose,
       split_part(condition, '/', 2) AS collateral,
       is_offered, rate_min_pct, rate_max_pct,
       round(rate_max_pct - rate_min_pct, 3) AS spread_pct,
       rate_tiers_pct, rate_type, value AS printed, note,
       source_file, source_page, source_cell
FROM npo_loan_terms WHERE item = '金利'
ORDER BY as_of, bank, condition""",
    ),
    View(
        name="npo_bank_summary",
        description="One row per edition and bank: lending limits, rate ranges by collateral, "
                    "longest term and whether a guarantor is required, for side-by-side reading.",
        needs=("npo_loan_terms",),
        sql="""
SELECT as_of, bank,
       max(limit_yen) FILTER (WHERE item = '融資額限度' AND condition = '無担保')
           AS limit_unsecured_yen,
       max(limit_yen) FILTER (WHERE item = '融資額限度' AND condition = '有担保')
           AS limit_secured_yen,
       min(rate_min_pct) FILTER (WHERE item = '金利' AND condition LIKE '%無担保')
           AS rate_unsecured_min_pct,
       max(rate_max_pct) FILTER (WHERE item = '金利' AND condition LIKE '%無担保')
           AS rate_unsecured_max_pct,
       min(rate_min_pct) FILTER (WHERE item = '金利' AND condition LIKE '%有担保')
           AS rate_secured_min_pct,
       max(rate_max_pct) FILTER (WHERE item = '金利' AND condition LIKE '%有担保')
           AS rate_secured_max_pct,
       max(term_max_months) FILTER (WHERE item = '返済期間') AS term_max_months,
       bool_or(is_required) FILTER (WHERE item = '保証人要否') AS guarantor_required
FROM npo_loan_terms
GROUP BY as_of, bank
ORDER BY as_of, bank""",
    ),
    View(
        name="plan_key_figures_cross_foot",
        description="Business-plan key figures with 計, 無担保, 有担保 side by side, the "
                    "difference 計 - (sum of the parts) and ok when it is within one unit of the "
                    "last printed digit (rounding).",
        needs=("plan_key_figures",),
        sql="""
SELECT fiscal_year, "table", item, any_value(unit) AS unit,
       max(value) FILTER (WHERE condition = '計') AS total,
       max(value) FILTER (WHERE condition = '無担保') AS unsecured,
       max(value) FILTER (WHERE condition = '有担保') AS secured,
       sum(value) FILTER (WHERE condition <> '計') AS parts,
       round(total - parts, 6) AS difference,
       pow(10, -max(length(split_part(replace(value_text, ',', ''), '.', 2)))) AS tolerance,
       abs(difference) <= tolerance + 1e-9 AS ok
FROM plan_key_figures
GROUP BY fiscal_year, "table", item
HAVING count(*) FILTER (WHERE condition = '計') > 0
   AND count(*) FILTER (WHERE condition <> '計') > 0
ORDER BY fiscal_year, "table", item""",
    ),
)


def views_for(names: list[str]) -> list[View]:
    """The views to create when the datasets `names` are published, in creation order."""
    have = set(names)
    generic = [latest_view(name) for name in sorted(have) if name in DATASETS]
    return generic + [view for view in VIEWS if set(view.needs) <= have]


def published_tables(out: Path) -> tuple[dict[str, Any], dict[str, tuple[dict, Path]]]:
    """The package descriptor and, per dataset, its Parquet resource and path (hash checked)."""
    package_path = out / PACKAGE
    if not package_path.is_file():
        raise PipelineError(f"{package_path}: not found; run publish first")
    package = json.loads(package_path.read_text("utf-8"))
    tables = {}
    for resource in package["resources"]:
        if resource["format"] != "parquet":
            continue
        path = out / resource["path"]
        if not path.is_file():
            raise PipelineError(f"{path}: listed in {PACKAGE} but missing")
        digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != resource["hash"]:
            raise PipelineError(f"{path}: changed since {PACKAGE} was written; publish again")
        tables[resource["path"].rsplit(".", 1)[0]] = (resource, path)
    return package, dict(sorted(tables.items()))


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


def build_database(out: Path) -> Path:
    """Write OUT/rokin.duckdb from the published files, replacing any old one atomically."""
    import duckdb

    package, tables = published_tables(out)
    views = views_for(list(tables))
    target = out / DATABASE
    handle, temp_name = tempfile.mkstemp(prefix=".rokin-", suffix=".duckdb", dir=out)
    os.close(handle)
    temp = Path(temp_name)
    temp.unlink()  # duckdb refuses to open an empty file as a database
    try:
        con = duckdb.connect(str(temp))
        try:
            for name, (resource, path) in tables.items():
                _create_table(con, name, resource, path)
            for view in views:
                con.execute(f"CREATE VIEW {q(view.name)} AS {view.sql}")
                con.execute(f"COMMENT ON VIEW {q(view.name)} IS {_sql_text(view.description)}")
            _create_meta(con, package, tables, views)
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise PipelineError(f"{target}: {' '.join(str(exc).split())[:300]}") from None
        finally:
            con.close()
        os.replace(temp, target)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return target
