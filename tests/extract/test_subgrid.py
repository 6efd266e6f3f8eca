"""Rows and columns the rules leave out: a booktabs body, sub-columns of a ruled column."""

from __future__ import annotations

import pytest

from tests.browser import require_chromium
from tests.extract.pages import Page, grid_of, tables_on
from tests.variants.office import print_with_chromium

XS = [72, 250, 330, 410, 490]  # stub left edge, then the right edges of three number columns
BODY = [("Alabama", "1,200", "3.4", "17"), ("Alaska", "980", "2.1", "5"),
        ("Arizona", "12,044", "10.0", "311"), ("Arkansas", "4,410", "7.7", "48"),
        ("California", "103,998", "15.2", "1,022"), ("Colorado", "8,120", "6.3", "90"),
        ("Connecticut", "6,001", "5.5", "71"), ("Delaware", "1,733", "4.0", "12")]
HEADER = ("State", "Schools", "Share", "Closed")


def booktabs(page: Page, top: float, pitch: float = 12) -> float:
    """A table ruled only above, under its header and below; returns its bottom."""
    page.hline(XS[0], XS[-1], top)
    page.row(top + 3, list(zip(XS, HEADER, strict=False)))
    page.hline(XS[0], XS[-1], top + 16)
    y = top + 20
    for cells in BODY:
        page.row(y, list(zip(XS, cells, strict=False)))
        y += pitch
    page.hline(XS[0], XS[-1], y + 2)
    return y + 2


def test_booktabs_body_rows_are_its_lines(tmp_path) -> None:
    page = Page(tmp_path / "booktabs.pdf")
    page.text(72, 80, "Table 3. Schools by state")
    booktabs(page, 100)
    [table] = tables_on(page.save())
    assert table["method"] == "rows"
    assert grid_of(table) == [list(HEADER), *[list(r) for r in BODY]]


def test_rows_table_wrapped_cell_stays_one_row(tmp_path) -> None:
    """Rules under every row; a note wrapped onto a second line is the row's, not a row."""
    page = Page(tmp_path / "rows.pdf")
    rows = [("Item", "Plan", "Note"), ("Loans", "1,200", "new scheme"),
            ("Guarantees", "980", "limit raised for small firms\nfrom April"),
            ("Recoveries", "44", "")]
    top = 100
    page.hline(72, 490, top)
    for cells in rows:
        lines = [c.splitlines() or [""] for c in cells]
        page.text(80, top + 4, lines[0][0])
        page.text(300, top + 4, lines[1][0], right=True)
        for n, line in enumerate(lines[2]):
            page.text(320, top + 4 + 11 * n, line)
        top += 4 + 11 * max(len(x) for x in lines) + 3
        page.hline(72, 490, top)
    [table] = tables_on(page.save())
    assert table["method"] == "rows"
    assert grid_of(table) == [list(r) for r in rows]


def test_ruled_groups_split_into_their_sub_columns_and_lines(tmp_path) -> None:
    """Verticals only between groups, rules only under the header: each group's two text
    columns and each body line are cells of their own."""
    page = Page(tmp_path / "groups.pdf", font="Courier")
    left, mid, right = 72, 232, 392
    top, bottom = 100, 100 + 18 + 12 * len(BODY)
    for x in (left, mid, right):
        page.vline(x, top, bottom)
    page.hline(left, right, top)
    page.hline(left, right, top + 16)
    page.hline(left, right, bottom)
    for x, edge in ((left, mid), (mid, right)):
        page.text(x + 4, top + 4, "State")
        page.text(edge - 6, top + 4, "Schools", right=True)
    for n, (name, schools, *_rest) in enumerate(BODY):
        y = top + 20 + 12 * n
        page.text(left + 4, y, name)
        page.text(mid - 6, y, schools, right=True)
        other = BODY[-1 - n]
        page.text(mid + 4, y, other[0])
        page.text(right - 6, y, other[1], right=True)
    [table] = tables_on(page.save())
    assert table["method"] == "ruled"
    assert (table["n_rows"], table["n_cols"]) == (1 + len(BODY), 4)
    assert grid_of(table)[1] == ["Alabama", "1,200", "Delaware", "1,733"]


