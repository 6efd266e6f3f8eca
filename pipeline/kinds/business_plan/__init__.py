"""The guarantee association's annual business plan (事業計画): key figures and its outline."""

from pipeline.kinds import Kind

KIND = Kind(
    name="business_plan",
    title="Business plan of the guarantee association (事業計画)",
    publisher="日本労働者信用基金協会 (日本労信協, the labour banks' credit guarantee association)",
)
