"""Pages stored turned, as printer drivers store landscape (a portrait MediaBox, /Rotate 90 and
the content turned back), read back cell for cell by the real pipeline with BOTH engines, and
the engines agreeing on them.

Two independent ways: LibreOffice's and Chromium's PDFs of the producer cases turned afterwards
by pypdf (tests/variants/rotate.py: by `cm` or a form's /Matrix, /Rotate on the page or
inherited, written as -90 or 450, the MediaBox off the origin, a CropBox), and reportlab storing
its pages turned as it draws them. Content turned by a matrix alone (sideways text, /Rotate 0)
is not a table the pipeline reads; the engines agree on its characters and rules.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from pipeline.crosscheck.engines import compare_engines
from pipeline.extract.engines import NAMES
from tests.extract.engines.agree import primitive_differences
from tests.producers.cases import CASES, NPO, PLAN, Case
from tests.producers.compare import read_back
from tests.variants import editions as E
from tests.variants.office import truth_path
from tests.variants.rotate import rotations, sideways_pdf, turn_pdf

pytestmark = pytest.mark.slow

BY_NAME = {case.name: case for case in CASES}


@dataclass(frozen=True)
class Turned:
    """A producer case's PDF stored turned by `rotate` (turn_pdf's `options`)."""

    base: str
    rotate: int
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """E.g. calc-inner-all-turned-90-inherited-origin-120,40."""
        def show(key: str, value: Any) -> str:
            if value is True or isinstance(value, str):
                return key if value is True else value
            numbers = value if isinstance(value, tuple) else (value,)
            return key + ",".join(f"{n:g}" for n in numbers)

        return "-".join([f"{self.base}-turned-{self.rotate}",
                         *(show(k, v) for k, v in self.options.items())])


# Every angle for each document kind from two producers, each way of writing the page.
TURNED = (
    Turned("calc-inner-all", 90, {"inherited": True, "origin": (-120.0, 40.0)}),
    Turned("calc-inner-all", 270, {"written": -90, "crop": 8.0}),
    Turned("calc-4-3-3-3-natural-breaks", 180, {"via": "form"}),
    Turned("chromium-npo", 90, {"written": 450, "crop": 5.0}),
    Turned("chromium-npo", 270, {"via": "form", "inherited": True}),
    Turned("writer-grid", 90, {"via": "form"}),
    Turned("writer-split-repeat-header", 270, {"written": 630, "origin": (30.0, 60.0)}),
    Turned("chromium-plan", 180, {"crop": 4.0}),
    Turned("chromium-plan-rows-only", 270, {"inherited": True, "written": -90}),
)
# reportlab storing its own pages turned as it draws them
DRAWN = (
    Case("reportlab-npo-turned-90", "reportlab", NPO, lambda: E.next_year(E.load_npo()),
         {"rotate": 90, "banks_per_page": (6, 7)}),
    Case("reportlab-plan-turned-270", "reportlab", PLAN, E.load_plan, {"rotate": 270}),
)


def _turned(turned: Turned, producers) -> Path:
    """The turned copy of the base case's PDF, made once per session, its truth beside it."""
    base = producers.pdf(BY_NAME[turned.base])
    pdf = producers.folder / "turned" / turned.name / f"{turned.name}.pdf"
    if not pdf.exists():
        turn_pdf(base, pdf, turned.rotate, **turned.options)
        shutil.copy(truth_path(base), truth_path(pdf))
    return pdf


def _params(items: tuple) -> list[Any]:
    """pytest params of turned cases, marked with their producer's program."""
    return [pytest.param(item, id=item.name,
                         marks=(BY_NAME[item.base] if isinstance(item, Turned) else item).marks)
            for item in items]


def _pdf(item: Turned | Case, producers) -> Path:
    return _turned(item, producers) if isinstance(item, Turned) else producers.pdf(item)


@pytest.mark.parametrize("engine", NAMES)
@pytest.mark.parametrize("item", _params(TURNED + DRAWN))
def test_turned_variant_reads_back(item, engine, producers, tmp_path) -> None:
    problems = read_back(_pdf(item, producers), tmp_path / "out", engine=engine)
    assert not problems, f"{len(problems)} mismatch(es):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("item", _params(TURNED + DRAWN))
def test_engines_agree_on_the_turned_variant(item, producers) -> None:
    pdf = _pdf(item, producers)
    result = compare_engines(pdf)
    assert result.cells > 0
    assert not result.problems, "\n".join(map(str, result.problems[:20]))
    assert primitive_differences(pdf) == []


@pytest.mark.parametrize("item", _params(TURNED))
def test_turned_variant_is_stored_as_claimed(item, producers) -> None:
    """Every page has the /Rotate asked for and shows as the producer printed it."""
    pdf = _turned(item, producers)
    base = producers.pdf(BY_NAME[item.base])

    def shown(path: Path) -> list[tuple[int, int]]:
        with pdfplumber.open(path) as document:
            return [(round(page.width), round(page.height)) for page in document.pages]

    assert rotations(base) == [0] * len(rotations(base))
    assert rotations(pdf) == [item.rotate] * len(rotations(base))
    assert shown(pdf) == shown(base)


@pytest.mark.parametrize("item", _params(
    (Turned("calc-inner-all", 90), Turned("writer-grid", 180), Turned("chromium-npo", 270))))
def test_engines_agree_on_sideways_text(item, producers, tmp_path) -> None:
    pdf = sideways_pdf(producers.pdf(BY_NAME[item.base]), tmp_path / "x.pdf", item.rotate // 90)
    assert set(rotations(pdf)) == {0}
    assert primitive_differences(pdf) == []
