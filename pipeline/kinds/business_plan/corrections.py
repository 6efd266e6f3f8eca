"""Correcting a business plan: a figure's printed number (value_text) or unit, from which value
and amount_yen are read again; a block's text (plan_measures has no typed columns)."""

from __future__ import annotations

from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.text import join_lines, squeeze, unify_ideographs
from pipeline.corrections.correctable import Correctable
from pipeline.kinds.business_plan.clean.figures import amount_yen, parse_number


def tidy_figure(field: str, text: str) -> str:
    """A corrected figure or unit as the cleaner writes them: without spaces, ％ full-width."""
    text = squeeze(text)
    return text.replace("%", "％") if field == "unit" else text


def retype_figure(row: dict[str, Any]) -> dict[str, Any]:
    """value and amount_yen from value_text and unit; PipelineError if it is no number."""
    value = parse_number(row["value_text"])
    if value is None:
        raise PipelineError(f"value_text {row['value_text']!r} is not a number")
    return {"value": float(value), "amount_yen": amount_yen(value, row["unit"])}


def tidy_text(field: str, text: str) -> str:
    """A block's corrected text as printed text is kept: lines joined, not NFKC-folded."""
    return join_lines(unify_ideographs(text))


CORRECTABLE = {
    "plan_key_figures": Correctable(("value_text", "unit"), ("value", "amount_yen"),
                                    retype_figure, tidy_figure),
    "plan_measures": Correctable(("text",), (), tidy=tidy_text),
}
