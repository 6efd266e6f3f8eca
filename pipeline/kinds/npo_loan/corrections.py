"""Correcting npo_loan_terms: a reviewer sets what a cell prints (mark, value, unit, note) and
every typed column is read again from it, as the cleaner reads the printed text."""

from __future__ import annotations

from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.core.text import clean_cell
from pipeline.corrections.correctable import Correctable
from pipeline.kinds.npo_loan.clean.typed import check_number, typed_columns
from pipeline.kinds.npo_loan.clean.values import MARKS

PRINTED = ("mark", "value", "unit", "note")
TYPED = tuple(typed_columns("", "", "", ""))


def tidy(field: str, text: str) -> str:
    """A corrected text as the cleaner writes printed text: folded, wrapped lines joined."""
    text = clean_cell(text)
    return text.replace("%", "％") if field == "unit" else text


def retype(row: dict[str, Any]) -> dict[str, Any]:
    """The typed columns of a (corrected) row; PipelineError for a mark or number that cannot
    be what the table means."""
    where = f"{row['bank']} {row['item']}{'/' + row['condition'] if row['condition'] else ''}"
    if row["mark"] and row["mark"] not in MARKS:
        raise PipelineError(f"mark {row['mark']!r} is none of {' '.join(sorted(MARKS))} "
                            f"({where})")
    check_number(row["value"], row["unit"], where)
    return typed_columns(row["mark"], row["value"], row["unit"], row["note"])


CORRECTABLE = {"npo_loan_terms": Correctable(PRINTED, TYPED, retype, tidy)}
