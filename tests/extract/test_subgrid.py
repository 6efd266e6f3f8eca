"""Rows and columns the rules leave out: a booktabs body, sub-columns of a ruled column."""

from __future__ import annotations

from tests.extract.pages import Page, grid_of, tables_on

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
