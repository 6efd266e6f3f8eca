"""Numbers as people read them on the pages: grouped by thousands, never a float's `.0`.

A Parquet float column gives 1814456.0 for a figure printed 1,814,456; a page shows it as
printed. Decimals keep the digits they have (0.11, 2.875), integers none.
"""

from __future__ import annotations

import math


def number(value: object) -> str:
    """`value` (a number, or a number's text) for people: 1814456.0 → 1,814,456, 0.11 → 0.11,
    -5 → -5; text that is no number, and a missing value, as it is ('' for None/NaN)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        x = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return str(value)
    if x == int(x):
        return f"{int(x):,}"
    text = f"{x:.9f}".rstrip("0")
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}.{fraction}" if whole not in ("-0", "0") else text
