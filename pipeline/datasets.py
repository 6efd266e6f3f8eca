"""The published datasets: name, schema, primary key, and the explainers of its coverage checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from schemas import npo_loan_terms


@dataclass(frozen=True)
class Dataset:
    """One published dataset and how it is checked."""

    name: str
    title: str
    schema: type[pa.DataFrameModel]
    key: tuple[str, ...]
    # Returns readable problems for the schema's whole-frame checks (what is missing, what is off).
    explain: Callable[[pd.DataFrame], list[str]]

    @property
    def columns(self) -> list[str]:
        return list(self.schema.to_schema().columns)


DATASETS: dict[str, Dataset] = {
    ds.name: ds
    for ds in (
        Dataset(
            name="npo_loan_terms",
            title="NPO loan programmes of the 13 labour banks (制度概要)",
            schema=npo_loan_terms.NpoLoanTerms,
            key=tuple(npo_loan_terms.KEY),
            explain=npo_loan_terms.coverage_problems,
        ),
    )
}
