"""The datasets a business plan publishes: its figure tables and its outline."""

from pipeline.validate.datasets import Dataset
from schemas import plan_key_figures, plan_measures

DATASETS = (
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
