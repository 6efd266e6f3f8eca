"""The NPO loan comparison table (制度概要): the labour banks' NPO loan programmes side by side."""

from pipeline.kinds import Kind

KIND = Kind(
    name="npo_loan",
    title="NPO loan programmes of the labour banks (制度概要)",
    publisher="労働金庫 (the 13 labour banks, 北海道労働金庫 … 沖縄県労働金庫)",
)
