"""Both extract engines read every producer variant (Calc, Writer, Chromium, reportlab) the
same, cell by cell and line by line (characters the clean stage folds alike apart): the
condition for PDFium being the default engine; and character by character (spaces aside, see
tests/extract/engines/agree.py), where a drift too small to move a cell's box shows first
(Chromium's fonts have widths with fractions, which PDFium used to drop)."""

from __future__ import annotations

import pytest

from pipeline.crosscheck.engines import compare_engines
from tests.extract.engines.agree import primitive_differences
from tests.producers.cases import cases

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", cases("reportlab", "calc", "writer", "writer-html", "chromium",
                                       xfail=False))
def test_engines_agree_on_the_variant(case, producers) -> None:
    result = compare_engines(producers.pdf(case))
    assert result.cells > 0
    assert not result.problems, "\n".join(map(str, result.problems[:20]))


@pytest.mark.parametrize("case", cases("reportlab", "calc", "writer", "chromium", xfail=False))
def test_engines_agree_on_every_character(case, producers) -> None:
    assert primitive_differences(producers.pdf(case)) == []
