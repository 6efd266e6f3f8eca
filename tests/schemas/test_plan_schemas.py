"""plan_key_figures and plan_measures schemas: the 2025 plan passes, broken frames fail by name."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from pipeline.core.errors import PipelineError
from pipeline.kinds.business_plan.clean import clean
from pipeline.kinds.business_plan.clean.figures import parse_number
from pipeline.validate.check import validate
from pipeline.validate.frames import build_frame
from schemas.plan_key_figures import cross_foot, cross_foot_problems
from schemas.plan_measures import outline_problems


@pytest.fixture(scope="module")
def records(plan_extracted: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return clean(plan_extracted)


@pytest.fixture()
def figures(records) -> pd.DataFrame:
    return build_frame("plan_key_figures", records["plan_key_figures"])


@pytest.fixture()
def measures(records) -> pd.DataFrame:
    return build_frame("plan_measures", records["plan_measures"])


def _at(frame: pd.DataFrame, item: str, condition: str) -> int:
    (index,) = frame.index[(frame["item"] == item) & (frame["condition"] == condition)]
    return index


def _set(frame: pd.DataFrame, item: str, condition: str, value: int) -> None:
    index = _at(frame, item, condition)
    frame.loc[index, "value"] = float(value)
    frame.loc[index, "value_text"] = f"{value:,}"
    frame.loc[index, "amount_yen"] = value * 1_000_000


def _off_by(frame: pd.DataFrame, item: str) -> float:
    rows = frame[frame["item"] == item].set_index("condition")["value"]
    return rows["計"] - rows["無担保"] - rows["有担保"]


def test_2025_passes_both_schemas(figures, measures) -> None:
    assert len(validate("plan_key_figures", figures)) == 16
    assert len(validate("plan_measures", measures)) == 160


def test_2025_has_three_totals_off_by_one_rounding(figures) -> None:
    items = figures.loc[figures["table"] == "主要計数", "item"].unique()
    offs = {item: _off_by(figures, item) for item in items}
    assert sorted(abs(v) for v in offs.values()) == [0, 0, 1, 1, 1]
    assert cross_foot_problems(figures) == []


def test_total_off_by_two_fails_naming_the_item(figures) -> None:
    item = "代位弁済"
    total = int(figures.loc[_at(figures, item, "計"), "value"])
    _set(figures, item, "計", total - int(_off_by(figures, item)) + 2)
    assert _off_by(figures, item) == 2
    with pytest.raises(PipelineError) as exc:
        validate("plan_key_figures", figures)
    message = str(exc.value)
    assert "\n" not in message
    assert item in message and "off by 2" in message
    assert "新規保証引受" not in message  # only the failing item is named


def test_total_off_by_one_passes(figures) -> None:
    item = "決算保証料"
    parts = figures[(figures["item"] == item) & (figures["condition"] != "計")]["value"].sum()
    _set(figures, item, "計", int(parts) - 1)
    assert len(validate("plan_key_figures", figures)) == 16


def test_a_part_off_fails_too(figures) -> None:
    _set(figures, "求償権回収金", "無担保", 2_355 + 5)
    problems = cross_foot_problems(figures)
    assert len(problems) == 1 and "求償権回収金" in problems[0]


def test_amount_only_for_money(figures) -> None:
    figures.loc[_at(figures, "延滞率", ""), "amount_yen"] = 110_000
    with pytest.raises(PipelineError, match="amount_yen_only_for_money"):
        validate("plan_key_figures", figures)


def test_duplicate_key_fails(figures) -> None:
    doubled = pd.concat([figures, figures.iloc[[0]]], ignore_index=True)
    with pytest.raises(PipelineError, match="plan_key_figures"):
        validate("plan_key_figures", doubled)


def test_duplicate_path_fails(measures) -> None:
    measures.loc[measures["path"] == "2", "path"] = "1"
    problems = outline_problems(measures)
    assert any("'1' appears twice" in p for p in problems)
    with pytest.raises(PipelineError, match="appears twice"):
        validate("plan_measures", measures)


def test_level_must_match_path(measures) -> None:
    measures.loc[measures["path"] == "3 › 基本戦略1", "level"] = 2
    with pytest.raises(PipelineError, match="level 2 but path '3 › 基本戦略1' is 1 deep"):
        validate("plan_measures", measures)


def test_seq_gap_and_orphan_fail(measures) -> None:
    dropped = measures[measures["path"] != "3 › 基本戦略1 › 1"].reset_index(drop=True)
    problems = outline_problems(dropped)
    assert any("seq is not" in p for p in problems)
    assert any("parent '3 › 基本戦略1 › 1' is not a block" in p for p in problems)


def test_paragraph_with_number_fails(measures) -> None:
    measures.loc[measures["path"] == "¶1", "number"] = "①"
    with pytest.raises(PipelineError, match="number_only_on_headings_and_measures"):
        validate("plan_measures", measures)


def test_a_lost_measure_shows_as_a_numbering_gap(measures) -> None:
    # Damage that drops a whole block (its children with it) leaves a schema-valid outline
    # unless the numbering is checked: （２） must not follow nothing.
    lost = measures[~measures["path"].str.startswith("3 › 基本戦略1 › 1 › (1)")]
    lost = lost.assign(seq=range(1, len(lost) + 1)).reset_index(drop=True)
    with pytest.raises(PipelineError, match="（２） under '3 › 基本戦略1 › 1' where number 1"):
        validate("plan_measures", lost)
    assert outline_problems(measures) == []


def _ratios(printed: dict[str, str]) -> pd.DataFrame:
    """A one-item figure table as the cleaner publishes it: each value with its printed text."""
    return pd.DataFrame([
        {"fiscal_year": 2026, "table": "諸比率", "item": "増減率", "condition": condition,
         "value": float(parse_number(text)), "value_text": text, "unit": "％"}
        for condition, text in printed.items()
    ])


@pytest.mark.parametrize("sign", ["△", "▲", "−", "－", "-"])
def test_a_negative_total_off_by_hundredths_fails_whatever_its_sign(sign) -> None:
    # Printed to two places, rounding allows 0.01: 計 ▲0.25 is not ▲0.10 + ▲0.50 (off by 0.35).
    # Every mark a plan prints a negative with counts its places alike (▲ once counted none,
    # which allowed a whole unit).
    frame = _ratios({"計": f"{sign}0.25", "無担保": f"{sign}0.10", "有担保": f"{sign}0.50"})
    [row] = cross_foot(frame).itertuples()
    assert row.tolerance == 0.01 and not row.ok
    [problem] = cross_foot_problems(frame)
    assert "off by 0.35" in problem and "at most 0.01" in problem


@pytest.mark.parametrize("sign", ["△", "▲"])
def test_a_negative_total_within_rounding_passes(sign) -> None:
    frame = _ratios({"計": f"{sign}0.61", "無担保": f"{sign}0.10", "有担保": f"{sign}0.50"})
    assert cross_foot_problems(frame) == []
