"""Rule-less tables whose cells wrap: a row is the lines between two shaded bands' edges, or
between two gaps wider than a cell's leading; one-line rows stay a row per line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import require_chromium
from tests.extract.pages import Page, grid_of, tables_on
from tests.variants.office import print_with_chromium

XS = [72, 160, 260, 360]  # left edges of the columns: label, value, note, note
PITCH = 11.0  # a cell's lines, one under the other
HEADER = ("Item", "Limit", "Terms", "Notes")
# Rows of cells, each cell its lines; the label and the limit stand centred on the row.
ROWS = [
    (("Working",), ("1,000",), ("Three years", "at most five"), ("Fixed rate",)),
    (("Equipment",), ("5,000",), ("Ten years",), ("Secured", "by the asset", "itself")),
    (("Bridge",), ("500",), ("One year",), ("Until the grant",)),
    (("Other",), ("2,000",), ("Five years", "or seven"), ("Case by case",)),
]


def draw(path: Path, *, shaded: bool, gap: float) -> Path:
    """The table without any rule: a header line, then each row as tall as its tallest cell
    plus `gap` (a cell's padding, twice), every other row shaded when `shaded`."""
    page = Page(path)
    top = 100.0
    page.row(top, list(zip(XS, HEADER, strict=True)), right_from=9)
    top += PITCH + gap
    for n, cells in enumerate(ROWS):
        height = max(len(lines) for lines in cells) * PITCH
        if shaded and n % 2:
            page.fill(XS[0] - 4, top - gap / 2, XS[-1] + 90, top + height + gap / 2)
        for x, lines in zip(XS, cells, strict=True):
            first = top + (height - len(lines) * PITCH) / 2  # centred on the row
            for k, line in enumerate(lines):
                page.text(x, first + k * PITCH - 2, line)
        top += height + gap
    return page.save()


def expected() -> list[list[str]]:
    return [list(HEADER), *[["\n".join(lines) for lines in row] for row in ROWS]]


def test_shaded_rows_are_rows_however_close(tmp_path) -> None:
    """No padding at all: only the shading tells where one row ends and the next begins."""
    [table] = tables_on(draw(tmp_path / "zebra.pdf", shaded=True, gap=0.0))
    assert table["method"] == "aligned"
    assert grid_of(table) == expected()


def test_rows_apart_by_their_padding_are_rows(tmp_path) -> None:
    """Unshaded, the rows leave wider gaps between them than a cell's lines do."""
    [table] = tables_on(draw(tmp_path / "padded.pdf", shaded=False, gap=6.0))
    assert grid_of(table) == expected()


def test_without_shading_or_padding_each_line_is_a_row(tmp_path) -> None:
    """Nothing tells a wrapped cell's lines from rows: a row per line, as before."""
    [table] = tables_on(draw(tmp_path / "tight.pdf", shaded=False, gap=0.0))
    assert table["n_rows"] > len(ROWS) + 1


def test_one_line_rows_in_groups_stay_a_row_per_line(tmp_path) -> None:
    """Groups of one-line rows set apart by a blank line: each line is a row."""
    page = Page(tmp_path / "groups.pdf")
    page.row(100, list(zip(XS, HEADER, strict=True)), right_from=9)
    top = 100 + PITCH
    lines = []
    for group in range(3):
        top += PITCH  # a blank line before each group
        for n in range(3):
            cells = (f"Row {group}{n}", f"{group}{n}0", f"{n} years", f"note {n}")
            page.row(top, list(zip(XS, cells, strict=True)), right_from=9)
            lines.append(list(cells))
            top += PITCH
    [table] = tables_on(page.save())
    assert grid_of(table) == [list(HEADER), *lines]


def test_a_background_is_no_rule(tmp_path) -> None:
    """Shaded rows drawn as filled rectangles as tall as a row rule nothing: the table is one
    without rules, not a ruled table per band."""
    [table] = tables_on(draw(tmp_path / "zebra.pdf", shaded=True, gap=4.0))
    assert table["method"] == "aligned"
    assert table["n_rows"] == len(ROWS) + 1


GROUPS = (("Defendants", (("Charged", "290", "259", "235"), ("Sentenced", "287", "", "223"),
                          ("Released", "12", "9", "7"))),
          ("Cases", (("Opened", "217", "197", "173"), ("Closed", "168", "177", ""),
                     ("Pending", "48", "35", "38"))),
          ("Terms", (("1-12 months", "52", "48", "35"), ("13-24 months", "37", "45", "29"),
                     ("Over 24 months", "16", "3", "9"))))
YEARS = ("", "2009", "2010", "2011")


def _group_lines() -> list[list[str]]:
    lines = [list(YEARS)]
    for heading, rows in GROUPS:
        lines.append([heading, "", "", ""])
        lines += [list(row) for row in rows]
    return lines


def test_one_line_rows_under_group_headings_stay_a_row_per_line(tmp_path) -> None:
    """Groups of one-line rows, each under a heading on a line of its own in the stub and set
    apart by a blank line, some cells empty: the stub holds a line more than the figures'
    columns, a column a line fewer, and still each line is a row (not one row per group)."""
    page = Page(tmp_path / "headed.pdf")
    xs = [72, 230, 290, 350]
    page.row(100, list(zip(xs, YEARS, strict=True)), right_from=1)
    top = 100 + PITCH
    for heading, rows in GROUPS:
        top += PITCH  # a blank line before each group
        page.text(xs[0], top, heading)
        top += PITCH
        for cells in rows:
            page.row(top, [(xs[0] + 9, cells[0]), *zip(xs[1:], cells[1:], strict=True)])
            top += PITCH
    [table] = tables_on(page.save())
    assert grid_of(table) == _group_lines()


@pytest.mark.slow
@pytest.mark.browser
def test_one_line_rows_under_group_headings_printed_by_chromium(tmp_path) -> None:
    """The same table as an HTML table without borders, a blank line above each group's
    heading, printed by Chromium: a row per line."""
    cell = "padding:0 6pt;white-space:nowrap"
    body = [f"<tr>{''.join(f'<th style={cell!r}>{y}</th>' for y in YEARS)}</tr>"]
    for heading, rows in GROUPS:
        body.append(f"<tr><td style='{cell};padding-top:12pt'>{heading}</td>"
                    + "<td></td>" * 3 + "</tr>")
        for row in rows:
            body.append(f"<tr><td style='{cell};padding-left:12pt'>{row[0]}</td>"
                        + "".join(f"<td style='{cell};text-align:right'>{v}</td>"
                                  for v in row[1:]) + "</tr>")
    html = tmp_path / "headed.html"
    html.write_text("<html><head><style>@page{size:A4;margin:20mm}"
                    "body{font:9pt Helvetica,Arial,sans-serif}table{border-collapse:collapse}"
                    "th{font-weight:normal;text-align:right}</style></head><body>"
                    f"<table>{''.join(body)}</table></body></html>", encoding="utf-8")
    require_chromium()
    [table] = tables_on(print_with_chromium(html, tmp_path / "headed.pdf"))
    assert grid_of(table) == _group_lines()