def test_ruled_cell_lines_stay_one_cell(tmp_path) -> None:
    """A ruled row whose cells hold several lines (the label once, centred) is one row."""
    page = Page(tmp_path / "cells.pdf")
    xs, ys = [72, 180, 300, 420], [100, 120, 170]
    for x in xs:
        page.vline(x, ys[0], ys[-1])
    for y in ys:
        page.hline(xs[0], xs[-1], y)
    page.row(104, [(76, "Item"), (184, "Bank A"), (304, "Bank B")], right_from=9)
    page.text(76, 139, "Rate")
    for n, line in enumerate(("1.400", "to", "2.300")):
        page.text(184, 124 + 14 * n, line)
        page.text(304, 124 + 14 * n, line)
    [table] = tables_on(page.save())
    assert grid_of(table) == [["Item", "Bank A", "Bank B"],
                              ["Rate", "1.400\nto\n2.300", "1.400\nto\n2.300"]]


def test_value_unit_note_in_one_ruled_box_stay_one_cell(tmp_path) -> None:
    """A bank's box whose value, unit and note stand apart in some rows: the header names the
    bank once, so the pieces are not sub-columns."""
    page = Page(tmp_path / "box.pdf")
    xs, ys = [72, 180, 330, 480], [100, 120, 140, 160, 180, 200]
    for x in xs:
        page.vline(x, ys[0], ys[-1])
    for y in ys:
        page.hline(xs[0], xs[-1], y)
    page.row(104, [(76, "Item"), (230, "Bank A"), (380, "Bank B")], right_from=9)
    for n, label in enumerate(("Limit", "Secured", "Term", "Purpose")):
        page.text(76, 124 + 20 * n, label)
        for x in (184, 334):
            if n < 3:
                page.text(x, 124 + 20 * n, f"{n + 1},000")
                page.text(x + 36, 124 + 20 * n, "yen")
                page.text(x + 60, 124 + 20 * n, "fixed")
            else:
                page.text(x + 70, 124 + 20 * n, "o")
    [table] = tables_on(page.save())
    assert (table["n_rows"], table["n_cols"]) == (5, 3)
    assert grid_of(table)[1] == ["Limit", "1,000 yen fixed", "1,000 yen fixed"]


def test_ruled_stub_column_indented_labels_are_rows(tmp_path) -> None:
    """Rules in the header and around the body, columns ruled: every body line with its label in
    the first column is a row, however far the label is indented under its heading."""
    page = Page(tmp_path / "indented.pdf")
    xs, top = [72, 200, 280, 360], 100
    body = [("All ages", "291", "100.0"), ("With a disability", "54", "18.7"),
            ("Severe", "34", "12.0"), ("Aged 6 and older", "266", "100.0"),
            ("Needed assistance", "10", "4.1")]
    indent = {0: 30, 2: 14, 3: 30}  # points right of the column's left edge (3 font sizes)
    bottom = top + 20 + 12 * len(body)
    for x in xs:
        page.vline(x, top, bottom)
    for y in (top, top + 16, bottom):
        page.hline(xs[0], xs[-1], y)
    page.row(top + 4, [(76, "Category"), (276, "Number"), (356, "Percent")])
    for n, (label, number, share) in enumerate(body):
        page.row(top + 20 + 12 * n, [(76 + indent.get(n, 0), label), (276, number),
                                     (356, share)])
    [table] = tables_on(page.save())
    assert grid_of(table) == [["Category", "Number", "Percent"], *[list(r) for r in body]]


def test_right_aligned_stub_lines_are_rows(tmp_path) -> None:
    """A booktabs body whose stub is right-aligned numbers under a left-aligned heading (a dose
    column): each line is a row, the heading a row of its own."""
    page = Page(tmp_path / "doses.pdf")
    xs, top = [72, 130, 210, 290], 100
    body = [("0", "39", "5.8"), ("250", "30", "5.9"), ("1,000", "31", "5.8"),
            ("4,000", "27", "5.3")]
    page.hline(xs[0], xs[-1], top)
    page.row(top + 4, [(72, "Concentration"), (210, "No."), (290, "Weight")])
    page.hline(xs[0], xs[-1], top + 16)
    page.text(76, top + 22, "Male")
    for n, cells in enumerate(body):
        page.row(top + 36 + 12 * n, list(zip(xs[1:], cells, strict=True)), right_from=0)
    bottom = top + 36 + 12 * len(body) + 2
    page.hline(xs[0], xs[-1], bottom)
    [table] = tables_on(page.save())
    assert table["method"] == "rows"
    assert grid_of(table) == [["Concentration", "No.", "Weight"], ["Male", "", ""],
                              *[list(r) for r in body]]


