"""The NPO loan comparison table (制度概要): the labour banks' NPO loan programmes side by side."""

from pipeline.kinds import Kind

KIND = Kind(
    name="npo_loan",
    title="NPO loan programmes of the labour banks (制度概要)",
    publisher="労働金庫 (the labour banks each edition's table names)",
)
