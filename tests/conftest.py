"""Shared fixtures: the shipped PDFs, their truth files, and a cache of extract artifacts."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
DATA = Path(__file__).resolve().parent / "data"
NPO_PDF = RAW / "npo_loan_comparison_2025-04-01.pdf"
PLAN_PDF = RAW / "business_plan_2025.pdf"
_NPO_TRUTH = json.loads((DATA / "npo_loan_comparison_2025-04-01.truth.json").read_text("utf-8"))
# The shipped edition's banks (north to south, as printed) and rows (item, condition).
SHIPPED_BANKS: tuple[str, ...] = tuple(b for page in _NPO_TRUTH["pages"] for b in page)
SHIPPED_ROWS: tuple[tuple[str, str], ...] = tuple(
    (row.split("/")[0], "/".join(row.split("/")[1:])) for row in _NPO_TRUTH["rows"]
)


# `make test` runs pytest inside make: the makes tests start would inherit its level and flags
# and print `make[1]: ...`. Tests check what a user's own `make` prints, so they start afresh.
for _name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"):
    os.environ.pop(_name, None)


# Tests that run an outside program (Tesseract, Chromium, LibreOffice) are slow by nature:
# `make test-fast` (pytest -m "not slow") leaves them out with the other slow ones.
PROGRAMS = ("ocr", "browser", "office")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(name) for name in PROGRAMS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def npo_truth() -> dict[str, Any]:
    return json.loads((DATA / "npo_loan_comparison_2025-04-01.truth.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def plan_truth() -> dict[str, Any]:
    return json.loads((DATA / "business_plan_2025.truth.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def npo_extracted() -> dict[str, Any]:
    from pipeline.extract.document import extract_pdf

    return extract_pdf(NPO_PDF)


@pytest.fixture(scope="session")
def plan_extracted() -> dict[str, Any]:
    from pipeline.extract.document import extract_pdf

    return extract_pdf(PLAN_PDF)


@pytest.fixture()
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of raw/ a test may add to or break."""
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    return folder


@pytest.fixture(scope="session")
def published_once(tmp_path_factory) -> Path:
    """raw/ run through every stage once per session (for the database and report tests)."""
    from tests.downstream import publish_raw

    return publish_raw(tmp_path_factory.mktemp("published"))


# Two reviewer's corrections of the shipped PDFs: an NPO limit and a plan figure.
CORRECTIONS = (
    "dataset,edition,key,field,printed,corrected,reason\n"
    'npo_loan_terms,2025-04-01,北海道労働金庫|融資額限度|無担保,value,"1,000",900,'
    "誤植（正しくは 900 万円）\n"
    'plan_key_figures,2025,主要計数|代位弁済|有担保,value_text,"21,057","21,058",'
    "末尾の桁の誤植\n"
)


@pytest.fixture(scope="session")
def published_corrected(tmp_path_factory) -> Path:
    """raw/ run through every stage with CORRECTIONS applied (once per session)."""
    from pipeline.run import run_all

    folder = tmp_path_factory.mktemp("corrected")
    fixes = folder / "corrections.csv"
    fixes.write_text(CORRECTIONS, "utf-8")
    run_all(RAW, folder / "out", jobs=1, corrections=fixes)
    return folder / "out"


@pytest.fixture()
def out(published_once: Path, tmp_path: Path) -> Path:
    """A private copy of the published folder a test may add to."""
    copy = tmp_path / "out"
    shutil.copytree(published_once, copy)
    return copy
