"""A heading parted from its short figures by a gutter is one column with them again."""

from __future__ import annotations

from pipeline.extract.heading_columns import joined_headings
from pipeline.extract.primitives import Char
from tests.extract.pages import Page, grid_of, tables_on

# A rule-less figure table in 億円: the 経費-like column prints figures of one or two digits,
# flush right in a column 90 pt wide, under a heading centred in it.
COLUMNS = [(100, "Item"), (260, "Guarantees"), (350, "Cost"), (440, "Surplus")]
RIGHTS = [None, 300, 390, 480]  # where each column's figures end
ROWS = [("Total", "18,145", "17", "133"), ("Unsecured", "4,804", "12", "52"),
        ("Secured", "13,340", "4", "81")]


def draw(page: Page, top: float) -> None:
    page.text(90, top - 18, "<Key figures>   (unit: 100 million yen)")
    for x, heading in COLUMNS:
        right = RIGHTS[COLUMNS.index((x, heading))]
        if right is None:
            page.text(x, top, heading)
        else:  # centred over the column whose figures end at `right`
            width = page.canvas.stringWidth(heading, page.font, page.size)
            page.text(right - 45 - width / 2, top, heading)
    for n, row in enumerate(ROWS, start=1):
        page.text(100, top + 14 * n, row[0])
        for right, value in zip(RIGHTS[1:], row[1:], strict=True):
            page.text(right, top + 14 * n, value, right=True)


def test_a_centred_heading_over_short_figures_is_their_column(tmp_path) -> None:
    page = Page(tmp_path / "short.pdf")
    draw(page, 120)
    [table] = tables_on(page.save())
    assert grid_of(table) == [["Item", "Guarantees", "Cost", "Surplus"],
                              *[list(row) for row in ROWS]]


def _char(text: str, x: float, top: float) -> Char:
    return Char(text, x, top, x + 6, top + 9, 9.0)


def test_only_a_heading_alone_beside_unheaded_figures_loses_its_line() -> None:
    ys = [0, 10, 20, 30]
    head = [_char("A", 12, 1), _char("B", 42, 1)]
    figures = [_char("1", 52, 11), _char("2", 52, 21), _char("9", 22, 11), _char("8", 22, 21)]
    # column 2 (40–50) holds only the heading B, column 3 (50–60) only figures: one column
    assert joined_headings([10, 40, 50, 60], ys, head + figures) == [10, 40, 60]
    # lines in `fixed` stay; figures further off than the text on its other side are not its
    assert joined_headings([10, 40, 50, 60], ys, head + figures, fixed=(10, 50, 60)) == [
        10, 40, 50, 60]
    far = [_char("1", 80, 11), _char("2", 80, 21), _char("9", 22, 11), _char("8", 22, 21)]
    assert joined_headings([10, 40, 50, 90], ys, head + far) == [10, 40, 50, 90]
    # no row of figures in two columns: no header told, nothing joined
    assert joined_headings([10, 40, 50, 60], ys, head + figures[:2]) == [10, 40, 50, 60]
