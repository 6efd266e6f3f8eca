"""The guarantee association's annual business plan (事業計画): key figures and its outline."""

from pipeline.kinds import Kind

KIND = Kind(
    name="business_plan",
    title="Business plan of the guarantee association (事業計画)",
    datasets=("plan_key_figures", "plan_measures"),
)
