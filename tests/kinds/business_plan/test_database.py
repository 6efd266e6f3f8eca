"""The cross-foot view sets the parts side by side by the kind's label map (identify.LABELS)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.kinds.business_plan import database, identify


def test_every_part_label_is_printed_in_the_shipped_plan(out: Path) -> None:
    frame = pd.read_csv(out / "plan_key_figures.csv", dtype=str, keep_default_na=False)
    assert set(identify.LABELS.values()) <= set(frame["condition"])
    assert set(database.PARTS) == set(identify.LABELS.values())


def test_the_view_takes_each_part_by_its_label(out: Path) -> None:
    frame = pd.read_csv(out / "plan_key_figures.csv", keep_default_na=False)
    rows = database.cross_foot_rows({"plan_key_figures": frame}).set_index("item")
    printed = frame.set_index(["item", "condition"])["value"]
    for label, column in database.PARTS.items():
        assert rows[column].to_dict() == {item: printed[item, label] for item in rows.index}
