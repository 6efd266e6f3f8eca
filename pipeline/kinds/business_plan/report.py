"""The business plan's key figures: 計, 無担保, 有担保 per item, with the cross-foot status."""

from __future__ import annotations

import pandas as pd

from pipeline.core.html import MARK, element, esc, table
from pipeline.core.lang import Words
from pipeline.core.shown import number
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


def _shown(row: dict) -> str:
    """The figure as printed (1,814,456; △5), else its number without a float's .0."""
    printed = str(row.get("value_text", "") or "")
    return printed or number(row["value"])


def _status(ok: bool, difference: float, say: Words) -> str:
    if ok:
        return element("span", "✓ " + esc(say("plan.agrees")), class_="ok",
                       title=say("plan.difference", difference=number(difference)))
    return element("span", "✗ " + esc(say("plan.difference", difference=number(difference))),
                   class_="bad")


def key_figure_tables(frame: pd.DataFrame, say: Words) -> list[str]:
    """One table per printed table (主要計数, 諸比率): items as rows, conditions as columns."""
    checks = cross_foot(frame)
    status = {(r["table"], r["item"]): r for r in records(checks)}
    out = []
    for tab, group in frame.groupby("table", sort=False):
        conditions = printed_order(group, "condition", axis=1)
        items = printed_order(group, "item", axis=0)
        unit = "・".join(dict.fromkeys(str(u) for u in group["unit"] if str(u)))
        with_check = any((tab, item) in status for item in items)
        header = [element("th", esc(say("plan.item")))] + [
            element("th", esc(c or say("plan.value"))) for c in conditions]
        if with_check:
            header.append(element("th", esc(say("plan.cross_foot"))))
        rows = []
        for item in items:
            cells = [element("th", esc(item))]
            for cond in conditions:
                hit = group[(group["item"] == item) & (group["condition"] == cond)]
                if hit.empty:
                    cells.append(element("td", "", class_="no"))
                    continue
                row = hit.iloc[0]
                tip = with_correction(f"{_shown(row)} {row['unit']} — {provenance(row)}", row,
                                      say)
                cells.append(element("td", esc(_shown(row)) + corrected_mark(row, say),
                                     class_="num", title=tip))
            if with_check:
                check = status.get((tab, item))
                cells.append(element("td", _status(bool(check["ok"]), check["difference"], say)
                                     if check is not None else ""))
            rows.append(cells)
        caption = say("plan.caption", table=tab, unit=unit) if unit else str(tab)
        out.append(table(header, rows, caption=esc(caption)))
    return out


def section(frame: pd.DataFrame, say: Words) -> str:
    """The key figures of the latest fiscal year, and the cross-foot summary of every year."""
    year = max(frame[EDITION])
    latest = frame[frame[EDITION] == year]
    checks = cross_foot(frame)
    bad = checks[~checks["ok"]]
    summary = (say("plan.all_agree", n=len(checks)) if bad.empty else
               say("plan.some_differ", bad=len(bad), n=len(checks), rows=", ".join(
                   say("plan.differs", year=r["fiscal_year"], item=r["item"],
                       difference=number(r["difference"])) for r in records(bad))))
    klass = "ok" if bad.empty else "bad"
    files = ", ".join(sorted(set(latest["source_file"]))) if "source_file" in latest else ""
    parts = [
        element("h2", esc(say("plan.heading")) + ' <span class="sub">'
                + esc(say("plan.year", year=year)) + "</span>"),
        element("p", element("span", esc(summary), class_=klass)),
        *key_figure_tables(latest, say),
        element("p", esc(say("plan.intro", files=files, mark=MARK)), class_="foot"),
    ]
    return element("section", "".join(parts), id="plan")


def sections(pub: Published) -> list[Section]:
    """The key-figures section with its cross-foot line, when plan_key_figures is published."""
    if NAME not in pub.frames:
        return []
    frame, say = pub.frames[NAME], pub.words
    checks = cross_foot(frame)
    note = say("plan.cross_foot_note", ok=int(checks["ok"].sum()), n=len(checks))
    return [Section("plan", say("plan.heading"), section(frame, say), datasets=(NAME,),
                    notes={NAME: note})]
