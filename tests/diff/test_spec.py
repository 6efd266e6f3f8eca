from __future__ import annotations

import pandera.pandas as pa
import pytest
from pandera.typing import Series

from pipeline.core.errors import PipelineError
from pipeline.diff.spec import BOOL, NUMBER, TEXT, spec_for
from pipeline.validate.datasets import Dataset
from tests.diff.helpers import MEASURES, NPO


def test_keyed_dataset_matches_on_key_without_edition() -> None:
    spec = spec_for(NPO)
    assert spec.identity == ("bank", "item", "condition")
    assert not spec.outline
    assert "as_of" not in spec.fields
    assert not set(spec.identity) & set(spec.fields)
    assert not [f for f in spec.fields if f.startswith("source_")]
    assert "source_bbox" in spec.ignored and "corrected" in spec.ignored
    assert "corrected" not in spec.fields
    assert spec.kinds["note"] == TEXT
    assert spec.kinds["limit_yen"] == NUMBER
    assert spec.kinds["is_offered"] == BOOL
    assert spec.units["rate_min_pct"] == "percent"
    assert spec.units["limit_yen"] == "JPY"


def test_dataset_keyed_by_reading_order_is_matched_by_outline() -> None:
    spec = spec_for(MEASURES)
    assert spec.outline
    assert spec.identity == ("path",)
    assert "seq" not in spec.fields and "source_page" not in spec.fields
    assert {"text", "path", "number"} <= set(spec.fields)


def test_reading_order_key_without_path_is_an_error() -> None:
    class Bare(pa.DataFrameModel):
        year: Series[int]
        seq: Series[int]
        words: Series[str]

    bare = Dataset(name="bare", title="", schema=Bare, key=("year", "seq"), edition="year",
                   explain=lambda df: [])
    with pytest.raises(PipelineError, match="bare.*seq"):
        spec_for(bare)
