"""Database views of npo_loan_terms: rates as numeric ranges, and one summary row per bank."""

from pipeline.database.views import View

VIEWS: tuple[View, ...] = (
    View(
        name="npo_rates",
        description="NPO loan rates by edition, bank and condition as numeric ranges "
                    "(purpose and collateral split out of condition; spread = max - min).",
        needs=("npo_loan_terms",),
        sql="""
SELECT as_of, bank, bank_position, condition,
       split_part(condition, '/', 1) AS purpose,
       split_part(condition, '/', 2) AS collateral,
       is_offered, rate_min_pct, rate_max_pct,
       round(rate_max_pct - rate_min_pct, 3) AS spread_pct,
       rate_tiers_pct, rate_type, value AS printed, note,
       source_file, source_page, source_cell
FROM npo_loan_terms WHERE item = '金利'
ORDER BY as_of, bank_position, row_position""",
        columns={
            "purpose": "Purpose part of condition (つなぎ資金, その他): the text before '/'.",
            "collateral": "Collateral part of condition (無担保, 有担保): the text after '/'.",
            "spread_pct": "rate_max_pct - rate_min_pct, rounded to 3 decimals [percent].",
            "printed": "The rate cell's value as printed (npo_loan_terms.value).",
        },
    ),
    View(
        name="npo_bank_summary",
        description="One row per edition and bank: lending limits, rate ranges by collateral, "
                    "longest term and whether a guarantor is required, for side-by-side reading.",
        needs=("npo_loan_terms",),
        sql="""
SELECT as_of, bank, min(bank_position) AS bank_position,
       max(limit_yen) FILTER (WHERE item = '融資額限度' AND condition = '無担保')
           AS limit_unsecured_yen,
       max(limit_yen) FILTER (WHERE item = '融資額限度' AND condition = '有担保')
           AS limit_secured_yen,
       min(rate_min_pct) FILTER (WHERE item = '金利' AND condition LIKE '%無担保')
           AS rate_unsecured_min_pct,
       max(rate_max_pct) FILTER (WHERE item = '金利' AND condition LIKE '%無担保')
           AS rate_unsecured_max_pct,
       min(rate_min_pct) FILTER (WHERE item = '金利' AND condition LIKE '%有担保')
           AS rate_secured_min_pct,
       max(rate_max_pct) FILTER (WHERE item = '金利' AND condition LIKE '%有担保')
           AS rate_secured_max_pct,
       max(term_max_months) FILTER (WHERE item = '返済期間') AS term_max_months,
       bool_or(is_required) FILTER (WHERE item = '保証人要否') AS guarantor_required
FROM npo_loan_terms
GROUP BY as_of, bank
ORDER BY as_of, bank_position""",
        columns={
            "limit_unsecured_yen": "Lending limit without collateral (融資額限度/無担保) [JPY].",
            "limit_secured_yen": "Lending limit with collateral (融資額限度/有担保) [JPY].",
            "rate_unsecured_min_pct": "Lowest rate of any unsecured (…/無担保) condition "
                                      "[percent].",
            "rate_unsecured_max_pct": "Highest rate of any unsecured (…/無担保) condition "
                                      "[percent].",
            "rate_secured_min_pct": "Lowest rate of any secured (…/有担保) condition [percent].",
            "rate_secured_max_pct": "Highest rate of any secured (…/有担保) condition [percent].",
            "term_max_months": "Longest repayment term of any 返済期間 row [months].",
            "guarantor_required": "Whether a guarantor is required (保証人要否 is 要); null when "
                                  "the cell prints neither 要 nor 否.",
        },
    ),
)
