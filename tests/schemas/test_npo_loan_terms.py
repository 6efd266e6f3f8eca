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
from schemas.reference import LABOUR_BANKS, NPO_REQUIRED_ROWS
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
    assert len(checked) == len(LABOUR_BANKS) * len(NPO_REQUIRED_ROWS)


@pytest.mark.parametrize("bank", ["沖縄県労働金庫", "北海道労働金庫"])
def test_missing_bank_is_named(edition, tmp_path, bank) -> None:
    edition = copy.deepcopy(edition)
    for page in edition["pages"]:
        if bank in page:
            page.remove(bank)
    del edition["cells"][bank]
    frame = frame_of(edition, tmp_path / "no_bank.pdf", banks_per_page=(6, 6))
    assert bank not in set(frame["bank"])
    with pytest.raises(PipelineError) as exc:
        validate(DATASET, frame)
    message = str(exc.value)
    assert f"as_of 2025-04-01: no bank {bank}" in message
    assert "1 validation problem" in message


@pytest.mark.parametrize("row", ["金利/その他/有担保", "保証人要否", "資金使途/つなぎ資金"])
def test_missing_required_row_is_named(edition, tmp_path, row) -> None:
    edition = copy.deepcopy(edition)
    edition["rows"].remove(row)
    for rows in edition["cells"].values():
        del rows[row]
    with pytest.raises(PipelineError) as exc:
        validate(DATASET, frame_of(edition, tmp_path / "no_row.pdf"))
    assert f"as_of 2025-04-01: no item+condition {row}" in str(exc.value)


def test_extra_row_is_allowed(edition, tmp_path) -> None:
    edition = copy.deepcopy(edition)
    edition["rows"].append("繰上返済手数料")
    for rows in edition["cells"].values():
        rows["繰上返済手数料"] = {"mark": None, "value": None, "unit": None, "note": "無料"}
    checked = validate(DATASET, frame_of(edition, tmp_path / "extra.pdf"))
    assert set(checked.loc[checked["item"] == "繰上返済手数料", "note"]) == {"無料"}


def test_unknown_bank_name_is_named(edition, tmp_path) -> None:
    """A header that reads as a bank but is not one of the 13 (a typo, a merger) is flagged."""
    edition = copy.deepcopy(edition)
    edition["pages"][0][0] = "北海道ろうきん"
    edition["cells"]["北海道ろうきん"] = edition["cells"].pop("北海道労働金庫")
    with pytest.raises(PipelineError) as exc:
        validate(DATASET, frame_of(edition, tmp_path / "renamed.pdf"))
    message = str(exc.value)
    assert "column bank" in message and "北海道ろうきん" in message
    assert "no bank 北海道労働金庫" in message