def test_header_lines_without_a_stub_stay_one_row(tmp_path) -> None:
    """A header band whose upper line has no stub (Number | Percent over of items | of items,
    the label beside the lower line in a smaller font, its top a hair lower) is one row."""
    page = Page(tmp_path / "header.pdf")
    top = 100
    page.hline(72, 400, top)
    page.row(top + 3, [(300, "Number"), (360, "Percent")], right_from=0)
    page.text(76, top + 14, "Item format", size=8.5)
    page.row(top + 13, [(300, "of items"), (360, "of items")], right_from=0)
    page.hline(72, 400, top + 26)
    rows = [("Total", "135", "100"), ("Multiple choice", "74", "55"),
            ("Constructed response", "61", "45")]
    for n, (label, number, share) in enumerate(rows):
        page.row(top + 30 + 12 * n, [(76, label), (300, number), (360, share)])
    page.hline(72, 400, top + 30 + 12 * len(rows) + 2)
    [table] = tables_on(page.save())
    assert grid_of(table)[0] == ["Item format", "Number\nof items", "Percent\nof items"]
    assert table["n_rows"] == 1 + len(rows)


def test_ruled_stub_words_set_apart_are_one_stub(tmp_path) -> None:
    """A stub ruled off from the numbers whose words stand far apart (a spaced-out typewriter
    face): each body line is still a row, its words the stub's."""
    page = Page(tmp_path / "spaced.pdf")
    left, rule, right, top = 90, 200, 470, 100
    # (first word, where the second starts, second word, share): one line's first word ends
    # right of where another's second begins, so only the rule tells the stub's extent
    body = [("Under", 140, "1 year", "0.0156"), ("1 - 2", 130, "years", "0.0287"),
            ("3 - 5", 130, "years", "0.0419"), ("12 -", 116, "19 years", "0.1418")]
    bottom = top + 20 + 14 * len(body)
    page.vline(rule, top, bottom)
    for y in (top, top + 16, bottom):
        page.hline(left, right, y)
    page.row(top + 4, [(92, "Age groups"), (300, "Proportion")], right_from=9)
    for n, (first, at, second, share) in enumerate(body):
        y = top + 20 + 14 * n
        page.text(92, y, first)
        page.text(at, y, second)
        page.text(300, y, share)
    [table] = tables_on(page.save())
    assert grid_of(table) == [["Age groups", "Proportion"],
                              *[[f"{a} {b}", c] for a, _at, b, c in body]]


# A boxed table: a frame and nothing else drawn, every other row painted cell by cell; one
# label wraps onto a second line beside its figures, set centred on the row.
BOXED_XS = [104, 220, 278, 335, 393, 450, 508]
BOXED = [("District", "FY 2007", "FY 2008", "FY 2009", "FY 2010", "FY 2011"),
         (("Investigative Matters", "Received"), "426", "365", "285", "402", "387"),
         ("Defendants Charged", "290", "259", "235", "259", "215"),
         ("Cases Charged", "217", "197", "173", "177", "168"),
         (("Defendants", "Sentenced"), "287", "242", "223", "207", "208"),
         ("No Prison Term", "148", "107", "126", "121", "102"),
         ("1-12 Months", "52", "48", "35", "38", "27")]


def _boxed_expected() -> list[list[str]]:
    return [["\n".join(c) if isinstance(c, tuple) else c for c in row] for row in BOXED]


