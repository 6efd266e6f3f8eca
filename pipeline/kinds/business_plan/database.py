"""Database views of the business plan: key figures cross-footed (計 = 無担保 + 有担保)."""

from __future__ import annotations

import pandas as pd

from pipeline.database.views import View
from pipeline.kinds.business_plan.identify import LABELS
from schemas.plan_key_figures import TOTAL, cross_foot

UNSECURED, SECURED = LABELS["unsecured"], LABELS["secured"]
# Each part the total is the sum of, by its printed condition: the view's column for it.
PARTS = {UNSECURED: "unsecured", SECURED: "secured"}


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
        description=f"Business-plan key figures with {TOTAL}, {UNSECURED}, {SECURED} side by "
                    f"side, the difference {TOTAL} - (sum of the parts) and ok when it is within "
                    "one unit of the last printed digit (rounding), by the schema's own rule.",
        needs=("plan_key_figures",),
        rows=cross_foot_rows,
        columns={
            "total": f"The {TOTAL} (total) value as printed, in unit.",
            "unsecured": f"The {UNSECURED} (unsecured) value as printed, in unit.",
            "secured": f"The {SECURED} (secured) value as printed, in unit.",
            "parts": f"Sum of the printed parts ({UNSECURED} + {SECURED}), in unit.",
            "difference": f"{TOTAL} minus the sum of the parts, in unit.",
            "tolerance": "Rounding allowed: one unit of the last printed digit.",
            "ok": "True when the difference is within the tolerance.",
        },
    ),
)
