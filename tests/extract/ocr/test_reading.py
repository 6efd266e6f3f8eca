"""What counts as a reading that parses under a cell's character set (re-read otherwise)."""

from __future__ import annotations

import pytest

from pipeline.extract.ocr.reading import parses


@pytest.mark.parametrize("text", ["1,000", "2.875", "1.600～2.300", "5-7", "％", "万円", "否",
                                  "1,000万円", "12か月", "(2.5%)"])
def test_values_marks_and_units_parse(text: str) -> None:
    assert parses(text)


@pytest.mark.parametrize("text", ["ヒュ4", "1.520.～1.800", "理", "1,0000", "2..5", ""])
def test_misreadings_do_not(text: str) -> None:
    assert not parses(text)
