"""Dates and fiscal years as printed in Japanese documents (西暦 or 令和)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

ERAS = {"令和": 2018, "平成": 1988}
_YEAR = r"(?:(?P<era>令和|平成)\s*(?P<era_year>\d+|元)|(?P<year>\d{4}))\s*年"
_AS_OF = re.compile(_YEAR + r"\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*現在")
# The same date written with separators: 2026.4.1現在, 2026/4/1 現在.
_AS_OF_NUMERIC = re.compile(
    r"(?P<year>\d{4})\s*[./]\s*(?P<month>\d{1,2})\s*[./]\s*(?P<day>\d{1,2})\s*現在"
)
_FISCAL = re.compile(_YEAR + r"\s*度")


def _year(match: re.Match) -> int:
    if match["year"]:
        return int(match["year"])
    era_year = 1 if match["era_year"] == "元" else int(match["era_year"])
    return ERAS[match["era"]] + era_year


def find_as_of(text: str) -> dt.date | None:
    """The first 「…年…月…日現在」 date in `text`, or None; ValueError if it is no calendar date."""
    folded = unicodedata.normalize("NFKC", text)
    match = _AS_OF.search(folded) or _AS_OF_NUMERIC.search(folded)
    if not match:
        return None
    try:
        return dt.date(_year(match), int(match["month"]), int(match["day"]))
    except ValueError:
        raise ValueError(f"as-of date {match[0]} is not a calendar date") from None


def find_fiscal_year(text: str) -> int | None:
    """The first 「…年度」 year in `text`, or None."""
    match = _FISCAL.search(unicodedata.normalize("NFKC", text))
    return _year(match) if match else None
