"""Columns of a table without vertical rules from its header: a line in every gap between two
headings, where the body leaves it free, however narrow the body's gap is there."""

from __future__ import annotations

from pipeline.extract.header import header_lines, stub_end
from pipeline.extract.primitives import Char
from tests.extract.pages import Page, grid_of, tables_on

SIZE = 9.0


def word(text: str, x0: float, top: float) -> list[Char]:
    """`text` set at x0 as one character per 0.6 em (Helvetica-ish), on the line at `top`."""
    width = 0.6 * SIZE
    return [Char(ch, x0 + n * width, top, x0 + (n + 1) * width, top + SIZE, SIZE)
            for n, ch in enumerate(text)]


def test_a_line_goes_in_the_gap_between_two_headings_where_the_body_is_free() -> None:
    # "Item" over the stub (10-100), "North" over 100-200, "South" over 200-300, each centred;
    # North's text ends 0.8 pt short of 200, South's starts 0.8 pt after it (no gutter), and
    # South's value and note leave a wider free stretch inside South (not its edge)
    chars = word("Item", 44.2, 10) + word("North", 136.5, 10) + word("South", 236.5, 10)
    chars += word("Loans", 20, 30) + word("1,000 yen", 150.6, 30) + word("500", 200.8, 30)
    chars += word("note", 240, 30)
    chars += word("Rates", 20, 50) + word("fixed rate", 145.2, 50) + word("2.1", 200.8, 50)
    xs, ys = [10, 300], [5, 25, 45, 65]
    lines = header_lines(xs, ys, chars)
    assert len(lines) == 2
    assert 50 < lines[0] < 136  # between Item's text and the groups' text
    assert 199.2 <= lines[1] <= 200.8  # the free stretch at the groups' edge
    assert stub_end(sorted([*xs, *lines]), ys, chars) == lines[0]


def test_no_line_where_the_body_runs_across_the_gap() -> None:
    chars = word("North", 120, 10) + word("South", 240, 10)
    chars += word("a note running right across both groups", 100, 30)
    assert header_lines([10, 400], [5, 25, 45], chars) == []


def test_rows_only_table_parts_its_groups_at_the_headings_gap(tmp_path) -> None:
    """A table ruled by rows only, no vertical rule anywhere, whose two groups' text nearly
    touch: the groups are columns of their own, as the header names them."""
    page = Page(tmp_path / "rows.pdf")
    for y in (100, 116, 132, 148):
        page.hline(60, 420, y)
    page.row(104, [(64, "Item"), (220, "North"), (340, "South")], right_from=9)
    rows = (("Loans", "a limit of 1,000 yen", "500 yen for each of the members"),
            ("Rates", "fixed at 2.1 percent", "3.0 float over the base rate"))
    for top, (label, north, south) in zip((120, 136), rows, strict=True):
        page.text(64, top, label)
        page.text(278, top, north, right=True)  # ends 2 pt short of 280
        page.text(282, top, south)  # starts 2 pt past it: no gutter (half an em)
    [table] = tables_on(page.save())
    assert table["method"] == "rows"
    assert grid_of(table) == [["Item", "North", "South"], *[list(row) for row in rows]]
