"""A document kind that lives only in tests (tests/kinds/toy) flows through every stage.

Registering its package is all it takes: extract identifies it, clean runs its cleaner, publish
validates and writes its dataset, the database gets its table and latest view, the report its
section, the diff compares its editions and the data dictionary documents it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import kinds
from pipeline.database.build import DATABASE, build_database
from pipeline.diff.run import diff_published
from pipeline.docs.dictionary import dictionary_markdown
from pipeline.report.build import REPORT, write_report
from pipeline.run import run_all
from pipeline.validate.datasets import DATASETS
from tests.kinds.toy.pdf import render_fees

TOY = "tests.kinds.toy"


@pytest.fixture()
def toy_kind() -> Iterator[None]:
    kinds.register(TOY)
    yield
    kinds.unregister(TOY)


def test_unregistered_it_is_an_unknown_document(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    render_fees(2025, {"入会金": 1000}, raw / "fees.pdf")
    with pytest.raises(Exception, match="not a known document"):
        run_all(raw, tmp_path / "out")
    assert "toy_fees" not in DATASETS


def test_a_registered_kind_flows_through_every_stage(toy_kind: None, tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    render_fees(2025, {"入会金": 1000, "年会費": 12000}, raw / "a.pdf")
    render_fees(2026, {"入会金": 1000, "年会費": 13000, "再発行": 500}, raw / "b.pdf")

    frames = run_all(raw, out)
    assert set(frames) == {"toy_fees"}
    published = pd.read_csv(out / "toy_fees.csv")
    assert list(published["fee_yen"]) == [1000, 12000, 1000, 500, 13000]  # sorted by key

    build_database(out)
    with duckdb.connect(str(out / DATABASE), read_only=True) as con:
        latest = con.execute("SELECT item, fee_yen FROM toy_fees_latest ORDER BY item").fetchall()
    assert dict(latest) == {"入会金": 1000, "年会費": 13000, "再発行": 500}

    html = write_report(out).read_text("utf-8")
    assert (out / REPORT).is_file() and 'id="toy_fees"' in html and "年会費" in html

    run = diff_published(out)
    [diff] = run.diffs
    changes = diff.changes.set_index(["item", "field"])
    assert changes.loc[("年会費", "fee_yen"), "delta"] == "1000"
    assert changes.loc[("再発行", "fee_yen"), "change"] == "added"

    assert "## `toy_fees`" in dictionary_markdown()
