"""OUT/rokin.xlsx read back with openpyxl equals the CSV files, typed, in the document's order."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.core.lang import words
from pipeline.publish.workbook import COLUMNS_SHEET, WORKBOOK, write_workbook
from pipeline.validate.datasets import DATASETS


@pytest.fixture(scope="module")
def workbook(published_once: Path, tmp_path_factory) -> tuple[Path, openpyxl.Workbook]:
    write_workbook(published_once)
    return published_once, openpyxl.load_workbook(published_once / WORKBOOK)


def as_csv_text(value: object) -> str:
    """A cell as the CSV spells it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def sheet_rows(sheet) -> tuple[list[str], list[tuple]]:
    rows = list(sheet.iter_rows(values_only=True))
    return list(rows[0]), rows[1:]


@pytest.mark.parametrize("name", sorted(["npo_loan_terms", "plan_key_figures", "plan_measures"]))
def test_each_sheet_equals_its_csv(workbook, name) -> None:
    out, book = workbook
    csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
    header, rows = sheet_rows(book[name])
    assert header == list(csv.columns) == DATASETS[name].columns
    key = list(DATASETS[name].key)
    from_sheet = pd.DataFrame([[as_csv_text(v) for v in row] for row in rows], columns=header)
    ordered = from_sheet.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(ordered, csv.sort_values(key).reset_index(drop=True))


def test_cells_are_typed_header_frozen_and_filtered(workbook) -> None:
    _, book = workbook
    sheet = book["npo_loan_terms"]
    header, rows = sheet_rows(sheet)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(rows) + 1}"
    column = {name: i + 1 for i, name in enumerate(header)}
    as_of = sheet.cell(2, column["as_of"])
    assert as_of.is_date and as_of.value == dt.datetime(2025, 4, 1)
    limits = [sheet.cell(r, column["limit_yen"]) for r in range(2, len(rows) + 2)]
    assert {c.data_type for c in limits if c.value is not None} == {"n"}
    assert 10_000_000 in [c.value for c in limits]
    rates = [sheet.cell(r, column["rate_min_pct"]).value for r in range(2, len(rows) + 2)]
    assert 1.6 in rates
    offered = {sheet.cell(r, column["is_offered"]).value for r in range(2, len(rows) + 2)}
    assert offered == {True, False, None}
    values = [sheet.cell(r, column["value"]) for r in range(2, len(rows) + 2)]
    assert {c.data_type for c in values if c.value is not None} == {"s"}  # "1,000" stays text


def test_banks_and_rows_are_in_the_printed_order(workbook) -> None:
    _, book = workbook
    header, rows = sheet_rows(book["npo_loan_terms"])
    positions = [(r[header.index("bank_position")], r[header.index("row_position")])
                 for r in rows]
    assert positions == sorted(positions)
    banks = list(dict.fromkeys(r[header.index("bank")] for r in rows))
    assert banks[0] == "北海道労働金庫" and banks[-1] == "沖縄県労働金庫"


def test_columns_sheet_describes_every_column(workbook) -> None:
    out, book = workbook
    header, rows = sheet_rows(book[COLUMNS_SHEET])
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    expected = [(r["name"], f["name"], f["description"]) for r in package["resources"]
                if r.get("schema") for f in r["schema"]["fields"]]
    say = words()  # the workbook's own words are Japanese by default
    got = [(r[header.index(say("workbook.dataset"))], r[header.index(say("workbook.column"))],
            r[header.index(say("workbook.description"))]) for r in rows]
    assert sorted(got) == sorted(expected)
    assert book.sheetnames == [*sorted(DATASETS), COLUMNS_SHEET]
    assert header[0] == "データセット" and "空欄の意味" in header


def test_english_labels_with_lang_en(workbook, tmp_path: Path) -> None:
    out, _ = workbook
    write_workbook(out, lang="en")
    try:
        book = openpyxl.load_workbook(out / WORKBOOK)
        header, _ = sheet_rows(book[COLUMNS_SHEET])
        assert header[:3] == ["dataset", "position", "column"]
        assert sheet_rows(book["npo_loan_terms"])[0][:2] == ["as_of", "bank"]
    finally:
        write_workbook(out)


def test_sheets_print_landscape_fitted_to_width_with_the_header_repeated(workbook) -> None:
    _, book = workbook
    for name in DATASETS:
        sheet = book[name]
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)  # absent: 1
        assert sheet.print_title_rows.replace("$", "") == "1:1"
        # a readable width for Japanese text: long notes wrap within the widest column
        widths = [d.width for d in sheet.column_dimensions.values() if d.width]
        assert max(widths) <= 40 + 1


def test_workbook_is_byte_identical_when_rewritten(workbook) -> None:
    out, _ = workbook
    first = (out / WORKBOOK).read_bytes()
    write_workbook(out)
    assert (out / WORKBOOK).read_bytes() == first


def test_a_formula_in_a_note_stays_a_string_cell(published_once: Path, tmp_path) -> None:
    """The workbook writes every text cell as a string (never a formula), so a note that would
    run in a spreadsheet as `=…` is shown as printed, without the CSV's escape."""
    from pipeline.run import publish_files

    clean = sorted((published_once / "interim").glob("npo_loan*.clean.json"))[0]
    artifact = json.loads(clean.read_text("utf-8"))
    rows = artifact["datasets"]["npo_loan_terms"]
    rows[0]["note"], rows[1]["note"] = "=1+1", "+cmd|' /C calc'!A0"
    edited = tmp_path / clean.name
    edited.write_text(json.dumps(artifact, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    publish_files([edited], out)
    write_workbook(out)
    sheet = openpyxl.load_workbook(out / WORKBOOK)["npo_loan_terms"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("note") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
    hits = [cell for cell in cells if cell.value in ("=1+1", "+cmd|' /C calc'!A0")]
    assert len(hits) == 2 and all(cell.data_type == "s" for cell in hits)
    csv = pd.read_csv(out / "npo_loan_terms.csv", dtype=str, keep_default_na=False)
    assert {"'=1+1", "'+cmd|' /C calc'!A0"} <= set(csv["note"])
