"""The NPO loan section: the banks side by side, charts of limits, rates and terms, all notes.

Everything is laid out in the order the source table prints it (banks by page and column, rows by
page and row), read from the provenance columns, so a new edition's rows and banks appear as
printed without code changes. Every value carries its source file, page and cell as a tooltip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pipeline.core.html import MARK, element, esc, table
from pipeline.core.lang import Words
from pipeline.core.numbers import read_number
from pipeline.core.shown import number
from pipeline.core.text import CIRCLED, DASHES, RANGE_MARKS
from pipeline.report.charts import Bar, Row, chart
from pipeline.report.load import Published, records
from pipeline.report.provenance import corrected_mark, is_false, provenance, with_correction
from pipeline.report.section import Section
from schemas.reference import MONTHS_PER_UNIT, YEN_PER_UNIT

NAME = "npo_loan_terms"
ENTITY, EDITION = "bank", "as_of"
_MARKERS = re.compile(f"[{CIRCLED}{RANGE_MARKS}~]")
# The units the charts are drawn in: limits in 万円, terms in years where whole, else months.
MAN_YEN, YEAR, MONTH = "万円", "年", "ヶ月"


def latest_edition(frame: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The latest edition's value and its rows."""
    edition = max(frame[EDITION].astype(str))
    return edition, frame[frame[EDITION].astype(str) == edition]


def bank_order(frame: pd.DataFrame) -> list[str]:
    """Banks in printed order (bank_position)."""
    ordered = frame.sort_values(["bank_position", ENTITY], kind="stable")
    return list(dict.fromkeys(ordered[ENTITY]))


