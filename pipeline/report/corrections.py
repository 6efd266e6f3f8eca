"""The corrections section: every value a reviewer corrected (corrections.csv), and why."""

from __future__ import annotations

import pandas as pd

from pipeline.core.html import MARK, element, esc, table
from pipeline.core.lang import Words
from pipeline.corrections.reasons import parse_reasons
from pipeline.corrections.table import KEY_SEPARATOR
from pipeline.report.generic import shown
from pipeline.report.load import records
from pipeline.report.provenance import correction, provenance
from pipeline.validate.datasets import DATASETS

ANCHOR = "corrections"


def corrected_rows(frames: dict[str, pd.DataFrame]) -> list[tuple[str, pd.Series]]:
    """(dataset, row) of every corrected row, datasets by name, rows in published order."""
    found = []
    for name in sorted(frames):
        frame = frames[name]
        if name not in DATASETS or "corrected" not in frame:
            continue
        found += [(name, row) for row in records(frame[frame["corrected"] != ""])]
    return found


def section(frames: dict[str, pd.DataFrame], say: Words) -> str | None:
    """One row per corrected field: where, what it says now and why; None when nothing was."""
    rows = []
    for name, row in corrected_rows(frames):
        dataset = DATASETS[name]
        key = KEY_SEPARATOR.join(str(row[c]) for c in dataset.key if c != dataset.edition)
        for field, reason in parse_reasons(correction(row), dataset.columns).items():
            rows.append([element("td", esc(name)), element("td", esc(row[dataset.edition])),
                         element("td", esc(key)), element("td", element("code", esc(field))),
                         element("td", esc(shown(row[field])) if field in row else ""),
                         element("td", esc(reason)),
                         element("td", esc(provenance(row)), class_="foot")])
    if not rows:
        return None
    header = [element("th", say(h)) for h in (
        "report.dataset", "report.edition", "report.key", "report.field", "report.corrected_value",
        "report.reason", "report.source")]
    body = [
        element("h2", f"{MARK} " + esc(say("report.corrections"))),
        element("p", esc(say("report.corrections_note", mark=MARK)), class_="foot"),
        table(header, rows),
    ]
    return element("section", "".join(body), id=ANCHOR)
