"""Schema of plan_key_figures: one row per fiscal year × table × item × condition."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline.core.numbers import read_number
from schemas.fields import field
from schemas.provenance import SourceCell
from schemas.reference import PLAN_TOTAL, YEN_PER_UNIT

KEY = ["fiscal_year", "table", "item", "condition"]
TOTAL = PLAN_TOTAL


class PlanKeyFiguresColumns(pa.DataFrameModel):
    """The columns of plan_key_figures before its provenance."""

    fiscal_year: Series[int] = field(
        "Fiscal year the plan is for, from its title 「…年度事業計画」.", ge=1990, le=2100
    )
    table: Series[str] = field(
        "Table caption without its brackets: 主要計数 (key figures) or 諸比率 (ratios).",
        str_length={"min_value": 1},
    )
    item: Series[str] = field(
        "Row label without alignment spaces (新規保証引受, 保証債務残高, 延滞率 …).",
        str_length={"min_value": 1},
    )
    condition: Series[str] = field(
        "Column: 計 (total, the column printed without a label under "
        "計画値), 無担保 (unsecured), 有担保 (secured); empty in a "
        "one-column table."
    )
    value: Series[float] = field("The number as printed, in `unit` (1,814,456 → 1814456; 0.11).")
    value_text: Series[str] = field(
        "The number exactly as printed (1,814,456; 0.11; △ for negative).",
        str_length={"min_value": 1},
    )
    unit: Series[str] = field(
        "Unit from the table's （単位：…） line: 百万円 (million yen) or ％.",
        str_length={"min_value": 1},
    )
    amount_yen: Series[pd.Int64Dtype] = field(
        "The value in yen for money units (百万円 × 1,000,000); empty for ratios.",
        "JPY",
        nullable=True,
    )


class PlanKeyFigures(SourceCell, PlanKeyFiguresColumns):
    """Planned key figures and ratios of the guarantee association's business plan (事業計画).

    Every number of the plan's captioned figure tables. Tables, header and columns are found
    from the grid itself: the caption ＜…＞ and the unit line （単位：…） stand just above a
    table, the header rows are those above the first number, and of several value columns
    under one merged header (計画値) the one labelled 計 or 合計, or printed without a label, is
    the total, 計. A table may have any number of rows. Validation cross-foots every row: 計
    must equal 無担保 + 有担保 within one in the last printed digit (each figure is rounded on
    its own); more fails with a line naming the fiscal year, table and item.
    """

    class Config:
        strict = True
        ordered = True
        coerce = True
        unique = KEY

    @pa.dataframe_check(name="amount_yen_only_for_money")
    def _amounts(cls, df: pd.DataFrame) -> Series[bool]:
        money = df["unit"].isin(list(YEN_PER_UNIT))
        return money == df["amount_yen"].notna()

    @pa.dataframe_check(name="total_is_sum_of_parts")
    def _cross_foot(cls, df: pd.DataFrame) -> bool:
        return not cross_foot_problems(df)


def _decimals(text: str) -> int:
    """Digits printed after the decimal point (1,814,456 → 0; 0.11 → 2; ▲0.25 → 2)."""
    printed = read_number(str(text))
    return printed.places if printed else 0


CROSS_FOOT_COLUMNS = ["fiscal_year", "table", "item", "unit", "total", "parts", "difference",
                      "tolerance", "ok", "printed"]


def cross_foot(df: pd.DataFrame) -> pd.DataFrame:
    """Every item with a total (計) and parts: total, the parts' sum, the difference, the rounding
    allowed and whether the difference is within it (ok); `printed` shows the parts as printed.

    Each figure is rounded to its last printed digit, so a total may differ from the sum of
    rounded parts by one in that digit (1 百万円 for whole millions); more is not ok. This is
    the one definition of the rule: the schema check, the database and the report all use it.
    """
    rows = []
    for (year, table, item), part in df.groupby(["fiscal_year", "table", "item"], sort=False):
        totals = part[part["condition"] == TOTAL]
        parts = part[part["condition"] != TOTAL]
        if totals.empty or parts.empty:
            continue
        total = totals.iloc[0]
        step = Decimal(1).scaleb(-max(_decimals(t) for t in part["value_text"]))
        parts_sum = sum(Decimal(str(v)) for v in parts["value"])
        off = Decimal(str(total["value"])) - parts_sum
        shown = " + ".join(
            f"{c} {t}" for c, t in zip(parts["condition"], parts["value_text"], strict=True)
        )
        rows.append({
            "fiscal_year": year, "table": table, "item": item, "unit": total["unit"],
            "total": float(total["value"]), "parts": float(parts_sum),
            "difference": float(off), "tolerance": float(step), "ok": abs(off) <= step,
            "printed": f"計 {total['value_text']} = {shown}",
        })
    return pd.DataFrame(rows, columns=CROSS_FOOT_COLUMNS)


def cross_foot_problems(df: pd.DataFrame) -> list[str]:
    """A line for every item whose total differs from its parts by more than rounding."""
    def shown(number: float) -> str:
        return f"{Decimal(str(number)).normalize():f}"

    return [
        f"fiscal_year {row.fiscal_year} {row.table} {row.item}: "
        f"{row.printed.replace(' = ', ' ≠ ', 1)} (off by {shown(row.difference)} {row.unit}, "
        f"at most {shown(row.tolerance)} allowed for rounding)"
        for row in cross_foot(df).itertuples(index=False)
        if not row.ok
    ]
