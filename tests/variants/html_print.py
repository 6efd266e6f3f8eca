"""Both documents as HTML pages printed by headless Chromium (a browser's "print to PDF").

Browsers draw every border as a filled rectangle and set text with their own font subsets and
Unicode maps, which is why this producer is worth reading back. `npo_html` writes the NPO
comparison table (the boxes of tests/variants/npo_layout.py; one page per bank group, each
table scaled to the page width, `@page { size: A3 landscape }`), `plan_html` the business plan
(A4, the indents and tables of tests/variants/docx_plan.py, page numbers in the page margin).
`render_html` prints one file with one chromium call and writes its truth beside the PDF.

NPO options: banks_per_page, inner_rules, body_verticals (as in calc_npo), font; ruling
("grid" | "rows_only" | "none", see npo_layout.RULINGS) and zebra (every other body row painted
grey, as a stylesheet's tr:nth-child(even) does: the browser fills each cell's box, a label
cell merged down from such a row all over); flow (the tables follow one another, each running
on over the page breaks, rows breaking across them, the header row not repeated) and paper
("A3 landscape", "A4 landscape", "A4 portrait": each table is scaled to the page's width).
Plan options: table_style ("grid" | "rows_only" | "header_verticals" | "none" | "zebra": no
rules, every other body row shaded), font, transposed (the figure tables with the items
across and 計 / 無担保 / 有担保 down the rows, tests/variants/plan_layout.py) and side_label
(with transposed: 計画値 merged down beside the condition labels, or left out).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.variants.docx_plan import (
    DEEP_PARAGRAPH_INDENT,
    KEY_WIDTHS,
    LABEL_WIDTH,
    LAYOUT_MARGIN,
    PARAGRAPH_INDENT,
    PITCH,
    RATIO_WIDTHS,
    SIZE,
    TABLE_INDENT,
    TABLE_STYLES,
    TEXT_W,
    TITLE_SIZE,
    numbered_indent,
)
from tests.variants.editions import figure_text, truth_of
from tests.variants.npo_layout import (
    banks_of,
    horizontal_rule,
    page_grid,
    paged_truth,
    split_banks,
    vertical_rule,
)
from tests.variants.office import print_with_chromium, write_truth
from tests.variants.plan_layout import FigureGrid, ems, fitted_widths, shown, transposed_grids

FONTS = ("IPAexGothic", "IPAexMincho")
NPO_SIZE = 9.0
LABEL_WIDTHS = (70.0, 63.0, 42.0)  # points at full size, outer to inner label column
BANK_WIDTHS = (49.0, 28.0, 154.0)  # value | unit | note
A3_LANDSCAPE_ROOM = 1190.55 - 2 * 28.35  # points between the 10 mm margins
PAPER_ROOM = {"A3 landscape": A3_LANDSCAPE_ROOM, "A4 landscape": 841.89 - 2 * 28.35,
              "A4 portrait": 595.28 - 2 * 28.35}
CSS_RULE = {"thin": "0.5pt solid #000", "dashed": "0.5pt dashed #000",
            "dotted": "0.5pt dotted #000", "hair": "0.25pt solid #000", None: "none"}
ZEBRA = "#e0e0e0"


def _e(text: str) -> str:
    return html.escape(text or "")


def _npo_page(edition: dict[str, Any], banks: list[str], *, font: str, rules: dict[str, Any],
              last: bool, room: float = 0.0, flow: bool = False, first: bool = True) -> str:
    grid = page_grid(edition, banks)
    widths, seen = [], 0
    for kind, index in grid.columns:
        if kind == "label":
            widths.append(LABEL_WIDTHS[min(index, len(LABEL_WIDTHS) - 1)])
        else:
            widths.append(BANK_WIDTHS[seen % 3])
            seen += 1
    scale = min(1.0, (room or A3_LANDSCAPE_ROOM) / sum(widths))
    size = NPO_SIZE * scale
    cols = "".join(f'<col style="width:{w * scale:.2f}pt">' for w in widths)
    rows: list[list[str]] = [[] for _ in grid.rows]
    for box in grid.boxes:
        left = CSS_RULE[vertical_rule(grid, box.col, box.row, **rules)]
        right = CSS_RULE[vertical_rule(grid, box.col + box.colspan, box.row, **rules)]
        style = f"border-left:{left};border-right:{right};text-align:{box.align}"
        span = (f' rowspan="{box.rowspan}"' if box.rowspan > 1 else "") + (
            f' colspan="{box.colspan}"' if box.colspan > 1 else "")
        tag = "th" if box.row == 0 else "td"
        rows[box.row].append(f'<{tag}{span} style="{style}">{_e(box.text)}</{tag}>')
    if flow:  # the header an ordinary row: a page the table runs onto does not repeat it
        head, body_rows = "", rows
    else:
        head, body_rows = f"<thead><tr>{''.join(rows[0])}</tr></thead>", rows[1:]
    body = "".join(f"<tr>{''.join(cells)}</tr>" for cells in body_rows)
    brk = "" if last or flow else "break-after:page;"
    title = (f'<div class="head"><b style="font-size:{12 * scale:.2f}pt">'
             f'{_e(edition["title"])}</b><span>（{_e(edition["as_of_label"])}）</span></div>'
             if first or not flow else '<div class="gap"></div>')
    return (
        f'<section style="{brk}width:{sum(widths) * scale:.2f}pt;font-size:{size:.2f}pt">'
        f"{title}<table><colgroup>{cols}</colgroup>{head}<tbody>{body}</tbody></table></section>"
    )


def npo_html(
    edition: dict[str, Any], path: Path, *, banks_per_page: Sequence[int] = (7, 6),
    inner_rules: str = "all", body_verticals: bool = True, font: str = "IPAexGothic",
    ruling: str = "grid", zebra: bool = False, flow: bool = False, paper: str = "A3 landscape",
) -> dict[str, Any]:
    """Write `edition` as an HTML page to print; returns its truth (pages as printed)."""
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    if paper not in PAPER_ROOM:
        raise ValueError(f"paper must be one of {tuple(PAPER_ROOM)}, not {paper!r}")
    groups = split_banks(banks_of(edition), banks_per_page)
    rules = {"inner_rules": inner_rules, "body_verticals": body_verticals, "ruling": ruling}
    across = CSS_RULE[horizontal_rule(ruling)]
    pages = "".join(
        _npo_page(edition, banks, font=font, rules=rules, last=n == len(groups) - 1,
                  room=PAPER_ROOM[paper], flow=flow, first=n == 0)
        for n, banks in enumerate(groups)
    )
    css = (
        f"@page{{size:{paper};margin:10mm}}"
        f"body{{margin:0;font-family:'{font}';line-height:1.2}}"
        ".head{display:flex;justify-content:space-between;align-items:flex-end}"
        "table{border-collapse:collapse;table-layout:fixed;width:100%}"
        f"th,td{{border-top:{across};border-bottom:{across};padding:1pt 2pt;"
        "white-space:pre-line;vertical-align:middle;font-weight:normal;overflow-wrap:anywhere}"
        + ("tr{break-inside:auto}.gap{height:2em}" if flow else "tr{break-inside:avoid}")
        + (f"tbody tr:nth-child(even)>td{{background:{ZEBRA}}}" if zebra else "")
    )
    path.write_text(f'<!doctype html><html lang="ja"><head><meta charset="utf-8">'
                    f"<title>{_e(edition['title'])}</title><style>{css}</style></head>"
                    f"<body>{pages}</body></html>\n", "utf-8")
    return paged_truth(edition, groups)


def _plan_css(font: str, style: str, keep: bool = True) -> str:
    grid = style == "grid"
    outer = "0.5pt solid #000" if grid else "none"
    rule = "none" if style in ("none", "zebra") else "0.5pt solid #000"
    header_v = "0.5pt solid #000" if style in ("grid", "header_verticals") else "none"
    inner_v = "0.5pt solid #000" if grid else "none"
    return (
        "@page{size:A4;margin:72pt 66pt 72pt 65.3pt;"
        f"@bottom-center{{content:counter(page);font-family:'{font}';font-size:{SIZE}pt}}}}"
        f"body{{margin:0;font-family:'{font}';font-size:{SIZE}pt;line-height:{PITCH}pt}}"
        "p{margin:0;text-align:justify}"
        f"h1{{font-size:{TITLE_SIZE}pt;font-weight:normal;text-align:center;margin:0;"
        f"line-height:{TITLE_SIZE * 1.6}pt}}"
        ".blank{height:" f"{PITCH}pt}}"
        f".cap{{margin-left:{TABLE_INDENT}pt;display:flex;justify-content:space-between}}"
        f"table{{border-collapse:collapse;table-layout:fixed;margin-left:{TABLE_INDENT}pt;"
        f"border-left:{outer};border-right:{outer};border-top:{rule};border-bottom:{rule}}}"
        f"td,th{{height:20pt;padding:0 {SIZE * 0.6}pt;border-top:{rule};border-bottom:{rule};"
        f"border-left:{inner_v};border-right:{inner_v};font-weight:normal}}"
        f"th{{border-left:{header_v};border-right:{header_v}}}"
        "td.num{text-align:right}"
        "td.item{text-align:justify;text-align-last:justify;padding:0 "
        f"{SIZE * 1.2}pt}}"
        "tr{break-inside:avoid}"
        + (".keep{break-inside:avoid}" if keep else "")  # a caption stays with its table
        + f"table.layout td,table.layout th{{height:var(--row);padding:0 {LAYOUT_MARGIN}pt;"
        "white-space:nowrap}"
        + (f"tbody tr:nth-child(even)>td{{background:{ZEBRA}}}" if style == "zebra" else "")
        + f".end{{text-align:right;margin-right:{SIZE}pt}}"
    )


def _spaced(text: str) -> str:
    return " ".join(text.replace(" ", ""))


BREAK = "break-before:page"


def _figure_table(widths: tuple[float, ...], header: str, rows: list[tuple[str, ...]],
                  break_at: int | None = None) -> str:
    """A figure table; `break_at`: a page break before that body row (-1: before the table)."""
    cols = "".join(f'<col style="width:{w}pt">' for w in widths)
    body = "".join(
        f'<tr{f" style={BREAK!r}" if n == break_at else ""}><td class="item">{_e(row[0])}</td>'
        + "".join(f'<td class="num">{_e(v)}</td>' for v in row[1:]) + "</tr>"
        for n, row in enumerate(rows)
    )
    before = f";{BREAK}" if break_at == -1 else ""
    return (f'<table style="width:{sum(widths)}pt{before}"><colgroup>{cols}</colgroup>'
            f"<thead>{header}</thead><tbody>{body}</tbody></table>")


def _layout_table(grid: FigureGrid) -> str:
    """A figure table laid out by tests/variants/plan_layout.py under its caption: widths within
    the text width, text (and rows) smaller where the items would not fit on one line."""
    widths, scale = fitted_widths(grid, lambda text: ems(text) * SIZE, TEXT_W - TABLE_INDENT,
                                  4 * LAYOUT_MARGIN + 2.5, LABEL_WIDTH)
    size = min(SIZE, int(SIZE * scale * 2) / 2)
    cols = "".join(f'<col style="width:{w:.2f}pt">' for w in widths)
    rows: list[list[str]] = [[] for _ in range(grid.n_rows)]
    for box in grid.boxes:
        tag = "th" if box.row < grid.header_rows else "td"
        span = (f' rowspan="{box.rowspan}"' if box.rowspan > 1 else "") + (
            f' colspan="{box.colspan}"' if box.colspan > 1 else "")
        align = "right" if box.role == "number" else "center"
        rows[box.row].append(f'<{tag}{span} style="text-align:{align}">{_e(shown(box))}</{tag}>')
    head = "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows[:grid.header_rows])
    body = "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows[grid.header_rows:])
    style = (f"width:{sum(widths):.2f}pt;font-size:{size}pt;line-height:{size * 1.4:.2f}pt;"
             f"--row:{20 * size / SIZE:.2f}pt")
    return (f'<div class=blank></div><div class=keep><div class="cap" '
            f'style="width:{sum(widths):.2f}pt">'
            f"<span>{_e(grid.caption)}</span><span>{_e(grid.unit_label)}</span></div>"
            f'<table class="layout" style="{style}"><colgroup>{cols}</colgroup>'
            f"<thead>{head}</thead><tbody>{body}</tbody></table></div>")


def plan_html(plan: dict[str, Any], path: Path, *, table_style: str = "grid",
              font: str = "IPAexMincho", transposed: bool = False,
              side_label: bool = True, keep: bool = True,
              split: tuple[str, int] | None = None) -> dict[str, Any]:
    """Write `plan` as an HTML page to print; returns its truth. `keep=False` lets a page
    break fall between a caption and its table or inside the table (its header rows repeated
    by <thead>); `split` = (table, k) breaks the page inside a figure table ("key" or
    "ratios", as shipped): before its body row k (0: its header rows alone end the page and are
    repeated overleaf), or with k = -1 between its caption and the table (the caption and
    unit line alone end the page)."""
    if table_style not in TABLE_STYLES:
        raise ValueError(f"table_style must be one of {TABLE_STYLES}, not {table_style!r}")
    if split is not None and (keep or transposed or split[0] not in ("key", "ratios")):
        raise ValueError(f"split {split!r} needs keep=False and a figure table as shipped")
    parts = []
    titles = [b["text"] for b in plan["blocks"] if b["kind"] == "title"]
    parts.append(f"<h1>{_e(titles[0] if titles else plan['title'])}</h1><div class=blank></div>")
    previous = "title"
    for block in plan["blocks"]:
        kind, level, number, text = block["kind"], block["level"], block["number"], block["text"]
        if kind == "title":
            continue
        if kind == "heading" and previous not in ("heading", "title"):
            parts.append("<div class=blank></div>")
        if number:
            printed = number + (" " if kind == "outline" else "") + text
            first = numbered_indent(level)
            rest = numbered_indent(level + 1) if kind == "heading" else first
        else:
            printed = text
            first, rest = PARAGRAPH_INDENT.get(level, DEEP_PARAGRAPH_INDENT)
        weight = "font-weight:bold;" if kind == "heading" else ""
        parts.append(f'<p style="{weight}margin-left:{rest * SIZE}pt;'
                     f'text-indent:{(first - rest) * SIZE}pt">{_e(printed)}</p>')
        previous = kind
    if transposed:
        parts += [_layout_table(grid) for grid in transposed_grids(plan, side_label)]
    else:
        parts += _figure_tables(plan, split)
    if plan.get("closing"):
        parts.append(f'<div class=blank></div><p class="end">{_e("　".join(plan["closing"]))}</p>')
    path.write_text(f'<!doctype html><html lang="ja"><head><meta charset="utf-8">'
                    f"<title>{_e(plan['title'])}</title><style>{_plan_css(font, table_style, keep)}"
                    f"</style></head><body>{''.join(parts)}</body></html>\n", "utf-8")
    return truth_of(plan)


def _figure_tables(plan: dict[str, Any], split: tuple[str, int] | None = None) -> list[str]:
    """Both figure tables as shipped (items down the rows), each under its caption; `split`:
    where a page break falls in one of them (see plan_html)."""
    at = {split[0]: split[1]} if split else {}
    parts = []
    figures = plan["key_figures"]
    head = figures["header"]
    key_header = (
        f'<tr><th rowspan="2">{_e(_spaced(head["item"]))}</th>'
        f'<th colspan="3">{_e(_spaced(head["plan"]))}</th></tr>'
        f'<tr><th>{_e(_spaced(head.get("total", "")))}</th>'
        f'<th>{_e(_spaced(head["unsecured"]))}</th><th>{_e(_spaced(head["secured"]))}</th></tr>'
    )
    key_rows = [(row["item"], *(figure_text(plan, row[c]) for c in ("total", "unsecured",
                                                                     "secured")))
                for row in figures["rows"]]
    parts.append(f'<div class=blank></div><div class=keep><div class="cap" '
                 f'style="width:{sum(KEY_WIDTHS)}pt">'
                 f"<span>{_e(figures['caption'])}</span><span>{_e(figures['unit_label'])}</span>"
                 f"</div>{_figure_table(KEY_WIDTHS, key_header, key_rows, at.get('key'))}</div>")
    ratios = plan.get("ratios")
    if ratios:
        header = (f"<tr><th>{_e(_spaced(ratios['header']['item']))}</th>"
                  f"<th>{_e(_spaced(ratios['header']['plan']))}</th></tr>")
        rows = [(row["item"], row["value_text"]) for row in ratios["rows"]]
        parts.append(f'<div class=blank></div><div class=keep><div class="cap" style="width:'
                     f'{sum(RATIO_WIDTHS)}pt"><span>{_e(ratios["caption"])}</span>'
                     f"<span>{_e(ratios['unit_label'])}</span></div>"
                     f"{_figure_table(RATIO_WIDTHS, header, rows, at.get('ratios'))}</div>")
    return parts


def render_html(kind: str, edition: dict[str, Any], pdf: Path, **options: Any) -> dict[str, Any]:
    """`edition` ("npo" or "plan") written as <name>.html beside `pdf` and printed to it by
    Chromium; writes the truth beside the PDF and returns it."""
    writer = {"npo": npo_html, "plan": plan_html}[kind]
    pdf = Path(pdf)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page = pdf.with_suffix(".html")
    truth = writer(edition, page, **options)
    print_with_chromium(page, pdf)
    write_truth(pdf, truth)
    return truth
