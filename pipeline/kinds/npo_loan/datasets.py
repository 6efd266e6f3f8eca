"""The dataset the NPO comparison table publishes."""

from pipeline.validate.datasets import Dataset
from schemas import npo_loan_terms

DATASETS = (
    Dataset(
        name="npo_loan_terms",
        title="NPO loan programmes of the labour banks (制度概要)",
        schema=npo_loan_terms.NpoLoanTerms,
        key=tuple(npo_loan_terms.KEY),
        edition="as_of",
        explain=npo_loan_terms.coverage_problems,
        entity="bank",
    ),
)
