"""The published datasets: name, schema, primary key, and the explainers of its coverage checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from schemas import npo_loan_terms, plan_key_figures, plan_measures


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

    @property
    def columns(self) -> list[str]:
        return list(self.schema.to_schema().columns)

    @property
    def provenance(self) -> list[str]:
        """Columns saying where a row came from (not part of what the row says)."""
        return [c for c in self.columns if c.startswith("source_")]


DATASETS: dict[str, Dataset] = {
    ds.name: ds
    for ds in (
        Dataset(
            name="npo_loan_terms",
            title="NPO loan programmes of the 13 labour banks (制度概要)",
            schema=npo_loan_terms.NpoLoanTerms,
            key=tuple(npo_loan_terms.KEY),
            edition="as_of",
            explain=npo_loan_terms.coverage_problems,
        ),
        Dataset(
            name="plan_key_figures",
            title="Key figures and ratios of the guarantee association's business plan (事業計画)",
            schema=plan_key_figures.PlanKeyFigures,
            key=tuple(plan_key_figures.KEY),
            edition="fiscal_year",
            explain=plan_key_figures.cross_foot_problems,
        ),
        Dataset(
            name="plan_measures",
            title="Outline of the guarantee association's business plan (事業計画), block by block",
            schema=plan_measures.PlanMeasures,
            key=tuple(plan_measures.KEY),
            edition="fiscal_year",
            explain=plan_measures.outline_problems,
        ),
    )
}
