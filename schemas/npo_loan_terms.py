"""Schema of npo_loan_terms: one row per edition (as_of) × bank × item × condition."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.coverage import missing_rows
from schemas.fields import POSITION, field
from schemas.provenance import SourceCell
from schemas.reference import LABOUR_BANK_PATTERN

KEY = ["as_of", "bank", "item", "condition"]
ROW = ["item", "condition"]
MARKS = ["", "○", "×", "要", "否"]
RATE_TYPES = ["", "固定", "変動", "固定/変動"]


class NpoLoanTermsColumns(pa.DataFrameModel):
    """The columns of npo_loan_terms before its provenance."""

    as_of: Series[str] = field(
        "Date the edition is as of (…年…月…日現在), YYYY-MM-DD.",
        kind="date",
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
    )
    bank: Series[str] = field(
        "Bank as printed in the header row (a labour bank: …労働金庫, …ろうきん, …労金).",
        str_matches=LABOUR_BANK_PATTERN,
    )
    item: Series[str] = field(
        "Row label, legend and alignment spaces removed (金利, 資金使途, …).",
        str_length={"min_value": 1},
    )
    condition: Series[str] = field(
        "Sub-labels outer to inner joined by '/' (つなぎ資金/無担保); empty when the row has none."
    )
    mark: Series[str] = field(
        "Printed mark: ○ offered, × not offered, 要 required, 否 not required.", isin=MARKS
    )
    value: Series[str] = field("Printed value, wrapped lines joined, NFKC-folded (① and ～ kept).")
    unit: Series[str] = field("Printed unit of value (万円, ％, 年, ヶ月).")
    note: Series[str] = field("Printed note, wrapped lines joined, NFKC-folded (① and ～ kept).")
    is_offered: Series[pd.BooleanDtype] = field(
        "True for ○ or a printed value, False for × or a lone '-', empty otherwise. What False "
        "means depends on the item: under 資金使途 and 融資の種類 (marks ○/×) the bank does "
        "not offer that purpose or kind of loan; under 融資額限度, 金利 and 返済期間 a '-' "
        "only says no separate figure is printed for that condition, not that it is not "
        "offered (a bank may print '-' in every rate cell, 固定金利 or 変動金利 in the note, "
        "and mark the loan ○ under 資金使途); 対象団体の主な条件 and 保証人要否 leave it "
        "empty.",
        nullable=True,
    )
    is_required: Series[pd.BooleanDtype] = field(
        "True for 要, False for 否, empty otherwise.", nullable=True
    )
    limit_yen: Series[pd.Int64Dtype] = field(
        "Lending limit in yen (1,000 万円 → 10000000).", "JPY", nullable=True, ge=0, le=10**12
    )
    rate_min_pct: Series[float] = field(
        "Lowest printed rate, percent per year.", "percent", nullable=True, ge=0, le=30
    )
    rate_max_pct: Series[float] = field(
        "Highest printed rate, percent per year.", "percent", nullable=True, ge=0, le=30
    )
    rate_tiers_pct: Series[str] = field(
        "Tiered or per-condition rates as printed (①1.900 ②2.650), "
        "space-separated; empty for a single rate or range."
    )
    rate_type: Series[str] = field(
        "固定 (fixed) or 変動 (variable) where the cell says; both as 固定/変動.", isin=RATE_TYPES
    )
    term_min_months: Series[pd.Int64Dtype] = field(
        "Shortest printed repayment term, months.", "months", nullable=True, ge=0, le=600
    )
    term_max_months: Series[pd.Int64Dtype] = field(
        "Longest printed repayment term, months.", "months", nullable=True, ge=0, le=600
    )
    bank_position: Series[int] = field(
        "1-based position of the bank in the table as printed (pages left to right, north to "
        "south): sorting by it reproduces the table's bank order.", role=POSITION, ge=1,
    )
    row_position: Series[int] = field(
        "1-based position of the row (item and condition) in the table as printed, top to "
        "bottom.", role=POSITION, ge=1,
    )


class NpoLoanTerms(SourceCell, NpoLoanTermsColumns):
    """NPO loan programmes of the labour banks, from the 制度概要 comparison table.

    One row per bank, item and condition of the table, for every edition. The banks and rows
    are the edition's own: a header cell naming a labour bank (…労働金庫, …ろうきん, …労金) is a
    bank, and every bank must have every row the others have, so a merger, a rename or a new
    row is read as printed. Text columns are NFKC-folded (full-width letters and digits become
    ASCII) except for the characters that carry meaning: circled numbers ①②, the range tilde ～
    (a wave dash 〜 is written as ～), ％, ○ and ×; wrapped lines are joined the Japanese way
    (no space). A typed column is filled only when the printed text has one of the forms its
    description names; anything else (※, 資金使途と担保有無により異なる, …) keeps its text in
    `value` and leaves the typed column empty. Sorting by `bank_position` and `row_position`
    reproduces the table as printed.
    """

    class Config:
        strict = True
        ordered = True
        coerce = True
        unique = KEY

    @pa.dataframe_check(name="rate_min_le_max", element_wise=False)
    def _rates_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["rate_min_pct"] > df["rate_max_pct"]).fillna(False)

    @pa.dataframe_check(name="term_min_le_max")
    def _terms_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["term_min_months"] > df["term_max_months"]).fillna(False)

    @pa.dataframe_check(name="every_bank_has_every_row")
    def _complete(cls, df: pd.DataFrame) -> bool:
        return not coverage_problems(df)


def coverage_problems(df: pd.DataFrame) -> list[str]:
    """What an edition lacks: a row some banks have and another does not. The banks and rows
    are the edition's own (banks merge and rename, rows come and go)."""
    return missing_rows(df, "as_of", "bank", ROW)