def row_order(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(item, condition) in printed order (row_position)."""
    ordered = frame.sort_values(["row_position", "item", "condition"], kind="stable")
    return list(dict.fromkeys(zip(ordered["item"], ordered["condition"], strict=True)))


def cell_text(row: pd.Series) -> str:
    """What the table prints in a cell: mark, value and unit ('' when it prints only a note)."""
    value = str(row["value"])
    unit = str(row["unit"]) if value and value != "-" else ""
    return f"{row['mark']}{value}{unit}"


def numbers_only(value: str) -> bool:
    """A value printing numbers and nothing else: one, a range (1.600～2.300) or tiers
    (①1.900②2.650), exactly as printed (a footnote mark or a word makes it text)."""
    pieces = _MARKERS.split(value)
    return any(pieces) and all(read_number(piece) is not None for piece in pieces if piece)


def _td(row: pd.Series | None, say: Words) -> str:
    if row is None:
        return element("td", "", class_="no")
    text = cell_text(row)
    note = str(row["note"])
    tip = with_correction(f"{note}\n— {provenance(row)}" if note else provenance(row), row, say)
    mark = (element("sup", "※", class_="note") if note else "") + corrected_mark(row, say)
    muted = is_false(row["is_offered"]) or is_false(row["is_required"])
    # Numbers (ranges, tiers) align right and stay on one line; printed phrases wrap.
    numeric = numbers_only(str(row["value"]))
    klass = "num" if numeric else ("no" if muted else None)
    return element("td", esc(text or "—") + mark, title=tip, class_=klass)


def _compared_rows(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """Rows that print a mark or a value for some bank (notes-only rows go to the notes)."""
    has = (frame["mark"] != "") | (frame["value"] != "")
    keep = set(zip(frame.loc[has, "item"], frame.loc[has, "condition"], strict=True))
    return [r for r in row_order(frame) if r in keep]


def comparison_table(frame: pd.DataFrame, say: Words) -> str:
    """Banks as rows, (item, condition) as columns under a two-level header."""
    rows = _compared_rows(frame)
    by_key = {(r["bank"], r["item"], r["condition"]): r for r in records(frame)}
    items: list[tuple[str, int]] = []
    for item, _ in rows:
        if items and items[-1][0] == item:
            items[-1] = (item, items[-1][1] + 1)
        else:
            items.append((item, 1))
    top = [element("th", esc(say("npo.bank")), rowspan=2)]
    for item, span in items:
        plain = span == 1 and not rows[[i for i, _ in rows].index(item)][1]
        top.append(element("th", esc(item), colspan=span if span > 1 else None,
                           rowspan=2 if plain else None))
    second = "".join(element("th", esc(cond)) for item, cond in rows if cond or
                     sum(1 for i, _ in rows if i == item) > 1)
    body = []
    for bank in bank_order(frame):
        cells = [element("th", esc(bank))]
        cells += [_td(by_key.get((bank, item, cond)), say) for item, cond in rows]
        body.append(cells)
    head = "<tr>" + "".join(top) + "</tr><tr>" + second + "</tr>"
    rendered = "".join("<tr>" + "".join(r) + "</tr>" for r in body)
    return (f'<div class="scroll"><table class="compare"><thead>{head}</thead>'
            f"<tbody>{rendered}</tbody></table></div>")


def _pct(value: float) -> str:
    return f"{value:.3f}"


def _man_yen(value: float) -> str:
    return f"{number(value / YEN_PER_UNIT[MAN_YEN])}{MAN_YEN}"


def _months(value: float) -> str:
    months, per_year = int(value), MONTHS_PER_UNIT[YEAR]
    return f"{months // per_year}{YEAR}" if months % per_year == 0 else f"{months}{MONTH}"


@dataclass(frozen=True)
class Measure:
    """A typed quantity charted per bank: its low and high columns and how to show values.

    `from_zero` draws bars from 0 to the high value (how much, how long); otherwise the bar
    spans low to high (a range of rates); the text beside the bar always says low～high.
    Values are divided by `per` on the axis, whose ticks read as `axis_unit`. `heading` and
    `dash` are catalogue keys: the chart's heading, and what a cell printing only "-" says.
    """

    heading: str
    low: str
    high: str
    show: Callable[[float], str]
    per: float
    axis_unit: str
    from_zero: bool
    dash: str

    def text(self, low: float, high: float) -> str:
        return self.show(low) if low == high else f"{self.show(low)}～{self.show(high)}"

    def axis(self, value: float) -> str:
        return f"{value:,g}{self.axis_unit}"


MEASURES = (
    Measure("npo.limit", "limit_yen", "limit_yen", _man_yen, YEN_PER_UNIT[MAN_YEN], MAN_YEN,
            from_zero=True, dash="npo.dash"),
    Measure("npo.rate", "rate_min_pct", "rate_max_pct", _pct, 1, "%", from_zero=False,
            dash="npo.dash_rate"),
    Measure("npo.term", "term_min_months", "term_max_months", _months, MONTHS_PER_UNIT[YEAR],
            YEAR, from_zero=True, dash="npo.dash"),
)


def printed_dash(row: pd.Series) -> bool:
    """Does the cell print only a dash (no figure of its own for this condition)?"""
    return str(row["value"]).strip() in DASHES and not str(row["mark"])


def untyped_text(row: pd.Series, measure: Measure, say: Words) -> str:
    """What a bar without a number says: what the print says. × is "not offered"; a lone "-"
    only says no figure is printed for this condition (the note may say more: 固定金利, …)."""
    if str(row["mark"]) == "×":
        return say("npo.not_offered")
    if printed_dash(row):
        return say(measure.dash)
    return cell_text(row) or "—"


def _bar(row: pd.Series, measure: Measure, say: Words) -> Bar:
    low, high = row[measure.low], row[measure.high]
    where = f"{row['bank']} {row['item']} {row['condition']}"
    if pd.notna(low) and pd.notna(high):
        start = 0.0 if measure.from_zero else float(low) / measure.per
        return Bar(start, float(high) / measure.per, measure.text(float(low), float(high)),
                   with_correction(f"{where}: {cell_text(row)} — {provenance(row)}", row, say))
    note = f"\n{row['note']}" if str(row["note"]) else ""
    return Bar(None, None, untyped_text(row, measure, say), with_correction(
        f"{where}: {cell_text(row) or '—'}{note} — {provenance(row)}", row, say))


def measure_charts(frame: pd.DataFrame, measure: Measure, say: Words) -> list[str]:
    """One chart per item and outer condition; the innermost condition part is the series."""
    filled = frame[frame[measure.low].notna()]
    groups: dict[tuple[str, str], list[str]] = {}
    for item, cond in row_order(frame):
        if not ((filled["item"] == item) & (filled["condition"] == cond)).any():
            continue
        outer, _, inner = cond.rpartition("/")
        groups.setdefault((item, outer), []).append(cond)
    by_key = {(r["bank"], r["item"], r["condition"]): r for r in records(frame)}
    figures = []
    for (item, outer), conds in groups.items():
        series = [c.rpartition("/")[2] or item for c in conds]
        rows = []
        for bank in bank_order(frame):
            bars = tuple(_bar(by_key[(bank, item, c)], measure, say) if (bank, item, c) in by_key
                         else None for c in conds)
            rows.append(Row(bank, bars))
        title = item + (f"（{outer}）" if outer else "") + f" — {say(measure.heading)}"
        svg = chart(rows, series, measure.axis, from_zero=measure.from_zero, title=title)
        figures.append(element("figure", element("figcaption", esc(title)) + svg))
    return figures


def notes_table(frame: pd.DataFrame, say: Words) -> str:
    """Every printed note and notes-only cell, with where it was read."""
    rows = []
    order = {r: i for i, r in enumerate(row_order(frame))}
    banks = {b: i for i, b in enumerate(bank_order(frame))}
    noted = frame[frame["note"] != ""]
    keyed = sorted(records(noted), key=lambda r: (order[(r["item"], r["condition"])],
                                                  banks[r["bank"]]))
    for row in keyed:
        rows.append([element("td", esc(row["item"])), element("td", esc(row["condition"])),
                     element("th", esc(row["bank"])), element("td", esc(cell_text(row))),
                     element("td", esc(row["note"]) + corrected_mark(row, say)),
                     element("td", esc(provenance(row)), class_="foot")])
    header = [element("th", esc(say(h))) for h in ("npo.item", "npo.condition", "npo.bank",
                                                   "npo.printed", "npo.note", "npo.source")]
    return table(header, rows)


def section(frame: pd.DataFrame, editions: list[str], say: Words) -> str:
    """The NPO comparison section for the latest edition in `frame`."""
    edition, latest = latest_edition(frame)
    files = sorted(set(latest["source_file"]))
    pages = sorted(set(latest["source_page"]))
    older = [e for e in editions if e != edition]
    charts = [fig for m in MEASURES for fig in measure_charts(latest, m, say)]
    parts = [
        element("h2", esc(say("npo.heading")) + ' <span class="sub">' + esc(say(
            "npo.heading_sub", edition=edition, banks=latest["bank"].nunique())) + "</span>"),
        element("p", esc(say("npo.intro", files=", ".join(files), pages=len(pages),
                             mark=MARK)), class_="foot"),
        comparison_table(latest, say),
        element("h3", esc(say("npo.charts"))),
        element("div", "".join(charts), class_="charts"),
        element("details", element("summary", esc(say("npo.all_notes")))
                + notes_table(latest, say)),
    ]
    if older:
        parts.append(element("p", esc(say("npo.older", editions=", ".join(older))),
                             class_="foot"))
    return element("section", "".join(parts), id="npo")


def sections(pub: Published) -> list[Section]:
    """The comparison section, when npo_loan_terms is published."""
    if NAME not in pub.frames:
        return []
    say = pub.words
    html = section(pub.frames[NAME], pub.editions(NAME), say)
    return [Section("npo", say("npo.nav"), html, datasets=(NAME,))]
