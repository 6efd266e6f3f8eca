from __future__ import annotations

import pandas as pd
import pytest

from pipeline.core.errors import PipelineError
from pipeline.diff.load import editions, read_published
from tests.diff.helpers import NPO, frame, npo_row


def _published(tmp_path, rows):
    data = frame(rows)
    typed = data.copy()
    typed["limit_yen"] = pd.array([int(v) if v else None for v in data["limit_yen"]],
                                  dtype="Int64")
    typed["is_offered"] = pd.array([{"True": True, "False": False}.get(v) for v in
                                    data["is_offered"]], dtype="boolean")
    typed.to_csv(tmp_path / "npo_loan_terms.csv", index=False, lineterminator="\n")
    typed.to_parquet(tmp_path / "npo_loan_terms.parquet", index=False)


def test_csv_and_parquet_read_alike(tmp_path) -> None:
    rows = [npo_row("2026-04-01", "北海道労働金庫", "融資額限度", "無担保", value="1,000",
                    unit="万円", limit_yen="10000000", is_offered="True"),
            npo_row("2025-04-01", "北海道労働金庫", "保証人要否", mark="否")]
    _published(tmp_path, rows)
    from_csv = read_published(tmp_path, NPO)
    (tmp_path / "npo_loan_terms.csv").unlink()
    from_parquet = read_published(tmp_path, NPO)
    assert from_csv.equals(from_parquet)
    assert from_csv.loc[0, "limit_yen"] == "10000000"
    assert from_csv.loc[1, "limit_yen"] == ""
    assert editions(from_csv, "as_of") == ["2025-04-01", "2026-04-01"]


def test_not_published_is_none(tmp_path) -> None:
    assert read_published(tmp_path, NPO) is None


def test_foreign_file_is_an_error(tmp_path) -> None:
    (tmp_path / "npo_loan_terms.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="npo_loan_terms.csv.*no column as_of"):
        read_published(tmp_path, NPO)


def test_editions_sort_by_number() -> None:
    data = pd.DataFrame({"fiscal_year": ["2100", "999", "2025"]})
    assert editions(data, "fiscal_year") == ["999", "2025", "2100"]
