"""Document kind from the first page: its title, else a table headed by banks; else an error."""

from __future__ import annotations

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.text import squeeze
from pipeline.extract.identify import identify_kind
from schemas.reference import is_labour_bank


def page(lines: list[str], header: list[str] | None = None) -> dict:
    tables = []
    if header:
        cells = [{"row": 0, "col": i, "rowspan": 1, "colspan": 1, "text": t}
                 for i, t in enumerate(header)]
        tables.append({"n_rows": 1, "n_cols": len(header), "cells": cells})
    return {"page": 1, "lines": [{"text": t} for t in lines], "tables": tables}


def detect_kind(first: dict) -> str:
    return identify_kind(first, "x.pdf")


def test_shipped_documents(npo_extracted, plan_extracted) -> None:
    assert detect_kind(npo_extracted["pages"][0]) == "npo_loan"
    assert detect_kind(plan_extracted["pages"][0]) == "business_plan"


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        (["制 度 概 要", "（2026年4月1日現在）"], "npo_loan"),  # distributed alignment
        (["令和８年度事業計画"], "business_plan"),
        (["一般社団法人", "2026 年度 事 業 計 画"], "business_plan"),
    ],
)
def test_title_words(lines, kind) -> None:
    assert detect_kind(page(lines)) == kind


def test_untitled_table_headed_by_banks_is_the_comparison() -> None:
    header = ["項目", "北海道労働金庫", "東北労働金庫", "中央ろうきん"]
    assert detect_kind(page(["NPO向け融資のご案内"], header)) == "npo_loan"
    with pytest.raises(PipelineError, match="not a known document"):
        detect_kind(page(["NPO向け融資のご案内"], header[:3]))


def test_cid_codes_are_named() -> None:
    with pytest.raises(PipelineError, match=r"x.pdf: page 1: text extracts as \(cid"):
        detect_kind(page(["(cid:12)(cid:34)"]))


@pytest.mark.parametrize(
    ("text", "bank"),
    [("北海道労働金庫", True), ("沖 縄 県 労 働 金 庫", True), ("中央ろうきん", True),
     ("労働金庫", False), ("項目", False), ("信用金庫", False)],
)
def test_bank_names(text, bank) -> None:
    assert is_labour_bank(squeeze(text)) is bank


def test_the_artifact_records_the_kind(npo_extracted, plan_extracted) -> None:
    assert npo_extracted["kind"] == "npo_loan"
    assert plan_extracted["kind"] == "business_plan"
