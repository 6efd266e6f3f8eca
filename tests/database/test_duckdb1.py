"""DuckDB 1.x clients open OUT/rokin.duckdb: the oldest the project supports and the newest 1.x.

Each reader is the real `duckdb` wheel from PyPI, installed once into pytest's cache folder
(`pip install --target`, a few seconds) and run in a subprocess with it first on the path, so
it reads the file the installed DuckDB (2.x here) wrote.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from pipeline.database.build import DATABASE, build_database

pytestmark = pytest.mark.slow

# The oldest DuckDB pyproject.toml accepts (duckdb>=1.1: its last patch) and the newest 1.x.
READERS = {"oldest": "duckdb==1.1.3", "newest-1.x": "duckdb>=1.1,<2"}

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


def reader(request: pytest.FixtureRequest, spec: str) -> Path:
    """A folder holding the `duckdb` wheel `spec`, installed once per pytest cache."""
    slug = re.sub(r"[^0-9A-Za-z.]+", "_", spec)
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    base = Path(cache.mkdir("duckdb-readers")) if cache else Path(tempfile.gettempdir()) / (
        "rokin-duckdb-readers")
    folder = base / slug
    if not (folder / ".installed").is_file():
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--only-binary=:all:", "--upgrade", "--target", str(folder), spec],
            capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        (folder / ".installed").write_text(spec)
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


@pytest.mark.parametrize("which", sorted(READERS))
def test_a_duckdb_1x_client_opens_the_database(request, database, written, which) -> None:
    seen = dump(database, [str(reader(request, READERS[which]))])
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