def test_boxed_table_rows_are_its_painted_rows(tmp_path) -> None:
    """The frame draws no row; the painted rows say where rows meet (a wrapped label and the
    figures beside it one row), as the rules did when the cells were boxed."""
    page = Page(tmp_path / "boxed.pdf")
    top, height = 306.0, 26.0
    for n, row in enumerate(BOXED):
        if n % 2:
            for left, right in zip(BOXED_XS, BOXED_XS[1:], strict=False):
                page.fill(left, top, right, top + height, grey=0.85)
        for k, (left, cell) in enumerate(zip(BOXED_XS, row, strict=False)):
            lines = cell if isinstance(cell, tuple) else (cell,)
            first = top + (height - len(lines) * 6.6) / 2 - 1
            for m, line in enumerate(lines):
                page.text(left + 5 if k == 0 else left + 20, first + m * 6.6, line, size=6.5)
        top += height
    for x in (BOXED_XS[0], BOXED_XS[-1]):
        page.vline(x, 306, top)
    for y in (306, top):
        page.hline(BOXED_XS[0], BOXED_XS[-1], y)
    [table] = tables_on(page.save())
    assert grid_of(table) == _boxed_expected()


@pytest.mark.slow
@pytest.mark.browser
def test_boxed_table_printed_by_chromium(tmp_path) -> None:
    """The same boxed table as HTML (a border round the table only, tr:nth-child(even)
    painted) printed by Chromium: its rows are the painted rows."""
    rows = []
    for row in BOXED:
        cells = "".join(f"<td>{'<br>'.join(c) if isinstance(c, tuple) else c}</td>" for c in row)
        rows.append(f"<tr>{cells}</tr>")
    html = tmp_path / "boxed.html"
    html.write_text(
        "<html><head><style>@page{size:A4;margin:20mm}body{font:7pt Helvetica,Arial}"
        "table{border:0.5pt solid #000;border-collapse:collapse}"
        "td{height:24pt;padding:0 6pt;vertical-align:middle;white-space:nowrap}"
        "tr:nth-child(even) td{background:#d3dfee}</style></head><body>"
        f"<table>{''.join(rows)}</table></body></html>", encoding="utf-8")
    require_chromium()
    [table] = tables_on(print_with_chromium(html, tmp_path / "boxed.pdf"))
    assert grid_of(table) == _boxed_expected()


# Two groups of columns side by side, ruled between them and under the header, the body's rows
# unruled; the right group closes with a total under a rule of its own.
SIDE_XS = [72, 150, 230, 300, 380]  # label | figure || label | figure, and the right edge
SIDE = [("Age", "Population", "Age", "Population")] + [
    (f"{n} years", f"{3_533_692 - 91_234 * n:,}", f"{n + 40} years", f"{2_468_083 - 41_020 * n:,}")
    for n in range(8)] + [("8 years", "2,803,820", "Total", "19,922,117")]


def test_rows_beside_a_rule_under_some_columns_are_rows(tmp_path) -> None:
    """A rule drawn under one group's columns only (above its total) leaves the other group's
    lines beside it the table's rows, not a taller merged label: every line above that rule
    is a row. (Left of the short rule, where no rule is drawn, the two lines either side of it
    are read as one merged cell, as any ruled table's undrawn stretch is: not asserted.)"""
    page = Page(tmp_path / "side.pdf")
    top, pitch = 100.0, 12.0
    page.row(top + 3, [(x + 4, t) for x, t in zip(SIDE_XS, SIDE[0], strict=False)],
             right_from=9)
    y = top + 18
    for row in SIDE[1:]:
        page.row(y, [(x + 4, t) for x, t in zip(SIDE_XS, row, strict=False)], right_from=9)
        y += pitch
    bottom = y + 2
    page.hline(SIDE_XS[0], SIDE_XS[-1], top)
    page.hline(SIDE_XS[0], SIDE_XS[-1], top + 16)
    page.hline(SIDE_XS[2], SIDE_XS[-1], bottom - pitch - 1)  # above the right group's total
    page.hline(SIDE_XS[0], SIDE_XS[-1], bottom)
    for x in SIDE_XS:
        page.vline(x, top, bottom)
    [table] = tables_on(page.save())
    assert grid_of(table)[:-2] == [list(row) for row in SIDE[:-2]]


