"""A bank's printed parts as published: a value cell that prints its unit too is split."""

from __future__ import annotations

import pytest

from pipeline.kinds.npo_loan.clean.cells import Parts
from pipeline.kinds.npo_loan.clean.record import printed
from pipeline.kinds.npo_loan.clean.typed import typed_columns


@pytest.mark.parametrize(
    ("cell", "value", "unit", "yen"),
    [
        ("1,000万円", "1,000", "万円", 10_000_000),
        ("3百万円", "3", "百万円", 3_000_000),  # the unit the reference table knows, whole
        ("5千万円", "5千", "万円", 50_000_000),  # a number word stays with its number
        ("1億5,000万円", "1億5,000", "万円", 150_000_000),
        ("1億円", "1", "億円", 100_000_000),
        ("数百万円", "数百万円", "", None),  # no number: printed as is
    ],
)
def test_a_value_printing_its_unit_is_split(cell, value, unit, yen) -> None:
    text = printed(Parts(value=[cell]))
    assert (text["value"], text["unit"]) == (value, unit)
    assert typed_columns(**text)["limit_yen"] == yen
