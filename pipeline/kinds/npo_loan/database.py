"""Database views of npo_loan_terms: rates as numeric ranges, and one summary row per bank."""

from pipeline.database.views import View
from pipeline.kinds.npo_loan.identify import LABELS

LIMIT, RATE, TERM = LABELS["limit"], LABELS["rate"], LABELS["term"]
GUARANTOR, UNSECURED, SECURED = LABELS["guarantor"], LABELS["unsecured"], LABELS["secured"]

VIEWS: tuple[View, ...] = (
    View(
        name="npo_rates",
        description="NPO loan rates by edition, bank and condition as numeric ranges "
                    "(purpose and collateral split out of condition; spread = max - min).",
        needs=("npo_loan_terms",),
        sql=f"""
SELECT as_of, bank, bank_position, condition,
       split_part(condition, '/', 1) AS purpose,
       split_part(condition, '/', 2) AS collateral,
       is_offered, rate_min_pct, rate_max_pct,
       round(rate_max_pct - rate_min_pct, 3) AS spread_pct,
       rate_tiers_pct, rate_type, value AS printed, note,
       source_file, source_page, source_cell
FROM npo_loan_terms WHERE item = '{RATE}'
ORDER BY as_of, bank_position, row_position""",
        columns={
            "purpose": "Purpose part of condition (つなぎ資金, その他): the text before '/'.",
            "collateral": f"Collateral part of condition ({UNSECURED}, {SECURED}): the text "
                          "after '/'.",
            "spread_pct": "rate_max_pct - rate_min_pct, rounded to 3 decimals [percent].",
            "printed": "The rate cell's value as printed (npo_loan_terms.value).",
        },
    ),
    View(
        name="npo_bank_summary",
        description="One row per edition and bank: lending limits, rate ranges by collateral, "
                    "longest term and whether a guarantor is required, for side-by-side reading.",
        needs=("npo_loan_terms",),
        sql=f"""
SELECT as_of, bank, min(bank_position) AS bank_position,
       max(limit_yen) FILTER (WHERE item = '{LIMIT}' AND condition = '{UNSECURED}')
           AS limit_unsecured_yen,
       max(limit_yen) FILTER (WHERE item = '{LIMIT}' AND condition = '{SECURED}')
           AS limit_secured_yen,
       min(rate_min_pct) FILTER (WHERE item = '{RATE}' AND condition LIKE '%{UNSECURED}')
           AS rate_unsecured_min_pct,
       max(rate_max_pct) FILTER (WHERE item = '{RATE}' AND condition LIKE '%{UNSECURED}')
           AS rate_unsecured_max_pct,
       min(rate_min_pct) FILTER (WHERE item = '{RATE}' AND condition LIKE '%{SECURED}')
           AS rate_secured_min_pct,
       max(rate_max_pct) FILTER (WHERE item = '{RATE}' AND condition LIKE '%{SECURED}')
           AS rate_secured_max_pct,
       max(term_max_months) FILTER (WHERE item = '{TERM}') AS term_max_months,
       bool_or(is_required) FILTER (WHERE item = '{GUARANTOR}') AS guarantor_required
FROM npo_loan_terms
GROUP BY as_of, bank
ORDER BY as_of, bank_position""",
        columns={
            "limit_unsecured_yen": f"Lending limit without collateral ({LIMIT}/{UNSECURED}) "
                                   "[JPY].",
            "limit_secured_yen": f"Lending limit with collateral ({LIMIT}/{SECURED}) [JPY].",
            "rate_unsecured_min_pct": f"Lowest rate of any unsecured (…/{UNSECURED}) condition "
                                      "[percent].",
            "rate_unsecured_max_pct": f"Highest rate of any unsecured (…/{UNSECURED}) condition "
                                      "[percent].",
            "rate_secured_min_pct": f"Lowest rate of any secured (…/{SECURED}) condition "
                                    "[percent].",
            "rate_secured_max_pct": f"Highest rate of any secured (…/{SECURED}) condition "
                                    "[percent].",
            "term_max_months": f"Longest repayment term of any {TERM} row [months].",
            "guarantor_required": f"Whether a guarantor is required ({GUARANTOR} is 要); null "
                                  "when the cell prints neither 要 nor 否.",
        },
    ),
)
