"""Tables printed sideways: a page left at /Rotate 0 whose content is turned a quarter (the
reader turns their head), read back cell for cell by the real pipeline with BOTH engines, and
the engines agreeing on them (pipeline/extract/sideways.py).

Producer cases' PDFs (Calc, Writer, Chromium, reportlab) turned afterwards by pypdf
(tests/variants/rotate.py `sideways_pdf`): each way round, every page or one page of the
document only, ruled, ruled by rows only and unruled (backgrounds turned too), the NPO table
and the business plan (its outline and a figure table broken over two pages).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from pipeline.crosscheck.engines import compare_engines
from pipeline.extract.engines import NAMES
from tests.extract.engines.agree import primitive_differences
from tests.producers.cases import CASES
from tests.producers.compare import read_back
from tests.variants.office import truth_path
from tests.variants.rotate import rotations, sideways_pdf

pytestmark = pytest.mark.slow

BY_NAME = {case.name: case for case in CASES}


@dataclass(frozen=True)
class Sideways:
    """A producer case's PDF with its content turned `turns` quarters anticlockwise on the
    pages numbered `pages` (every page: None)."""

    base: str
    turns: int
    pages: tuple[int, ...] | None = None

    @property
    def name(self) -> str:
        which = "" if self.pages is None else "-pages-" + ",".join(map(str, self.pages))
        return f"{self.base}-sideways-{self.turns}{which}"


SIDEWAYS = (
    Sideways("calc-inner-all", 1),
    Sideways("calc-4-3-3-3-natural-breaks", 3, (2,)),
    Sideways("chromium-npo-rows-only", 3),
    Sideways("writer-npo-zebra", 1, (2,)),
    Sideways("reportlab-npo-zebra", 1),
    Sideways("writer-grid", 1),
    Sideways("chromium-plan-zebra-kana-items", 3),
    Sideways("writer-unruled-ratios-broken", 1),
    Sideways("reportlab-plan-thousand-yen", 3),
)


def _pdf(item: Sideways, producers) -> Path:
    """The sideways copy of the base case's PDF, made once per session, its truth beside it."""
    base = producers.pdf(BY_NAME[item.base])
    pdf = producers.folder / "sideways" / item.name / f"{item.name}.pdf"
    if not pdf.exists():
        sideways_pdf(base, pdf, item.turns, item.pages)
        shutil.copy(truth_path(base), truth_path(pdf))
    return pdf


PARAMS = [pytest.param(item, id=item.name, marks=BY_NAME[item.base].marks) for item in SIDEWAYS]


@pytest.mark.parametrize("engine", NAMES)
@pytest.mark.parametrize("item", PARAMS)
def test_sideways_variant_reads_back(item, engine, producers, tmp_path) -> None:
    problems = read_back(_pdf(item, producers), tmp_path / "out", engine=engine)
    assert not problems, f"{len(problems)} mismatch(es):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("item", PARAMS)
def test_engines_agree_on_the_sideways_variant(item, producers) -> None:
    pdf = _pdf(item, producers)
    result = compare_engines(pdf)
    assert result.cells > 0
    assert not result.problems, "\n".join(map(str, result.problems[:20]))
    assert primitive_differences(pdf) == []


@pytest.mark.parametrize("item", PARAMS)
def test_sideways_variant_is_printed_as_claimed(item, producers) -> None:
    """No page is stored turned, and the pages asked for print most of their text sideways."""
    pdf = _pdf(item, producers)
    assert set(rotations(pdf)) == {0}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            ink = [c for c in page.chars if not c["text"].isspace()]
            sideways = sum(not c["upright"] for c in ink) > len(ink) / 2
            assert sideways == (item.pages is None or number in item.pages), number
