"""Any published dataset without a section of its own: its latest edition as a plain table."""

from __future__ import annotations

import pandas as pd

from pipeline.corrections.reasons import parse_reasons
from pipeline.report.html import element, esc, table
from pipeline.report.load import records
from pipeline.report.provenance import corrected_mark, correction, provenance, with_correction
from pipeline.validate.datasets import Dataset


def _shown(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def section(dataset: Dataset, frame: pd.DataFrame) -> str:
    """The latest edition's rows (provenance as tooltips), collapsed under a summary line."""
    edition = max(frame[dataset.edition])
    latest = frame[frame[dataset.edition] == edition]
    columns = [c for c in dataset.columns if c not in dataset.provenance]
    header = [element("th", esc(c)) for c in columns]
    rows = []
    for row in records(latest):
        tip = with_correction(provenance(row), row)
        fixed = parse_reasons(correction(row), columns)
        rows.append([element("td", esc(_shown(row[c])) + (corrected_mark(row) if c in fixed
                                                           else ""), title=tip)
                     for c in columns])
    summary = element("summary", f"{esc(dataset.title)}: {len(latest)} 行（{esc(edition)}）")
    body = [
        element("h2", f"{esc(dataset.name)} <span class=\"sub\">{esc(dataset.title)}</span>"),
        element("details", summary + table(header, rows)),
    ]
    return element("section", "".join(body), id=dataset.name)
