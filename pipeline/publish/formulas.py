"""Text cells a spreadsheet would run as a formula, written so that it shows them as text.

A CSV cell starting with =, +, -, @, a tab or a carriage return is taken by Excel, LibreOffice
and others for a formula when the file is opened, so a note printed as `=HYPERLINK(…)` or
`+cmd|…` would run (CSV injection, OWASP). Following OWASP's advice, such a text cell is written
with a single quote in front (`'=HYPERLINK(…)`), which the spreadsheet shows as the text; a text
cell that itself starts with a quote gets one more, so the escape is reversible: a reader strips
one leading `'` from every text cell that starts with one (`unescape`). Values that are data,
not formulas, stay as they are: `-` (not offered) and numbers such as `-0.25` or `+1,000`.
Only text columns are escaped; Parquet, DuckDB and the workbook (where every text cell is typed
as a string) hold the text as printed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

QUOTE = "'"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# A signed number as printed (not a formula): -0.25, +1,000, -5%, -1.5e3
_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def needs_escape(text: str) -> bool:
    """Whether a spreadsheet would read `text` as a formula (or it starts with the quote)."""
    if not text:
        return False
    if text.startswith(QUOTE):
        return True
    if not text.startswith(_FORMULA):
        return False
    if text[0] in "+-":
        return len(text) > 1 and _NUMBER.fullmatch(text) is None
    return True


def escape(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text."""
    return QUOTE + text if needs_escape(text) else text


def unescape(text: str) -> str:
    """The text an escaped CSV cell holds (what `escape` was given)."""
    return text[1:] if text.startswith(QUOTE) else text


def escape_frame(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy of `frame` with the text cells of `columns` (default: all) escaped (numbers,
    dates, booleans as they are)."""
    import pandas as pd

    text = frame.copy()
    for column in frame.columns if columns is None else columns:
        if frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype):
            text[column] = frame[column].map(lambda v: escape(v) if isinstance(v, str) else v)
    return text
