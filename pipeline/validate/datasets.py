"""The published datasets: each kind's declarations (pipeline/kinds/*/datasets.py) in one map."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import pandas as pd
import pandera.pandas as pa

from pipeline.kinds import DATASETS_PART, kinds, packages
from schemas.fields import CORRECTION, POSITION


@dataclass(frozen=True)
class Dataset:
    """One published dataset and how it is checked."""

    name: str
    title: str
    schema: type[pa.DataFrameModel]
    # Primary key, edition column first (as_of or fiscal_year): one edition per annual document.
    key: tuple[str, ...]
    edition: str
    # Returns readable problems for the schema's whole-frame checks (what is missing, what is off).
    explain: Callable[[pd.DataFrame], list[str]]
    # The column naming what the rows are about, that editions may gain or lose as a whole (a
    # bank that merges): the diff reports those in one line, not row by row.
    entity: str = ""
    # The kind of document the dataset is read from (filled in by the registry).
    kind: str = ""

    @property
    def columns(self) -> list[str]:
        return list(self.schema.to_schema().columns)

    @property
    def provenance(self) -> list[str]:
        """Columns saying where a row came from (not part of what the row says)."""
        return [c for c in self.columns if c.startswith("source_")]

    @property
    def positions(self) -> list[str]:
        """Columns saying where a row was printed, to sort by (not what the row says)."""
        return self._with_role(POSITION)

    @property
    def corrections(self) -> list[str]:
        """The column saying whether (and why) a reviewer corrected the row: `corrected`."""
        return self._with_role(CORRECTION)

    def _with_role(self, role: str) -> list[str]:
        columns = self.schema.to_schema().columns
        return [c for c, col in columns.items() if (col.metadata or {}).get("role") == role]


class DatasetsModule(Protocol):
    """What a kind's datasets.py defines (the contract of DATASETS_PART)."""

    # Every dataset the kind publishes, each named once across all kinds.
    DATASETS: Sequence[Dataset]


class _Registry(Mapping[str, Dataset]):
    """Every registered kind's datasets by name, looked up afresh when the kinds change."""

    def __init__(self) -> None:
        self._for: tuple[str, ...] = ()
        self._map: dict[str, Dataset] = {}

    def _datasets(self) -> dict[str, Dataset]:
        if self._for != packages():
            found: dict[str, Dataset] = {}
            for kind in kinds():
                part = kind.part(DATASETS_PART)
                for dataset in part.DATASETS if part else ():
                    found[dataset.name] = replace(dataset, kind=kind.name)
            self._map, self._for = found, packages()
        return self._map

    def __getitem__(self, name: str) -> Dataset:
        return self._datasets()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._datasets())

    def __len__(self) -> int:
        return len(self._datasets())


DATASETS: Mapping[str, Dataset] = _Registry()
