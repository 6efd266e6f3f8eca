"""Views of the database: the generic latest-edition view of every dataset, and each kind's own.

A view is SQL over the dataset tables, or rows computed in Python from the published frames
(where the rule it shows is defined once in Python, such as a schema's cross-foot): those are
stored as a table of the view's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from pipeline.kinds import DATABASE_PART, kinds
from pipeline.validate.datasets import DATASETS


@dataclass(frozen=True)
class View:
    """A view over one or more dataset tables; created only when they are all published."""

    name: str
    description: str
    needs: tuple[str, ...]
    sql: str = ""
    rows: Callable[[dict[str, pd.DataFrame]], pd.DataFrame] | None = None
    # Descriptions of the columns the view makes (the database stores them as column comments);
    # a column named as one of the tables' it reads takes that column's description.
    columns: Mapping[str, str] = field(default_factory=dict)


class DatabaseModule(Protocol):
    """What a kind's database.py defines (the contract of DATABASE_PART)."""

    # The kind's own views, created when the tables each needs are published.
    VIEWS: Sequence[View]


def q(name: str) -> str:
    """A quoted SQL identifier (some column names, like `table`, are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def latest_view(name: str) -> View:
    """Rows of `name` from the latest edition (generic over DATASETS).

    Where the rest of the key names an entity (bank, item, condition), each one is taken from
    the latest edition that has it; where it is only a reading-order number (seq), rows of
    different editions are unrelated, so the view is the latest edition as a whole.
    """
    dataset = DATASETS[name]
    rest = [c for c in dataset.key if c != dataset.edition]
    columns = dataset.schema.to_schema().columns
    order = ", ".join(q(c) for c in rest)
    edition = q(dataset.edition)
    if all(str(columns[c].dtype).lower().startswith("int") for c in rest):
        return View(
            name=f"{name}_latest",
            description=f"{name}: the rows of the latest {dataset.edition} only.",
            needs=(name,),
            sql=f"SELECT * FROM {q(name)} WHERE {edition} = (SELECT max({edition}) "
                f"FROM {q(name)}) ORDER BY {order}",
        )
    return View(
        name=f"{name}_latest",
        description=f"{name}: each {', '.join(rest)} as of its latest {dataset.edition} "
                    "(older editions hidden).",
        needs=(name,),
        sql=f"SELECT * FROM {q(name)} QUALIFY row_number() OVER "
            f"(PARTITION BY {order} ORDER BY {edition} DESC) = 1 ORDER BY {order}",
    )


def kind_views() -> list[View]:
    """Every registered kind's own views (its database.py VIEWS), in registry order."""
    found: list[View] = []
    for kind in kinds():
        part = kind.part(DATABASE_PART)
        found += list(part.VIEWS) if part else []
    return found


def views_for(names: list[str]) -> list[View]:
    """The views to create when the datasets `names` are published, in creation order."""
    have = set(names)
    generic = [latest_view(name) for name in sorted(have) if name in DATASETS]
    return generic + [view for view in kind_views() if set(view.needs) <= have]
