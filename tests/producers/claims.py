"""What a generated PDF must show for its case's options, read with pdfplumber, not the pipeline.

A read-back failure only means something if the producer really printed the layout the case
names: `claims(case, pdf, truth)` lists every way the PDF differs from its options (rules
inside the banks or not, in which style, vertical rules in the body or not, page breaks and
repeated headers, browser rectangles, figure-table rules, where a split table breaks, a figure
table printed with its items across; no vertical segment at all in a table ruled by rows, no
rule at all but rows' backgrounds as tall as a row in a shaded one, a page starting inside a
row of a table that runs on).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.page import Page

from tests.producers.cases import Case
from tests.variants.editions import figure_text
from tests.variants.npo_layout import SOME_ROWS, row_kind

TOL = 1.0


def _verticals(page: Page) -> list[dict[str, Any]]:
    return [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]


def _horizontals(page: Page) -> list[float]:
    return sorted({round(line["top"], 1) for line in page.lines
                   if abs(line["top"] - line["bottom"]) < 0.1})


def _text(page: Page) -> str:
    return "".join(ch["text"] for ch in page.chars if not ch["text"].isspace())


def _npo_rules(case: Case, page: Page, truth: dict[str, Any]) -> list[str]:
    """On the first page: the rows whose bank groups have inner rules, their number and style,
    and no vertical rule in the body where the case says so."""
    problems = []
    verticals = _verticals(page)
    rows = _horizontals(page)  # table top, header bottom, then the bottom of every body row
    if len(rows) != 2 + len(truth["rows"]):
        return [f"{len(rows)} horizontal rule positions for {len(truth['rows'])} rows"]
    header_bottom = rows[1]
    options = case.options
    if options.get("body_verticals") is False:
        low = [v for v in verticals if v["bottom"] > header_bottom + TOL]
        return [f"{len(low)} vertical rules below the header row"] if low else []
    group_x = sorted({round(v["x0"], 1) for v in verticals if v["top"] <= header_bottom - TOL})
    first_bank = group_x[1]  # 項目 spans the label columns: its right edge starts the banks
    inner = [v for v in verticals if v["x0"] > first_bank + TOL
             and all(abs(v["x0"] - x) > TOL for x in group_x)]
    style = options.get("inner_rules", "all")
    n_banks = len(truth["pages"][0])
    inner_x = {round(v["x0"]) for v in inner}
    if len(inner_x) != (0 if style == "none" else 2 * n_banks):
        problems.append(f"inner rules at {len(inner_x)} x positions for {n_banks} banks")
    ruled = {
        i for i, (top, bottom) in enumerate(zip(rows[1:], rows[2:], strict=False))
        if any(v["top"] < (top + bottom) / 2 < v["bottom"] for v in inner)
    }
    want = {i for i, row in enumerate(truth["rows"]) if row_kind(truth, row) != "note"}
    if style == "none":
        want = set()
    elif style == "some_rows":
        want = {i for i in want if truth["rows"][i].split("/")[0] in SOME_ROWS}
    if ruled != want:
        problems.append(f"inner rules in rows {sorted(ruled)}, expected {sorted(want)}")
    dashes = [v["dash"][0][0] for v in inner if v["dash"]]
    if style in ("dashed", "dotted"):
        if len(dashes) != len(inner):
            problems.append(f"{len(inner) - len(dashes)} inner rules drawn solid, not {style}")
        elif dashes and (style == "dotted") != (max(dashes) < 0.5):
            problems.append(f"{style} rules have dashes {max(dashes):.2f} pt long")
    elif dashes:
        problems.append(f"{len(dashes)} inner rules are dashed")
    if style == "hair" and any(v["linewidth"] > 0.2 for v in inner):
        problems.append("hair rules are thicker than 0.2 pt")
    return problems


def _npo_pages(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """Page count, and on the second page the header repeated or not."""
    problems = []
    if len(pdf.pages) != len(truth["pages"]):
        problems.append(f"{len(pdf.pages)} pages, truth says {len(truth['pages'])}")
    if case.options.get("row_break") is not None and len(pdf.pages) > 1:
        text = _text(pdf.pages[1])
        header = "項目" in text and truth["pages"][1][0] in text
        if header != case.options.get("repeat_header", True):
            problems.append(f"page 2 {'has' if header else 'lacks'} the header rows")
    return problems


def _browser(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    page = pdf.pages[-1]
    if case.options.get("table_style") == "none":
        return [f"{len(page.rects)} rectangles in unruled tables"] if page.rects else []
    if page.lines or len(page.rects) < 20:
        return [f"{len(page.lines)} lines and {len(page.rects)} rectangles: borders are not "
                "filled rectangles"]
    return []


def _font(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """The text is set in the font the case names (a subset's tag, XXXXXX+, aside)."""
    font = case.options["font"]
    names = {char["fontname"] for char in pdf.pages[0].chars}
    if any(name.partition("+")[2] == font or name == font for name in names):
        return []
    return [f"text set in {sorted(names)}, not {font}"]


def _key_figure_pages(pdf: pdfplumber.PDF) -> tuple[int, Page]:
    """The page with the ＜主要計数＞ caption (looked for from the end, where the tables are)."""
    for n in reversed(range(len(pdf.pages))):
        if "＜主要計数＞" in _text(pdf.pages[n]):
            return n, pdf.pages[n]
    raise AssertionError("no page with ＜主要計数＞")


def _split_at(options: dict[str, Any]) -> tuple[str, int] | None:
    """Where a case breaks a page inside a figure table: ("key" | "ratios", k), k number rows
    before the break (-1: the caption alone ends the page)."""
    if "split" in options:
        return options["split"]
    if options.get("split_ratios") is not None:
        return "ratios", options["split_ratios"]
    if options.get("split_key_figures") is not None:
        return "key", options["split_key_figures"]
    return None


def _split_tables(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """The page the table's caption stands on ends after k of its number rows (none for k =
    -1), and the next page starts with the rest."""
    at = _split_at(case.options)
    assert at is not None
    which, k = at
    table = truth["key_figures"] if which == "key" else truth["ratios"]
    numbers = [figure_text(truth, row["total"]) if which == "key" else row["value_text"]
               for row in table["rows"]]
    pages = [unicodedata.normalize("NFKC", _text(page)) for page in pdf.pages]
    caption = unicodedata.normalize("NFKC", table["caption"])  # as the pages are read
    n = next(n for n in reversed(range(len(pages))) if caption in pages[n])
    on_page = [x for x in numbers if x in pages[n]]
    kept = max(k, 0)
    if on_page != numbers[:kept] or n + 1 == len(pages) or numbers[kept] not in pages[n + 1]:
        return [f"page {n + 1} ends after {len(on_page)} number rows of {table['caption']}, "
                f"not {kept}"]
    return []


def _writer(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """Figure-table rules in the case's style; where a split key-figure table breaks."""
    problems = []
    n, page = _key_figure_pages(pdf)
    style = case.options.get("table_style", "grid")
    split = case.options.get("split_key_figures")
    if split is not None:
        after = _text(pdf.pages[n + 1])
        repeated = "無担保" in after
        if repeated != case.options.get("repeat_header", True):
            problems.append(f"page {n + 2} {'repeats' if repeated else 'lacks'} the header")
        return problems
    verticals = _verticals(page)
    figures = {figure_text(truth, row[c]) for row in truth["key_figures"]["rows"]
               for c in ("total", "unsecured", "secured")}
    figures |= {row["value_text"] for row in truth.get("ratios", {}).get("rows", [])}
    number_rows = [(w["top"] + w["bottom"]) / 2 for w in page.extract_words()
                   if w["text"] in figures]
    if style == "grid" and not verticals:
        problems.append("grid table without vertical rules")
    if style in ("rows_only", "none") and verticals:
        problems.append(f"{len(verticals)} vertical rules in a {style} table")
    if style == "header_verticals" and (not verticals or any(
            v["top"] < y < v["bottom"] for v in verticals for y in number_rows)):
        problems.append("vertical rules are not in the header rows only")
    if style == "none" and page.lines:
        problems.append(f"{len(page.lines)} rules in an unruled table")
    if style in ("rows_only", "header_verticals") and len(_horizontals(page)) < 4:
        problems.append("no rules between the rows")
    return problems


def _transposed(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """The key figures' items stand side by side on one line (across the columns), each over
    its numbers, the total's above the unsecured's above the secured's (conditions down)."""
    _, page = _key_figure_pages(pdf)
    # Cells stand at least a few points apart, whatever size a producer set the table in;
    # NFKC folds browsers' radicals (⾼ → 高).
    words = [(unicodedata.normalize("NFKC", w["text"]), w["top"], w["x1"])
             for w in page.extract_words(x_tolerance=1)]
    rows = truth["key_figures"]["rows"]
    tops = {round(top) for text, top, _ in words if text in {row["item"] for row in rows}}
    found = {text for text, _, _ in words} & {row["item"] for row in rows}
    if len(found) < len(rows) or len(tops) != 1:
        return [f"{len(found)} of {len(rows)} items on {len(tops)} lines: not across one line"]
    problems = []
    for row in rows:
        x1 = next(x for text, _, x in words if text == row["item"])
        printed = [figure_text(truth, row[c]) for c in ("total", "unsecured", "secured")]
        below = [[top for text, top, right in words if text == number and right > x1 - 100]
                 for number in printed]
        if not all(below) or not min(below[0]) < max(below[1]) < max(below[2]):
            problems.append(f"{row['item']}: 計, 無担保, 有担保 are not down its column")
    return problems


# A filled rectangle at least this thick both ways is a cell's or a row's background (a rule
# is a hair thick); one as tall as a row is at least a line of text tall.
SHADE, ROW_TALL = 3.0, 5.0


def _backgrounds(page: Page) -> list[dict[str, Any]]:
    return [r for r in page.rects if r["fill"] and not r["stroke"]
            and r["height"] >= SHADE and r["width"] >= SHADE]


def _no_verticals(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """Ruled by horizontal lines only: no vertical segment at all (not even the frame's, or a
    thin rectangle's side longer than a hair), on any page, and the rows ruled."""
    problems = []
    for n, page in enumerate(pdf.pages, start=1):
        verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 1.0]
        if verticals:
            problems.append(f"page {n}: {len(verticals)} vertical segments")
    rules = _horizontals(pdf.pages[0]) or sorted({round(r["top"], 1) for r in pdf.pages[0].rects
                                                  if r["height"] < 1.0})
    if len(rules) < len(truth["rows"]) // 2:
        problems.append(f"page 1: {len(rules)} horizontal rules for {len(truth['rows'])} rows")
    return problems


def _no_rules(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """No rule at all: no line, curve or rectangle but a row's background; shaded rows are
    filled rectangles as tall as a row (several on the first page), an unshaded table has
    none."""
    problems = []
    for n, page in enumerate(pdf.pages, start=1):
        thin = [r for r in page.rects if r not in _backgrounds(page)]
        if page.lines or page.curves or thin:
            problems.append(f"page {n}: {len(page.lines)} lines, {len(page.curves)} curves, "
                            f"{len(thin)} rectangles that are no background")
    shaded = case.options.get("zebra") or case.options.get("shading")
    bands = {round(r["top"]) for r in _backgrounds(pdf.pages[0]) if r["height"] >= ROW_TALL}
    if shaded and len(bands) < 3:
        problems.append(f"page 1: backgrounds at {len(bands)} heights, not zebra rows")
    if not shaded and bands:
        problems.append(f"page 1: {len(bands)} shaded rows in an unshaded table")
    return problems


def _runs_over_pages(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """A table runs on over a page break and a row is broken by it: some page after the first
    starts with cells but no label (its first line has no text left of the first bank's
    column) and without the header."""
    first = pdf.pages[0].extract_words()
    bank = next((w for w in first if w["text"].startswith(truth["pages"][0][0][:2])), None)
    if bank is None:
        return ["page 1 names no bank"]
    label_end = bank["x0"]
    for page in pdf.pages[1:]:
        words = page.extract_words()
        if not words:
            continue
        top = min(w["top"] for w in words)
        line = [w for w in words if w["top"] < top + 3]
        if not any(w["text"].startswith("項") for w in line) and all(
                w["x0"] > label_end - 20 for w in line):
            return []
    return ["no page starts inside a row of a table"]


def _zebra_figures(case: Case, pdf: pdfplumber.PDF, truth: dict[str, Any]) -> list[str]:
    """A zebra figure table: no rules, every other body row a filled rectangle."""
    n, page = _key_figure_pages(pdf)
    problems = []
    if page.lines or [e for e in page.edges if e["orientation"] == "v" and e["height"] > 1.0
                      and not any(r["x0"] - 0.1 <= e["x0"] <= r["x1"] + 0.1
                                  and r["top"] - 0.1 <= e["top"] <= r["bottom"] + 0.1
                                  for r in _backgrounds(page))]:
        problems.append(f"page {n + 1}: rules in a zebra table")
    if len({round(r["top"]) for r in _backgrounds(page)}) < 2:
        problems.append(f"page {n + 1}: fewer than two shaded rows")
    return problems


def claims(case: Case, pdf_path: Path, truth: dict[str, Any]) -> list[str]:
    """Every way `pdf_path` differs from what `case`'s options say it prints."""
    checks: list[Callable[..., list[str]]] = []
    options = case.options
    if case.producer == "calc":
        checks.append(_npo_pages)
    if case.producer == "chromium" and options.get("ruling", "grid") == "grid" and (
            options.get("table_style", "grid") not in ("none", "zebra")):
        checks.append(_browser)
    if case.kind == "npo" and "rows" in (options.get("ruling"), options.get("borders")):
        checks.append(_no_verticals)
    if case.kind == "npo" and "none" in (options.get("ruling"), options.get("borders")):
        checks.append(_no_rules)
    if case.kind == "npo" and (options.get("flow") or (
            case.producer == "writer-html" and options.get("ruling", "grid") != "none")):
        checks.append(_runs_over_pages)
    if options.get("table_style") == "zebra":
        checks.append(_zebra_figures)
    if (case.producer == "writer" and case.kind == "plan" and options.get("table_style") != "zebra"
            and set(options) & {"table_style", "split_key_figures"}):
        checks.append(_writer)
    if case.options.get("transposed"):
        checks.append(_transposed)
    if case.options.get("font"):
        checks.append(_font)
    if _split_at(options) is not None:
        checks.append(_split_tables)
    problems = []
    with pdfplumber.open(pdf_path) as pdf:
        for check in checks:
            problems += check(case, pdf, truth)
        if case.producer == "calc" and set(options) & {"inner_rules", "body_verticals"}:
            problems += _npo_rules(case, pdf.pages[0], truth)
    return problems
