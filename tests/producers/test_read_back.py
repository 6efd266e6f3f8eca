"""Every producer variant (Calc, Writer, Chromium, reportlab) read back by the real pipeline.

Each case's PDF goes through `run_all` in-process and the published CSVs are compared cell for
cell with the truth its generator wrote (tests/producers/compare.py). Cases the pipeline cannot
read yet are strict xfails naming what goes wrong (tests/producers/cases.py). Reportlab cases
come first, so the office documents are converted while they are read back, and Chromium's
last, printed once soffice is done.
"""

from __future__ import annotations

import json

import pytest

from tests.producers.cases import CASES, cases
from tests.producers.claims import claims
from tests.producers.compare import read_back
from tests.variants.office import truth_path

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", cases("reportlab", "calc", "writer", "writer-html", "chromium"))
def test_variant_reads_back(case, producers, tmp_path) -> None:
    problems = read_back(producers.pdf(case), tmp_path / "out")
    assert not problems, f"{len(problems)} mismatch(es):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name, marks=case.marks)
                                  for case in CASES
                                  if (case.producer != "reportlab" and case.options)
                                  or {"borders", "shading"} & set(case.options)])
def test_variant_is_printed_as_claimed(case, producers) -> None:
    """The PDF shows what the case's options say (so a read-back failure means something);
    a case printed with the default options is the shipped layout, seen by eye."""
    pdf = producers.pdf(case)
    truth = json.loads(truth_path(pdf).read_text("utf-8"))
    assert claims(case, pdf, truth) == []
