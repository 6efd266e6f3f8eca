"""The NPO views pick rows by the labels of the kind's one label map (identify.LABELS): an
edition that relabels a row is read as printed, and the views follow by that one edit."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.database.build import DATABASE, build_database
from pipeline.kinds.npo_loan import database as npo_database
from pipeline.kinds.npo_loan import identify
from tests.downstream import add_edition

RELABELLED = {"金利": "貸出金利", "返済期間": "最長返済期間"}


def _relabel(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(item=frame["item"].replace(RELABELLED))


def _per_edition(out: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Rate rows and banks with a longest term, per edition."""
    build_database(out)
    with duckdb.connect(str(out / DATABASE), read_only=True) as con:
        rates = con.execute("SELECT CAST(as_of AS VARCHAR), count(*) FROM npo_rates "
                            "GROUP BY ALL").fetchall()
        terms = con.execute("SELECT CAST(as_of AS VARCHAR), count(term_max_months) FROM "
                            "npo_bank_summary GROUP BY ALL").fetchall()
    return dict(rates), dict(terms)


@pytest.fixture()
def relabelled_map(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """identify.LABELS as next year's edition prints them, the views rebuilt from it."""
    monkeypatch.setitem(identify.LABELS, "rate", RELABELLED["金利"])
    monkeypatch.setitem(identify.LABELS, "term", RELABELLED["返済期間"])
    importlib.reload(npo_database)
    yield
    monkeypatch.undo()
    importlib.reload(npo_database)


@pytest.mark.slow
def test_a_relabelled_edition_leaves_the_views_until_the_map_follows(out: Path) -> None:
    add_edition(out, "npo_loan_terms", "2026-04-01", _relabel)
    rates, terms = _per_edition(out)
    assert rates == {"2025-04-01": 13 * 4}  # 2026's rate rows are no 金利 rows
    assert terms == {"2025-04-01": 13, "2026-04-01": 0}


@pytest.mark.slow
def test_editing_the_label_map_is_all_a_relabel_takes(out: Path, relabelled_map: None) -> None:
    add_edition(out, "npo_loan_terms", "2026-04-01", _relabel)
    rates, terms = _per_edition(out)
    assert rates == {"2026-04-01": 13 * 4}
    assert terms == {"2025-04-01": 0, "2026-04-01": 13}


def test_every_label_of_the_map_is_printed_in_the_shipped_edition(out: Path) -> None:
    frame = pd.read_csv(out / "npo_loan_terms.csv", dtype=str, keep_default_na=False)
    printed = set(frame["item"]) | {part for c in frame["condition"] for part in c.split("/")}
    assert set(identify.LABELS.values()) <= printed
