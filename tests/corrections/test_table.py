"""corrections.csv as read: its header, line numbers, quoting, and one line per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import PipelineError
from pipeline.corrections.table import HEADER, parse_corrections, read_corrections


def test_lines_are_numbered_as_an_editor_shows_them() -> None:
    text = (f"{HEADER}\n\n"
            'npo_loan_terms,2025-04-01,北海道労働金庫|融資額限度|無担保,value,"1,000",900,誤植\n'
            'plan_measures,2025,12,text,"two\nlines",one line,改行の誤読\n'
            "plan_key_figures,2025,主要計数|代位弁済|計, value_text ,1,2, why \n")
    first, second, third = parse_corrections(text)
    assert (first.line, first.printed, first.corrected) == (3, "1,000", "900")
    assert first.key_parts == ("北海道労働金庫", "融資額限度", "無担保")
    assert (second.line, second.printed) == (4, "two\nlines")
    assert (third.line, third.field, third.reason) == (6, "value_text", "why")


def test_an_empty_condition_is_an_empty_key_part() -> None:
    (fix,) = parse_corrections(f"{HEADER}\nnpo_loan_terms,2025-04-01,北海道労働金庫|金利|,"
                               "value,1,2,r\n")
    assert fix.key_parts == ("北海道労働金庫", "金利", "")


def test_the_shipped_file_is_the_header_alone() -> None:
    from tests.conftest import ROOT

    assert (ROOT / "corrections.csv").read_text("utf-8") == HEADER + "\n"
    assert read_corrections(ROOT / "corrections.csv") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dataset,edition,key\n", "corrections.csv: line 1: the first line must be the header"),
        ("", "corrections.csv: empty: the first line must be the header"),
        (f"{HEADER}\nnpo_loan_terms,2025-04-01,a|b|c,value,1,000,900,r\n",
         "corrections.csv: line 2: 8 columns where the header has 7"),
    ],
)
def test_a_malformed_file_is_one_line_naming_it(text: str, expected: str) -> None:
    with pytest.raises(PipelineError) as caught:
        parse_corrections(text)
    assert str(caught.value).startswith(expected)


def test_a_byte_order_mark_is_fine_and_other_encodings_are_named(tmp_path: Path) -> None:
    path = tmp_path / "fixes.csv"
    path.write_bytes(("\ufeff" + HEADER + "\n").encode("utf-8"))
    assert read_corrections(path) == []
    path.write_bytes((HEADER + "\nnpo_loan_terms,2025-04-01,北海道|a|b,value,1,2,誤植\n")
                     .encode("cp932"))
    with pytest.raises(PipelineError, match=r"^fixes.csv: not UTF-8"):
        read_corrections(path)
    with pytest.raises(PipelineError, match=r"^missing.csv: no such file"):
        read_corrections(tmp_path / "missing.csv")
