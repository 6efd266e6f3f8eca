"""The NPO section's layout follows the printed table, whatever order the rows come in."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.core.lang import words
from pipeline.kinds.npo_loan import report as npo
from pipeline.report.load import load_published
from tests.conftest import SHIPPED_BANKS as LABOUR_BANKS
from tests.conftest import SHIPPED_ROWS as NPO_REQUIRED_ROWS


def latest(out: Path) -> pd.DataFrame:
    return npo.latest_edition(load_published(out).frames[npo.NAME])[1]


def test_banks_and_rows_in_printed_order_even_when_shuffled(out: Path) -> None:
    frame = latest(out)
    shuffled = frame.sample(frac=1, random_state=3)
    assert npo.bank_order(shuffled) == list(LABOUR_BANKS)
    assert npo.row_order(shuffled) == list(NPO_REQUIRED_ROWS)


def test_a_bank_printed_first_comes_first() -> None:
    frame = pd.DataFrame({
        "bank": ["B", "A", "B", "A"], "item": ["y", "y", "x", "x"], "condition": ["", "", "", ""],
        "bank_position": [1, 2, 1, 2], "row_position": [2, 2, 1, 1],
    })
    assert npo.bank_order(frame) == ["B", "A"]
    assert npo.row_order(frame) == [("x", ""), ("y", "")]


def test_cell_text_is_what_the_table_prints() -> None:
    def row(**kw: object) -> pd.Series:
        return pd.Series({"mark": "", "value": "", "unit": "", **kw})

    assert npo.cell_text(row(mark="○")) == "○"
    assert npo.cell_text(row(value="1,000", unit="万円")) == "1,000万円"
    assert npo.cell_text(row(value="1.600～2.300", unit="％")) == "1.600～2.300％"
    assert npo.cell_text(row(value="-", unit="％")) == "-"
    assert npo.cell_text(row()) == ""


def test_measures_say_ranges_in_their_units() -> None:
    limit, rate, term = npo.MEASURES
    assert limit.text(10_000_000, 10_000_000) == "1,000万円"
    assert rate.text(1.6, 2.3) == "1.600～2.300"
    assert term.text(6, 6) == "6ヶ月" and term.text(60, 84) == "5年～7年"
    assert term.axis(20) == "20年" and limit.axis(5000) == "5,000万円"


def test_one_chart_per_item_and_purpose_with_collateral_as_series(out: Path) -> None:
    frame = latest(out)
    _, rate, _ = npo.MEASURES
    figures = npo.measure_charts(frame, rate, words())
    captions = [f.split("<figcaption>")[1].split("</figcaption>")[0] for f in figures]
    assert captions == ["金利（つなぎ資金） — 年利 %、低～高", "金利（その他） — 年利 %、低～高"]
    assert all("無担保" in f and "有担保" in f for f in figures)
    # A "-" in a rate cell says no separate rate is printed, never "not offered" (× would).
    for f, p in zip(figures, ["つなぎ資金", "その他"], strict=True):
        rows = (frame["item"] == "金利") & frame["condition"].str.startswith(p)
        assert f.count(words()("npo.dash_rate")) == (rows & (frame["value"] == "-")).sum() > 0
        assert f.count("取扱なし") == (rows & (frame["mark"] == "×")).sum()


def test_a_dash_rate_says_what_the_print_says(out: Path) -> None:
    """近畿 marks つなぎ資金 ○ and prints "-" with 固定金利/変動金利 in its rate cells: its bars
    say no separate rate is printed, their tooltips give the note, none says 取扱なし."""
    frame = latest(out)
    kinki = frame[(frame["bank"] == "近畿労働金庫") & (frame["item"] == "金利")]
    assert len(kinki) == 4 and set(kinki["value"]) == {"-"}
    for lang, said in (("ja", "個別の金利の記載なし"), ("en", "no separate rate printed")):
        for row in kinki.to_dict("records"):
            bar = npo._bar(row, npo.MEASURES[1], words(lang))
            assert bar.low is None and said in bar.text and "取扱なし" not in bar.text
            assert "not offered" not in bar.text and row["note"] in bar.title
    crossed = {**kinki.iloc[0].to_dict(), "mark": "×", "value": ""}
    assert npo._bar(crossed, npo.MEASURES[1], words()).text == "取扱なし（×）"


@pytest.mark.parametrize(
    ("value", "numeric"),
    [
        ("1,000", True), ("2.875", True), ("1.600～2.300", True), ("①1.900②2.650", True),
        ("１，０００", True), ("5～7", True),
        ("5,000※", False), ("(変動)1.875", False), ("無担保10有担保20", False), ("-", False),
        ("※", False), ("", False), ("～", False), ("1,81", False), ("担保有無により異なる", False),
    ],
)
def test_numbers_only(value, numeric) -> None:
    assert npo.numbers_only(value) is numeric
