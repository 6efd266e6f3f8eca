"""The one dataset of the test-only fee schedule."""

from pipeline.validate.datasets import Dataset
from tests.kinds.toy import schema

DATASETS = (
    Dataset(name="toy_fees", title="Fees of the test-only fee schedule (料金表)",
            schema=schema.ToyFees, key=tuple(schema.KEY), edition="fiscal_year",
            explain=lambda frame: []),
)
