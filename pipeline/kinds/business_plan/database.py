"""Database views of the business plan: key figures cross-footed (計 = 無担保 + 有担保)."""

from __future__ import annotations

import pandas as pd

from pipeline.database.views import View
from schemas.plan_key_figures import TOTAL, cross_foot

PARTS = {"無担保": "unsecured", "有担保": "secured"}


def cross_foot_rows(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The schema's cross-foot of every item, with its printed parts side by side."""
    figures = frames["plan_key_figures"]
    checked = cross_foot(figures)
    for condition, column in PARTS.items():
        part = figures[figures["condition"] == condition]
        values = part.set_index(["fiscal_year", "table", "item"])["value"]
        keys = list(zip(checked["fiscal_year"], checked["table"], checked["item"], strict=True))
        checked.insert(checked.columns.get_loc("parts"), column,
                       [values.get(key) for key in keys])
    return checked.drop(columns=["printed"])


VIEWS = (
    View(
        name="plan_key_figures_cross_foot",
        description=f"Business-plan key figures with {TOTAL}, 無担保, 有担保 side by side, the "
                    f"difference {TOTAL} - (sum of the parts) and ok when it is within one unit "
                    "of the last printed digit (rounding), by the schema's own rule.",
        needs=("plan_key_figures",),
        rows=cross_foot_rows,
        columns={
            "total": f"The {TOTAL} (total) value as printed, in unit.",
            "unsecured": "The 無担保 (unsecured) value as printed, in unit.",
            "secured": "The 有担保 (secured) value as printed, in unit.",
            "parts": "Sum of the printed parts (無担保 + 有担保), in unit.",
            "difference": f"{TOTAL} minus the sum of the parts, in unit.",
            "tolerance": "Rounding allowed: one unit of the last printed digit.",
            "ok": "True when the difference is within the tolerance.",
        },
    ),
)
