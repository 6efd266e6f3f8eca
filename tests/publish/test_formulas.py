"""CSV cells a spreadsheet would run as a formula are escaped the OWASP way, reversibly; data
that merely starts with a sign (-, -0.25) is left as it is."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.publish.formulas import escape, escape_frame, needs_escape, unescape

FORMULAS = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A9)", "\t=1", "\r=1", "-", "+"]


@pytest.mark.parametrize("text", FORMULAS[:7])
def test_a_formula_gets_a_quote_in_front(text) -> None:
    assert needs_escape(text) and escape(text) == "'" + text


@pytest.mark.parametrize("text", ["-", "+", "-0.25", "+1,000", "-5%", "1.5e3", "-1.5e-3", "",
                                  "北海道労働金庫", "○", "1,000", "△0.25", "－3"])
def test_data_stays_as_it_is(text) -> None:
    assert escape(text) == text


@pytest.mark.parametrize("text", [*FORMULAS, "'=x", "''", "'", "-0.25", "plain"])
def test_the_escape_is_reversible(text) -> None:
    assert unescape(escape(text)) == text


def test_only_text_cells_of_a_frame_are_escaped() -> None:
    frame = pd.DataFrame({"note": ["=1+1", "-", None], "rate": [-0.25, 1.0, None],
                          "kept": pd.array(["@x", "y", None], dtype="string")})
    escaped = escape_frame(frame, ["note"])
    assert list(escaped["note"][:2]) == ["'=1+1", "-"] and escaped["note"].isna()[2]
    assert list(escaped["rate"][:2]) == [-0.25, 1.0]
    assert escaped["kept"][0] == "@x"  # not among the columns asked for
    assert escape_frame(frame)["kept"][0] == "'@x"
    assert frame["note"][0] == "=1+1"  # a copy
