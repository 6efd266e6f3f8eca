"""Coverage checks shared by the schemas: every entity has every row its edition's others have.

Each function returns human-readable problems (empty when the frame is complete), so a schema
check can pass or fail on it and the validation report can say exactly what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def _label(values: Sequence) -> str:
    return "/".join(str(v) for v in values if str(v))


def missing_rows(df: pd.DataFrame, edition: str, entity: str, row: Sequence[str]) -> list[str]:
    """Rows some entity lacks that other entities of the same edition have."""
    # One pass over plain tuples: a groupby per edition and entity costs more than the check.
    have: dict[object, dict[object, set[tuple]]] = {}
    for key, name, *values in zip(df[edition], df[entity], *(df[c] for c in row), strict=True):
        if not (pd.isna(key) or pd.isna(name)):  # as groupby: rows without either are left
            have.setdefault(key, {}).setdefault(name, set()).add(tuple(values))
    problems = []
    for key in sorted(have):
        rows = set().union(*have[key].values())
        for name in sorted(have[key]):
            for lack in sorted(rows - have[key][name]):
                problems.append(f"{edition} {key}: {name} lacks row {_label(lack)}")
    return problems
