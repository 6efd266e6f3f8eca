"""OUT/rokin.duckdb: every published dataset as a typed table, the views, and the metadata."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.core.errors import PipelineError
from pipeline.database.build import DATABASE, build_database
from pipeline.database.views import views_for
from pipeline.validate.datasets import DATASETS
from tests.conftest import ROOT
from tests.downstream import add_edition


def connect(out: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(out / DATABASE), read_only=True)


def as_text(frame: pd.DataFrame) -> list[tuple[str, ...]]:
    """Rows as text tuples (dates, nullable numbers and NaN compared by what they print)."""
    def cell(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return ""
        if hasattr(value, "isoformat"):
            return value.isoformat()[:10]
        return str(float(value)) if isinstance(value, (int, float)) and not isinstance(
            value, bool) else str(value)
    return [tuple(cell(v) for v in row) for row in frame.astype(object).itertuples(index=False)]


@pytest.mark.slow
def test_every_dataset_is_a_table_equal_to_its_published_file(out: Path) -> None:
    build_database(out)
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    names = {r["name"] for r in package["resources"] if r["format"] == "csv"}
    assert names == set(DATASETS)
    with connect(out) as con:
        for name in sorted(names):
            key = ", ".join(f'"{c}"' for c in DATASETS[name].key)
            table = con.execute(f'SELECT * FROM "{name}" ORDER BY {key}').df()
            parquet = pd.read_parquet(out / f"{name}.parquet")
            assert list(table.columns) == list(parquet.columns)
            assert as_text(table) == as_text(parquet), name


def test_tables_carry_types_key_and_descriptions(out: Path) -> None:
    build_database(out)
    with connect(out) as con:
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                             "WHERE table_name = 'npo_loan_terms'").fetchall())
        assert types["as_of"] == "DATE"
        assert types["limit_yen"] == "BIGINT" and types["rate_min_pct"] == "DOUBLE"
        assert types["is_offered"] == "BOOLEAN"
        comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = "
                          "'npo_loan_terms' AND column_name = 'limit_yen'").fetchone()[0]
        field = DATASETS["npo_loan_terms"].schema.to_schema().columns["limit_yen"]
        assert comment.startswith(field.description) and "[JPY]" in comment
        key = con.execute("SELECT constraint_column_names FROM duckdb_constraints() WHERE "
                      "table_name = 'npo_loan_terms' AND constraint_type = 'PRIMARY KEY'"
                      ).fetchone()[0]
        assert tuple(key) == DATASETS["npo_loan_terms"].key
        fields = con.execute("SELECT dataset, field FROM meta_fields ORDER BY dataset, position"
                         ).fetchall()
        assert [f for d, f in fields if d == "plan_key_figures"] == (
            DATASETS["plan_key_figures"].columns)
        sources = con.execute("SELECT file FROM meta_sources ORDER BY file").fetchall()
        assert [s for (s,) in sources] == sorted(p.name for p in (ROOT / "raw").glob("*.pdf"))


def test_views_exist_and_are_listed(out: Path) -> None:
    build_database(out)
    every = views_for(sorted(DATASETS))
    expected = {v.name for v in every}
    computed = {v.name for v in every if v.rows is not None}  # stored as tables of their name
    assert {f"{name}_latest" for name in DATASETS} <= expected
    with connect(out) as con:
        views = {v for (v,) in con.execute("SELECT view_name FROM duckdb_views() "
                                       "WHERE NOT internal").fetchall()}
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        listed = {v for (v,) in con.execute("SELECT name FROM meta_views").fetchall()}
    assert computed <= tables
    assert views | computed == expected == listed


def test_rates_view_is_the_rate_rows_as_numeric_ranges(out: Path) -> None:
    build_database(out)
    with connect(out) as con:
        rates = con.execute("SELECT * FROM npo_rates").df()
        base = con.execute("SELECT bank, condition, rate_min_pct, rate_max_pct FROM npo_loan_terms "
                       "WHERE item = '金利'").df()
    assert len(rates) == len(base) == 13 * 4
    assert set(rates["collateral"]) == {"無担保", "有担保"}
    assert (rates["purpose"] + "/" + rates["collateral"] == rates["condition"]).all()
    ranged = rates.dropna(subset=["rate_min_pct"])
    assert (ranged["rate_min_pct"] <= ranged["rate_max_pct"]).all()
    assert ((ranged["spread_pct"] - (ranged["rate_max_pct"] - ranged["rate_min_pct"])).abs()
            < 1e-9).all()
    hokkaido = rates[(rates["bank"] == "北海道労働金庫") & (rates["condition"] == "その他/無担保")]
    assert hokkaido[["rate_min_pct", "rate_max_pct"]].iloc[0].tolist() == [1.6, 2.3]


def test_bank_summary_is_one_row_per_bank_with_its_limits(out: Path) -> None:
    build_database(out)
    with connect(out) as con:
        summary = con.execute("SELECT * FROM npo_bank_summary").df().set_index("bank")
        limits = dict(con.execute("SELECT bank, limit_yen FROM npo_loan_terms WHERE item = "
                              "'融資額限度' AND condition = '無担保'").fetchall())
    assert len(summary) == 13
    assert summary["limit_unsecured_yen"].to_dict() == limits
    assert summary.loc["中央労働金庫", "limit_unsecured_yen"] == 10_000_000


def test_latest_view_takes_each_row_from_its_newest_edition(out: Path) -> None:
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        hit = (frame["bank"] == "北海道労働金庫") & (frame["item"] == "融資額限度") & (
            frame["condition"] == "無担保")
        frame.loc[hit, ["value", "limit_yen"]] = ["2,000", 20_000_000]
        return frame[~((frame["bank"] == "沖縄県労働金庫") & (frame["item"] == "金利"))]

    add_edition(out, "npo_loan_terms", "2026-04-01", edit)
    build_database(out)
    with connect(out) as con:
        latest = con.execute("SELECT bank, item, condition, CAST(as_of AS VARCHAR) AS as_of, "
                         "limit_yen FROM npo_loan_terms_latest").df()
    assert len(latest) == 195
    assert not latest.duplicated(["bank", "item", "condition"]).any()
    okinawa_rates = latest[(latest["bank"] == "沖縄県労働金庫") & (latest["item"] == "金利")]
    assert set(okinawa_rates["as_of"]) == {"2025-04-01"}
    rest = latest.drop(okinawa_rates.index)
    assert set(rest["as_of"]) == {"2026-04-01"}
    hit = latest[(latest["bank"] == "北海道労働金庫") & (latest["item"] == "融資額限度")
                 & (latest["condition"] == "無担保")]
    assert hit["limit_yen"].tolist() == [20_000_000]


def test_outline_latest_view_is_the_newest_edition_only(out: Path) -> None:
    add_edition(out, "plan_measures", 2026, lambda f: f.head(10))
    build_database(out)
    with connect(out) as con:
        years = con.execute("SELECT DISTINCT fiscal_year FROM plan_measures_latest").fetchall()
        count = con.execute("SELECT count(*) FROM plan_measures_latest").fetchone()[0]
    assert years == [(2026,)] and count == 10


@pytest.mark.slow
def test_cross_foot_view_flags_a_total_that_is_not_the_sum(out: Path) -> None:
    build_database(out)
    with connect(out) as con:
        real = con.execute("SELECT item, difference, ok FROM plan_key_figures_cross_foot").df()
    assert len(real) == 5 and real["ok"].all()
    assert set(real["difference"].abs()) <= {0.0, 1.0}

    def tamper(frame: pd.DataFrame) -> pd.DataFrame:
        hit = (frame["item"] == "代位弁済") & (frame["condition"] == "計")
        frame.loc[hit, "value"] = frame.loc[hit, "value"] + 5
        return frame

    add_edition(out, "plan_key_figures", 2026, tamper)
    build_database(out)
    with connect(out) as con:
        rows = con.execute("SELECT fiscal_year, item, difference, ok FROM "
                       "plan_key_figures_cross_foot WHERE NOT ok").fetchall()
    assert rows == [(2026, "代位弁済", 6.0, False)]


@pytest.mark.slow
def test_rebuild_gives_the_same_content(out: Path) -> None:
    def dump() -> list:
        with connect(out) as con:
            names = [n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() UNION ALL "
                                           "SELECT view_name FROM duckdb_views() WHERE NOT "
                                           "internal ORDER BY 1").fetchall()]
            return [(n, con.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names]

    build_database(out)
    first = dump()
    build_database(out)
    assert dump() == first
    assert not [p for p in out.iterdir() if p.name.startswith(".rokin-")]


def test_a_changed_published_file_is_refused(out: Path) -> None:
    (out / DATABASE).unlink(missing_ok=True)  # the one `all` built
    with (out / "npo_loan_terms.parquet").open("ab") as stream:
        stream.write(b"x")
    with pytest.raises(PipelineError, match="changed since datapackage.json"):
        build_database(out)
    assert not (out / DATABASE).exists()


@pytest.mark.slow
def test_cli_writes_the_database_and_fails_in_one_line_without_a_package(out: Path,
                                                                          tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline", "database", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert (out / DATABASE).is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    failed = subprocess.run([sys.executable, "-m", "pipeline", "database", "--out", str(empty)],
                            capture_output=True, text=True, cwd=ROOT)
    assert failed.returncode == 2
    assert failed.stderr.count("\n") == 1 and "datapackage.json" in failed.stderr
