"""One published row on the review page: its name, printed and typed values (a corrected one
marked ✎), badges of what needs a look, and the image of its print."""

from __future__ import annotations

from pipeline.core.html import corrected_mark, element, esc
from pipeline.core.lang import Words
from pipeline.core.shown import number
from pipeline.corrections.reasons import parse_reasons
from pipeline.review.attention import LABELS, Look
from pipeline.review.crops import printed_at
from pipeline.review.pages import Crop, Crops, Sources
from pipeline.review.rows import Rows, label

CSS = """
table.review td { max-width: 26em; }
table.review td.img { background: #fff; max-width: none; }
table.review img, table.looks img { display: block; border: 1px solid var(--line);
  max-width: none; }
tr.look > td:first-child, tr.look > th:first-child { box-shadow: inset 4px 0 #dd6b20; }
.badge { display: inline-block; font-size: 11px; padding: 0 5px; margin: 1px 2px 1px 0;
  border-radius: 3px; background: #fdebd3; color: #8a3b00; white-space: nowrap; }
.badge.k4 { background: #ede4fb; color: #5b2aa6; }
.f { font-size: 11px; color: var(--muted); margin-right: 4px; }
.missing { color: #b42318; font-size: 12px; }
.printed div, .typed div { margin: 1px 0; white-space: pre-line; }
.count { color: var(--muted); font-weight: normal; font-size: 13px; }
"""


def image(part: Rows, i: int, sources: Sources, crops: Crops, say: Words) -> str:
    """The cropped print of row `i` (each box cropped once, kept in `crops`), or a line saying
    why there is none."""
    row = part.row(i)
    found = printed_at(row, sources)
    if found == "no source_bbox":
        return element("span", esc(say("review.no_bbox")), class_="missing")
    if isinstance(found, str):
        return element("span", esc(say("review.no_pdf")), class_="missing",
                       title=sources.missing.get(row.get("source_file", ""), ""))
    document, page_number, box = found
    where = (str(document.path), page_number, box)
    if where not in crops:
        crops[where] = document.crop(page_number, box)
    crop: Crop | None = crops[where]
    if crop is None:
        return element("span", esc(say("review.off_page")), class_="missing")
    # Shown pixel for pixel: the print at SCALE CSS pixels per point, small type legible.
    width, height = crop.width, crop.height
    alt = f"{row.get('source_file', '')} p.{page_number} {row.get('source_bbox', '')}"
    return (f'<img src="{crop.uri}" width="{width}" height="{height}" alt="{esc(alt)}" '
            f'title="{esc(alt)}">')


def fields(row: dict[str, str], names: tuple[str, ...], fixed: dict[str, str], say: Words,
           numeric: frozenset[str] = frozenset()) -> str:
    """Each non-empty field as 'name text', a corrected one marked ✎ with its reason; a
    number as people read it (1,814,456, never the float 1814456.0)."""
    lines = []
    for name in names:
        text = row.get(name, "")
        if not str(text).strip() and name not in fixed:
            continue
        shown = number(text) if name in numeric else text
        mark = corrected_mark(say("corrected", reason=fixed[name])) if name in fixed else ""
        lines.append(element("div", element("span", esc(name), class_="f") + esc(shown) + mark))
    return "".join(lines)


def badges(kinds_of: list[Look], say: Words) -> str:
    """One badge per kind of look, its details on hover (each field named once)."""
    seen = sorted({look.kind for look in kinds_of})
    return "".join(element("span", esc(say(LABELS[k])), class_=f"badge k{k}",
                           title="; ".join(look.said for look in kinds_of if look.kind == k))
                   for k in seen)


def row_html(part: Rows, i: int, group: str, sources: Sources, crops: Crops,
             flagged: list[Look], say: Words) -> str:
    """Row `i` of `group`: its name and badges, printed and typed values, print and place."""
    row = part.row(i)
    fixed = parse_reasons(row.get("corrected", ""), part.printed)
    where = " ".join(x for x in (f"p.{row.get('source_page', '')}", row.get("source_cell", ""))
                     if x.strip(" p."))
    cells = [
        element("th", esc(label(part, i, group)) + ("<br>" + badges(flagged, say) if flagged
                                                     else "")),
        element("td", fields(row, part.printed, fixed, say, part.numeric), class_="printed"),
        element("td", fields(row, part.typed, {}, say, part.numeric), class_="typed"),
        element("td", image(part, i, sources, crops, say), class_="img"),
        element("td", esc(where), class_="foot", title=row.get("source_bbox", "")),
    ]
    return element("tr", "".join(cells), id=part.anchors[i], class_="look" if flagged else None)


def header_row(say: Words) -> str:
    """The header cells of a group's table."""
    return "".join(element("th", esc(say(h))) for h in (
        "review.row", "review.printed", "review.typed", "review.print", "review.source"))
