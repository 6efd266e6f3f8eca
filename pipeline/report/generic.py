"""Any published dataset without a section of its own: its latest edition as a plain table."""

from __future__ import annotations

import pandas as pd

from pipeline.core.html import element, esc, table
from pipeline.core.lang import Words
from pipeline.core.shown import number
from pipeline.corrections.reasons import parse_reasons
from pipeline.report.load import records
from pipeline.report.provenance import corrected_mark, correction, provenance, with_correction
from pipeline.validate.datasets import Dataset


def dataset_title(dataset: Dataset, say: Words) -> str:
    """The dataset's title in the page's language (its registered title where the catalogue
    has none, as for a kind added later)."""
    key = f"dataset.{dataset.name}"
    return say(key) if say.has(key) else dataset.title


def shown(value: object) -> str:
    """A published value for people: '' for a missing one, a float as its number is printed
    (1814456.0 → 1,814,456; an integer column such as a year stays 2025)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return number(value) if isinstance(value, float) else str(value)


def section(dataset: Dataset, frame: pd.DataFrame, say: Words) -> str:
    """The latest edition's rows (provenance as tooltips), collapsed under a summary line."""
    edition = max(frame[dataset.edition])
    latest = frame[frame[dataset.edition] == edition]
    columns = [c for c in dataset.columns if c not in dataset.provenance]
    header = [element("th", esc(c)) for c in columns]
    rows = []
    for row in records(latest):
        tip = with_correction(provenance(row), row, say)
        fixed = parse_reasons(correction(row), columns)
        rows.append([element("td", esc(shown(row[c])) + (corrected_mark(row, say) if c in fixed
                                                           else ""), title=tip)
                     for c in columns])
    title = dataset_title(dataset, say)
    summary = element("summary", esc(say("report.rows_of", title=title, rows=len(latest),
                                         edition=edition)))
    body = [
        element("h2", esc(title) + f' <span class="sub">{esc(dataset.name)}</span>'),
        element("details", summary + table(header, rows)),
    ]
    return element("section", "".join(body), id=dataset.name)
