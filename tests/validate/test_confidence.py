"""The least sure OCR readings are listed first; text rows never."""

from __future__ import annotations

import pandas as pd

from pipeline.validate.confidence import least_sure, shown


def test_ocr_rows_least_sure_first_and_text_rows_never() -> None:
    frames = {"a": pd.DataFrame({
        "source_file": ["s.pdf", "s.pdf", "t.pdf"], "source_page": [1, 2, 1],
        "source_cell": ["R1C1", "R2C2", "R3C3"], "source_method": ["ocr", "ocr", "text"],
        "source_confidence": [0.9, 0.4, None]})}
    rows = least_sure(frames)
    assert [r["cell"] for r in rows] == ["R2C2", "R1C1"]
    assert shown(rows[0]) == "0.40 a: s.pdf page 2 R2C2"
    text_only = {"a": frames["a"].iloc[2:]}
    assert least_sure(text_only) == []
