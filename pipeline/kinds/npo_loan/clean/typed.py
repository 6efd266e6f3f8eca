"""The typed columns of a row, read from what it prints: marks, limits, rates and terms.

Computed from the published text alone (mark, value, unit, note), so a corrected text gives
its typed columns the same way the printed one did.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.kinds.npo_loan.clean.values import (
    MARKS_OFFERED,
    MARKS_REQUIRED,
    UNITS,
    is_not_offered,
    limit_yen,
    parse_span,
    rate_span_pct,
    rate_type,
    term_span_months,
)

# A value printed only with numerals (digits, separators, ranges, tiers): it must read as a number.
_NUMERALS = re.compile(r"[\d,，.．～〜~\s\u2460-\u2473]*\d[\d,，.．～〜~\s\u2460-\u2473]*")


def is_offered(mark: str, value: str) -> bool | None:
    """False for × or a dash, True for ○ or any other printed value, None when nothing says."""
    if is_not_offered(value):
        return False
    offered = MARKS_OFFERED.get(mark)
    if offered is None and value:
        return True
    return offered


def check_number(value: str, unit: str, where: str) -> None:
    """PipelineError for a value printed in numerals with a unit that does not read as a number
    (2.1.25 ％): publishing it untyped would hide a misprint or a misread."""
    if unit in UNITS and _NUMERALS.fullmatch(value) and parse_span(value) is None:
        raise PipelineError(f"value {value!r} {unit} does not read as a number ({where})")


def typed_columns(mark: str, value: str, unit: str, note: str) -> dict[str, Any]:
    """Every typed column of a row from its printed mark, value, unit and note."""
    rates = rate_span_pct(value, unit)
    terms = term_span_months(value, unit)
    return {
        "is_offered": is_offered(mark, value),
        "is_required": MARKS_REQUIRED.get(mark),
        "limit_yen": limit_yen(value, unit),
        "rate_min_pct": rates.low if rates else None,
        "rate_max_pct": rates.high if rates else None,
        "rate_tiers_pct": " ".join(rates.parts) if rates and rates.parts else "",
        "rate_type": (rate_type(value, note) or "") if unit == "％" else "",
        "term_min_months": terms[0] if terms else None,
        "term_max_months": terms[1] if terms else None,
    }
