"""The two extract engines agree on every shipped PDF and every reportlab edition, and the
comparison names what differs."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from pipeline.crosscheck.engines import compare_artifacts, compare_engines
from pipeline.extract.document import extract_pdf
from tests.conftest import NPO_PDF, PLAN_PDF, RAW, ROOT
from tests.kinds.business_plan.test_variants import VARIANTS as PLAN_VARIANTS
from tests.kinds.npo_loan.test_variants import VARIANTS as NPO_VARIANTS
from tests.variants.npo_pdf import render_npo_pdf
from tests.variants.plan_pdf import render_plan_pdf

pytestmark = pytest.mark.slow


def assert_agree(pdf) -> None:
    result = compare_engines(pdf)
    assert result.cells + result.lines > 0
    assert not result.problems, "\n".join(map(str, result.problems[:20]))


@pytest.mark.parametrize("pdf", [NPO_PDF, PLAN_PDF], ids=lambda p: p.stem)
def test_engines_agree_on_the_shipped_pdfs(pdf) -> None:
    assert_agree(pdf)


@pytest.mark.parametrize("name", list(NPO_VARIANTS))
def test_engines_agree_on_every_npo_variant(name, tmp_path) -> None:
    edition, options = NPO_VARIANTS[name]
    assert_agree(render_npo_pdf(edition, tmp_path / "x.pdf", **options))


@pytest.mark.parametrize("name", list(PLAN_VARIANTS))
def test_engines_agree_on_every_plan_variant(name, tmp_path) -> None:
    make, options = PLAN_VARIANTS[name]
    assert_agree(render_plan_pdf(make(), tmp_path / "plan.pdf", **options))


def test_a_changed_cell_and_line_are_named() -> None:
    first = extract_pdf(NPO_PDF, engine="pdfium")
    second = copy.deepcopy(first)
    second["pages"][1]["tables"][0]["cells"][40]["text"] = "改ざん"
    second["pages"][0]["lines"][0]["top"] += 0.5
    problems = [str(p) for p in compare_artifacts(first, second)]
    assert len(problems) == 2, problems
    assert any(p.startswith("page 2 table 1 R") and "text differs" in p and "改ざん" in p
               for p in problems)
    assert any(p.startswith("page 1 line 1: position differs") for p in problems)
    assert compare_artifacts(first, first) == []


def test_crosscheck_command_compares_the_engines() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "crosscheck", "--check", "engines",
         *map(str, sorted(RAW.glob("*.pdf")))],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summaries = [line for line in result.stdout.splitlines() if line.startswith("engines ")]
    assert len(summaries) == 2
    assert all(" 0 disagreement(s) (pdfplumber vs pdfium)" in line for line in summaries)
    assert "camelot" not in result.stdout


@pytest.mark.parametrize("pdf", [NPO_PDF, PLAN_PDF], ids=lambda p: p.stem)
def test_the_datasets_are_the_same_from_either_engine(pdf) -> None:
    """Every record the clean stage makes, provenance boxes included, whichever engine read it."""
    from pipeline.clean.run import clean_artifact

    cleaned = [clean_artifact(extract_pdf(pdf, engine=engine))
               for engine in ("pdfplumber", "pdfium")]
    assert cleaned[0]["datasets"] == cleaned[1]["datasets"]
