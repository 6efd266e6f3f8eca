"""DuckDB 1.x clients open OUT/rokin.duckdb: the oldest the project supports and the newest 1.x.

Each reader is the real `duckdb` wheel from PyPI, installed by `make venv` (and so before
`make test`) into a folder of its own beside the virtual environment's DuckDB
(.venv/duckdb-readers/oldest, …/newest-1.x; no test downloads anything), and run in a subprocess
with it first on the path, so it reads the file the installed DuckDB (2.x here) wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.database.build import DATABASE, build_database

pytestmark = pytest.mark.slow

# The oldest DuckDB pyproject.toml accepts (duckdb>=1.1: its last patch) and the newest 1.x, as
# the Makefile's DUCKDB_READERS installs them.
READERS = ("oldest", "newest-1.x")
FOLDER = Path(sys.prefix) / "duckdb-readers"

DUMP = r"""
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
names = [n for (n,) in con.execute(
    "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() UNION ALL "
    "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = "
    "current_database() ORDER BY 1").fetchall()]
dump = {"version": duckdb.__version__, "objects": {}}
for name in names:
    columns = con.execute("SELECT column_name, data_type, comment FROM duckdb_columns() WHERE "
                          "database_name = current_database() AND table_name = ? "
                          "ORDER BY column_index", [name]).fetchall()
    rows = con.execute(f'SELECT * FROM "{name}"').fetchall()
    dump["objects"][name] = {"columns": [list(c) for c in columns],
                             "rows": sorted([str(v) for v in row] for row in rows)}
print(json.dumps(dump, ensure_ascii=False))
"""


def reader(which: str) -> Path:
    """The folder holding the `duckdb` wheel `which` (skipped where `make venv` did not
    install the readers: a virtual environment made some other way)."""
    folder = FOLDER / which
    if not (folder / "duckdb").is_dir():
        pytest.skip(f"no DuckDB reader in {folder}: `make venv` installs them")
    return folder


def dump(database: Path, path: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    done = subprocess.run([sys.executable, "-c", DUMP, str(database)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def database(published_once: Path) -> Path:
    build_database(published_once)
    return published_once / DATABASE


@pytest.fixture(scope="module")
def written(database: Path) -> dict:
    """What the DuckDB that wrote the file reads in it."""
    assert int(duckdb.__version__.split(".")[0]) >= 1
    return dump(database, [p for p in sys.path if p])


@pytest.mark.parametrize("which", READERS)
def test_a_duckdb_1x_client_opens_the_database(database, written, which) -> None:
    seen = dump(database, [str(reader(which))])
    assert seen["version"].startswith("1."), seen["version"]
    if which == "oldest":
        assert seen["version"].startswith("1.1.")
    assert seen["objects"] == written["objects"]
    assert {"npo_loan_terms", "npo_rates", "npo_bank_summary", "meta_fields"} <= set(
        seen["objects"])


def test_every_column_of_every_table_and_view_has_a_comment(written) -> None:
    missing = [f"{name}.{column}" for name, obj in written["objects"].items()
               for column, _, comment in obj["columns"] if not comment]
    assert missing == []
    assert len(written["objects"]["npo_bank_summary"]["rows"]) == 13
