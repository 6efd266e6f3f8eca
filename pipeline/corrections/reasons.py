"""The `corrected` column: which printed fields of a row a reviewer corrected, and why.

It holds `field: reason` for every corrected field, in the dataset's column order, joined by
`; ` (value: 誤植、正しくは 900 万円; note: 別の金庫の注記); empty for a row as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

CORRECTED = "corrected"
SEPARATOR = "; "


def format_reasons(reasons: Mapping[str, str], order: Iterable[str]) -> str:
    """The `corrected` text for `reasons` (field → reason), fields in `order`."""
    return SEPARATOR.join(f"{name}: {reasons[name]}" for name in order if name in reasons)


def parse_reasons(text: object, fields: Iterable[str]) -> dict[str, str]:
    """Field → reason from a `corrected` text; `fields` are the dataset's printed columns (a
    reason may itself hold '; ' or ': ')."""
    text = "" if text is None or not isinstance(text, str) else text
    if not text.strip():
        return {}
    names = sorted(set(fields), key=len, reverse=True)
    if not names:
        return {"": text}
    starts = re.compile(r"(?:^|(?<=; ))(" + "|".join(map(re.escape, names)) + r"): ")
    found = list(starts.finditer(text))
    if not found or found[0].start() != 0:
        return {"": text}
    reasons: dict[str, str] = {}
    for match, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() - len(SEPARATOR) if following else len(text)
        reasons[match[1]] = text[match.end():end]
    return reasons
