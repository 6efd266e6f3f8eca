"""The corrections section: every value a reviewer corrected (corrections.csv), and why."""

from __future__ import annotations

import pandas as pd

from pipeline.corrections.reasons import parse_reasons
from pipeline.corrections.table import KEY_SEPARATOR
from pipeline.report.html import element, esc, table
from pipeline.report.load import records
from pipeline.report.provenance import MARK, correction, provenance
from pipeline.validate.datasets import DATASETS

ANCHOR, LABEL = "corrections", "訂正"


def corrected_rows(frames: dict[str, pd.DataFrame]) -> list[tuple[str, pd.Series]]:
    """(dataset, row) of every corrected row, datasets by name, rows in published order."""
    found = []
    for name in sorted(frames):
        frame = frames[name]
        if name not in DATASETS or "corrected" not in frame:
            continue
        found += [(name, row) for row in records(frame[frame["corrected"] != ""])]
    return found


def section(frames: dict[str, pd.DataFrame]) -> str | None:
    """One row per corrected field: where, what it says now and why; None when nothing was."""
    rows = []
    for name, row in corrected_rows(frames):
        dataset = DATASETS[name]
        key = KEY_SEPARATOR.join(str(row[c]) for c in dataset.key if c != dataset.edition)
        for field, reason in parse_reasons(correction(row), dataset.columns).items():
            rows.append([element("td", esc(name)), element("td", esc(row[dataset.edition])),
                         element("td", esc(key)), element("td", element("code", esc(field))),
                         element("td", esc(row[field]) if field in row else ""),
                         element("td", esc(reason)),
                         element("td", esc(provenance(row)), class_="foot")])
    if not rows:
        return None
    header = [element("th", h) for h in ("データセット", "版", "キー", "項目", "訂正後の値",
                                         "理由", "出典")]
    body = [
        element("h2", f"{MARK} 訂正 <span class=\"sub\">corrections</span>"),
        element("p", "印刷の誤りをレビューで訂正した値です（corrections.csv）。表やグラフでは "
                     f"{MARK} が付き、型付きの列は訂正後の文字から読み直しています。",
                class_="foot"),
        table(header, rows),
    ]
    return element("section", "".join(body), id=ANCHOR)