@pytest.mark.slow
@pytest.mark.browser
def test_rows_beside_a_rule_under_some_columns_printed_by_chromium(tmp_path) -> None:
    """The same table as HTML (column borders, a border under the header, one above the right
    group's total) printed by Chromium: every line above that rule is a row."""
    rule = "0.5pt solid #000"
    rows = ["".join(f"<td style='border-bottom:{rule}'>{t}</td>" for t in SIDE[0])]
    for row in SIDE[1:-1]:
        rows.append("".join(f"<td>{t}</td>" for t in row))
    last = SIDE[-1]
    rows.append(f"<td>{last[0]}</td><td>{last[1]}</td>"
                + "".join(f"<td style='border-top:{rule}'>{t}</td>" for t in last[2:]))
    html = tmp_path / "side.html"
    html.write_text(
        "<html><head><style>@page{size:A4;margin:20mm}body{font:9pt Helvetica,Arial}"
        f"table{{border-collapse:collapse;border:{rule}}}"
        f"td{{border-left:{rule};border-right:{rule};padding:1pt 5pt;white-space:nowrap}}"
        "</style></head><body>"
        f"<table>{''.join(f'<tr>{r}</tr>' for r in rows)}</table></body></html>",
        encoding="utf-8")
    require_chromium()
    [table] = tables_on(print_with_chromium(html, tmp_path / "side.pdf"))
    assert grid_of(table)[:-2] == [list(row) for row in SIDE[:-2]]


# A table ruled above, under its header and below, its last columns ruled in the body only
# (their lines start a little under the header's rule).
OPEN_XS = [60, 170, 240, 310, 380, 450]
OPEN = [("State", "Schools", "Share", "Closed", "Opened")] + [
    (name, f"{1000 + 37 * n:,}", f"{2.5 + n / 10:.1f}", str(10 + n), str(3 + 2 * n))
    for n, name in enumerate(("Alabama", "Alaska", "Arizona", "Arkansas", "California",
                              "Colorado", "Connecticut", "Delaware"))]


def test_body_between_column_lines_ends_and_rules_is_rows(tmp_path) -> None:
    """The body band starts where the body's column lines start, no rule: it is no band a page
    break cut open (the table's own rules close it above and below), its lines are rows."""
    page = Page(tmp_path / "open.pdf")
    page.hline(OPEN_XS[0], OPEN_XS[-1], 100, width=1.5)
    page.row(104, [(x + 4, t) for x, t in zip(OPEN_XS, OPEN[0], strict=False)], right_from=9)
    page.hline(OPEN_XS[0], OPEN_XS[-1], 118)
    top = 130.0
    for row in OPEN[1:]:
        page.row(top, [(x + 4, t) for x, t in zip(OPEN_XS, row, strict=False)], right_from=9)
        top += 11
    bottom = top + 2
    for x in OPEN_XS[3:]:
        page.vline(x, 127, bottom)
    page.hline(OPEN_XS[0], OPEN_XS[-1], bottom, width=1.5)
    [table] = tables_on(page.save())
    # (the stretch between the header's rule and the column lines' start is an empty band)
    assert [row for row in grid_of(table) if any(row)] == [list(row) for row in OPEN]


@pytest.mark.slow
@pytest.mark.browser
def test_body_between_column_lines_ends_and_rules_printed_by_chromium(tmp_path) -> None:
    """The same table as HTML, a blank row without borders between the header and the body,
    printed by Chromium: the body's lines are rows."""
    rule = "0.5pt solid #000"
    side = f"border-left:{rule};border-right:{rule}"
    rows = ["".join(f"<td>{t}</td>" for t in OPEN[0]),
            "<td colspan=5 style='height:6pt'></td>"]
    for row in OPEN[1:]:
        rows.append("".join(f"<td style='{side if k >= 3 else ''}'>{t}</td>"
                            for k, t in enumerate(row)))
    html = tmp_path / "open.html"
    html.write_text(
        "<!DOCTYPE html><html><head><style>@page{size:A4;margin:20mm}"
        "body{font:9pt Helvetica,Arial}table{border-collapse:collapse;border-top:1.5pt solid #000;"
        "border-bottom:1.5pt solid #000}tr:first-child td{border-bottom:0.5pt solid #000}"
        "td{padding:1pt 8pt;white-space:nowrap}</style></head><body>"
        f"<table>{''.join(f'<tr>{r}</tr>' for r in rows)}</table></body></html>",
        encoding="utf-8")
    require_chromium()
    [table] = tables_on(print_with_chromium(html, tmp_path / "open.pdf"))
    assert [row for row in grid_of(table) if any(row)] == [list(row) for row in OPEN]
