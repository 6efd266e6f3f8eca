"""The npo_loan_terms checks on editions that read cleanly but lack what every edition must hold.

The editions are drawn with tests/variants/npo_pdf.py and run through extract and clean; the
schema check must then fail with a message naming the missing bank or row.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.clean.run import clean_artifact
from pipeline.core.errors import PipelineError
from pipeline.extract.document import extract_pdf
from pipeline.validate.check import validate
from pipeline.validate.frames import build_frame
from tests.conftest import SHIPPED_BANKS, SHIPPED_ROWS
from tests.variants.npo_pdf import load_truth_edition, render_npo_pdf

DATASET = "npo_loan_terms"


def frame_of(edition: dict[str, Any], path: Path, **options: Any) -> pd.DataFrame:
    cleaned = clean_artifact(extract_pdf(render_npo_pdf(edition, path, **options)))
    return build_frame(DATASET, cleaned["datasets"][DATASET])


@pytest.fixture(scope="module")
def edition() -> dict[str, Any]:
    return load_truth_edition()


def test_complete_drawn_edition_passes(edition, tmp_path) -> None:
    checked = validate(DATASET, frame_of(edition, tmp_path / "full.pdf", banks_per_page=(13,)))
    assert len(checked) == len(SHIPPED_BANKS) * len(SHIPPED_ROWS)


@pytest.mark.slow
@pytest.mark.parametrize("bank", ["沖縄県労働金庫", "北海道労働金庫"])
def test_an_edition_with_twelve_banks_is_read_as_printed(edition, tmp_path, bank) -> None:
    edition = copy.deepcopy(edition)
    for page in edition["pages"]:
        if bank in page:
            page.remove(bank)
    del edition["cells"][bank]
    checked = validate(DATASET, frame_of(edition, tmp_path / "no_bank.pdf", banks_per_page=(6, 6)))
    assert checked["bank"].nunique() == 12 and bank not in set(checked["bank"])


def test_a_bank_lacking_a_row_the_others_have_is_named(edition, tmp_path) -> None:
    frame = frame_of(edition, tmp_path / "full.pdf")
    lacking = frame[~((frame["bank"] == "四国労働金庫") & (frame["item"] == "保証人要否"))]
    with pytest.raises(PipelineError) as exc:
        validate(DATASET, lacking.reset_index(drop=True))
    assert "as_of 2025-04-01: 四国労働金庫 lacks row 保証人要否" in str(exc.value)


def test_a_row_the_edition_drops_is_simply_absent(edition, tmp_path) -> None:
    edition = copy.deepcopy(edition)
    edition["rows"].remove("保証人要否")
    for rows in edition["cells"].values():
        del rows["保証人要否"]
    checked = validate(DATASET, frame_of(edition, tmp_path / "no_row.pdf"))
    assert "保証人要否" not in set(checked["item"])


def test_extra_row_is_allowed(edition, tmp_path) -> None:
    edition = copy.deepcopy(edition)
    edition["rows"].append("繰上返済手数料")
    for rows in edition["cells"].values():
        rows["繰上返済手数料"] = {"mark": None, "value": None, "unit": None, "note": "無料"}
    checked = validate(DATASET, frame_of(edition, tmp_path / "extra.pdf"))
    assert set(checked.loc[checked["item"] == "繰上返済手数料", "note"]) == {"無料"}


@pytest.mark.slow
def test_a_renamed_bank_is_read_as_printed(edition, tmp_path) -> None:
    """A bank never seen before (a merger, a new spelling) is a bank: its name says so."""
    edition = copy.deepcopy(edition)
    edition["pages"][0][0] = "北海道ろうきん"
    edition["cells"]["北海道ろうきん"] = edition["cells"].pop("北海道労働金庫")
    checked = validate(DATASET, frame_of(edition, tmp_path / "renamed.pdf"))
    assert "北海道ろうきん" in set(checked["bank"])
    assert "北海道労働金庫" not in set(checked["bank"])


@pytest.mark.slow
def test_a_bank_column_that_names_no_labour_bank_fails(edition, tmp_path) -> None:
    frame = frame_of(edition, tmp_path / "full.pdf")
    frame.loc[frame["bank"] == "東北労働金庫", "bank"] = "東北信用金庫"
    with pytest.raises(PipelineError, match="bank.*東北信用金庫"):
        validate(DATASET, frame)
