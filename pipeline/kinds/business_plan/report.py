"""The business plan's key figures: 計, 無担保, 有担保 per item, with the cross-foot status."""

from __future__ import annotations

import pandas as pd

from pipeline.report.html import element, esc, table
from pipeline.report.load import Published, records
from pipeline.report.provenance import (
    corrected_mark,
    printed_order,
    provenance,
    with_correction,
)
from pipeline.report.section import Section
from schemas.plan_key_figures import cross_foot

NAME = "plan_key_figures"
EDITION = "fiscal_year"


def _number(value: object) -> str:
    number = float(value)
    return f"{number:,.0f}" if number == int(number) and abs(number) >= 100 else f"{number:g}"


def _status(ok: bool, difference: float) -> str:
    if ok:
        return element("span", "✓ 一致", class_="ok", title=f"差 {difference:g}")
    return element("span", f"✗ 差 {difference:g}", class_="bad")


def key_figure_tables(frame: pd.DataFrame) -> list[str]:
    """One table per printed table (主要計数, 諸比率): items as rows, conditions as columns."""
    checks = cross_foot(frame)
    status = {(r["table"], r["item"]): r for r in records(checks)}
    out = []
    for tab, group in frame.groupby("table", sort=False):
        conditions = printed_order(group, "condition", axis=1)
        items = printed_order(group, "item", axis=0)
        unit = "・".join(dict.fromkeys(str(u) for u in group["unit"] if str(u)))
        with_check = any((tab, item) in status for item in items)
        header = [element("th", "項目")] + [element("th", esc(c or "値")) for c in conditions]
        if with_check:
            header.append(element("th", "検算 計 = 内訳の合計"))
        rows = []
        for item in items:
            cells = [element("th", esc(item))]
            for cond in conditions:
                hit = group[(group["item"] == item) & (group["condition"] == cond)]
                if hit.empty:
                    cells.append(element("td", "", class_="no"))
                    continue
                row = hit.iloc[0]
                tip = with_correction(f"{row['value']} {row['unit']} — {provenance(row)}", row)
                cells.append(element("td", esc(_number(row["value"])) + corrected_mark(row),
                                     class_="num", title=tip))
            if with_check:
                check = status.get((tab, item))
                cells.append(element("td", _status(bool(check["ok"]), check["difference"])
                                     if check is not None else ""))
            rows.append(cells)
        caption = f"{tab}（単位: {unit}）" if unit else str(tab)
        out.append(table(header, rows, caption=esc(caption)))
    return out


def section(frame: pd.DataFrame) -> str:
    """The key figures of the latest fiscal year, and the cross-foot summary of every year."""
    year = max(frame[EDITION])
    latest = frame[frame[EDITION] == year]
    checks = cross_foot(frame)
    bad = checks[~checks["ok"]]
    summary = (f"全 {len(checks)} 項目で 計 = 内訳の合計（端数による差は最終桁の 1 まで）"
               if bad.empty else
               f"{len(bad)} / {len(checks)} 項目で 計 ≠ 内訳の合計: "
               + ", ".join(f"{r['fiscal_year']} {r['item']}（差 {r['difference']:g}）"
                           for r in records(bad)))
    klass = "ok" if bad.empty else "bad"
    files = ", ".join(sorted(set(latest["source_file"]))) if "source_file" in latest else ""
    parts = [
        element("h2", f"事業計画の主要計数 <span class=\"sub\">{esc(year)} 年度</span>"),
        element("p", element("span", esc(summary), class_=klass)),
        *key_figure_tables(latest),
        element("p", f"出典: {esc(files)}。数値にカーソルを合わせるとページとセルが出ます"
                     "（✎ はレビューで訂正した値）。", class_="foot"),
    ]
    return element("section", "".join(parts), id="plan")


def sections(pub: Published) -> list[Section]:
    """The key-figures section with its cross-foot line, when plan_key_figures is published."""
    if NAME not in pub.frames:
        return []
    frame = pub.frames[NAME]
    checks = cross_foot(frame)
    note = f"検算 計 = 内訳の合計: {int(checks['ok'].sum())} / {len(checks)}"
    return [Section("plan", "事業計画の主要計数", section(frame), datasets=(NAME,),
                    notes={NAME: note})]
