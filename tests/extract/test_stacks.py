"""Rows-only tables one under another: the band between them (notes, the next caption) parts
them, so each is a table of its own."""

from __future__ import annotations

from tests.extract.pages import Page, grid_of, tables_on

XS = [72, 200, 290, 380]  # stub left edge, then the right edges of two number columns
HEADER = ("Age", "Deaths", "Rate")
BODY = [("45-54", "345", "15.5"), ("55-64", "806", "60.9"), ("65-74", "1,512", "199.2")]


def rows_table(page: Page, top: float) -> float:
    """A table ruled under every row, open at the sides; returns its bottom rule."""
    page.hline(XS[0], XS[-1], top)
    y = top
    for cells in (HEADER, *BODY):
        page.row(y + 4, list(zip([76, *XS[2:]], cells, strict=True)))
        y += 16
        page.hline(XS[0], XS[-1], y)
    return y


def assert_two_tables(page: Page) -> None:
    tables = tables_on(page.save())
    assert [t["method"] for t in tables] == ["rows", "rows"]
    for table in tables:
        assert grid_of(table) == [list(HEADER), *[list(r) for r in BODY]]


def test_caption_between_two_tables_parts_them(tmp_path) -> None:
    """Two lines of caption running across the tables' width stand between them."""
    page = Page(tmp_path / "caption.pdf")
    bottom = rows_table(page, 100)
    page.text(72, bottom + 20, "Table 2. Deaths and death rates by age group among adults,")
    page.text(72, bottom + 31, "United States, the second year of the survey and its sample")
    rows_table(page, bottom + 50)
    assert_two_tables(page)


def test_notes_and_caption_between_two_tables_part_them(tmp_path) -> None:
    """Short lines (a table's notes, the next one's caption), each a single piece of text."""
    page = Page(tmp_path / "notes.pdf")
    bottom = rows_table(page, 100)
    for n, note in enumerate(("Abbreviation: CI = interval.", "* Per 100,000.",
                              "Table 2. Deaths by age")):
        page.text(72, bottom + 6 + 11 * n, note)
    rows_table(page, bottom + 44)
    assert_two_tables(page)


def test_heading_underline_wider_than_a_ruled_table_is_not_its_row(tmp_path) -> None:
    """A fully ruled table under a heading whose underline runs past the table's width: the
    underline and the line under it stay out of the table."""
    page = Page(tmp_path / "underline.pdf")
    page.text(72, 84, "Deaths by age group")
    page.hline(72, XS[-1] + 20, 96)
    page.text(72, 100, "(numbers in thousands)")
    ys = [116 + 16 * n for n in range(len(BODY) + 2)]
    for x in XS:
        page.vline(x, ys[0], ys[-1])
    for y, cells in zip(ys, (HEADER, *BODY), strict=False):
        page.hline(XS[0], XS[-1], y)
        page.row(y + 4, list(zip([76, *[x - 4 for x in XS[2:]]], cells, strict=True)))
    page.hline(XS[0], XS[-1], ys[-1])
    [table] = tables_on(page.save())
    assert table["method"] == "ruled"
    assert grid_of(table) == [list(HEADER), *[list(r) for r in BODY]]
