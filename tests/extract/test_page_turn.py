"""What the page before leaves a page's top: a table broken over the page, or a caption whose
table is printed overleaf, found without rules and with as few columns as a ratio table."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from pipeline.extract.aligned import CAPTION
from pipeline.extract.document import extract_pdf
from pipeline.extract.page_turn import Lead, lead_of
from tests.extract.pages import HEIGHT, WIDTH, grid_of

SIZE = 9.0
ROWS = [("Arrears rate", "0.11"), ("Default rate", "0.20"), ("Recovery rate", "45.35"),
        ("Loss rate", "1.05")]


def _row(canvas: Canvas, top: float, label: str, value: str) -> None:
    baseline = HEIGHT - top - SIZE
    canvas.drawString(100, baseline, label)
    canvas.drawRightString(330, baseline, value)


def draw(path: Path, *, rows_before: int, foot: str | None = None) -> Path:
    """Page 1: prose, a caption, a two-column rule-less table (header and `rows_before` rows,
    none: the caption ends the page) at its foot, `foot` under it (a page number); page 2: the
    header again and the other rows, then a closing line."""
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT), invariant=1)
    canvas.setFont("Helvetica", SIZE)
    canvas.drawString(72, HEIGHT - 90 - SIZE, "The plan's ratios are set out below.")
    top = 700 - 14 * rows_before
    canvas.drawString(90, HEIGHT - top - SIZE, "<Ratios>   (unit: %)")
    if rows_before:
        _row(canvas, top + 18, "Item", "Plan")
        for n, (label, value) in enumerate(ROWS[:rows_before]):
            _row(canvas, top + 32 + 14 * n, label, value)
    if foot:
        canvas.drawCentredString(WIDTH / 2, 40, foot)
    canvas.showPage()
    canvas.setFont("Helvetica", SIZE)
    _row(canvas, 60, "Item", "Plan")
    for n, (label, value) in enumerate(ROWS[rows_before:]):
        _row(canvas, 74 + 14 * n, label, value)
    canvas.drawString(72, HEIGHT - 200 - SIZE, "End of the plan.")
    canvas.save()
    return path


def test_the_rest_of_a_two_column_table_at_the_top_of_the_next_page(tmp_path) -> None:
    artifact = extract_pdf(draw(tmp_path / "broken.pdf", rows_before=2, foot="1"),
                           identify=False)
    first, second = artifact["pages"]
    assert grid_of(first["tables"][-1])[-1] == ["Default rate", "0.20"]
    [rest] = second["tables"]
    assert grid_of(rest) == [["Item", "Plan"], ["Recovery rate", "45.35"], ["Loss rate", "1.05"]]


def test_a_caption_at_the_foot_of_a_page_announces_the_table_overleaf(tmp_path) -> None:
    artifact = extract_pdf(draw(tmp_path / "caption.pdf", rows_before=0), identify=False)
    first, second = artifact["pages"]
    assert not first["tables"] and first["lines"][-1]["text"].startswith("<Ratios>")
    [table] = second["tables"]
    assert grid_of(table)[0] == ["Item", "Plan"] and len(grid_of(table)) == 5


def test_two_rows_at_a_page_top_without_a_lead_are_no_table(tmp_path) -> None:
    """The same page 2 after a page ending in prose: two columns, no caption, no table going
    on: plain lines."""
    path = tmp_path / "prose.pdf"
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT), invariant=1)
    canvas.setFont("Helvetica", SIZE)
    canvas.drawString(72, HEIGHT - 700 - SIZE, "The last line of the first page is prose.")
    canvas.showPage()
    canvas.setFont("Helvetica", SIZE)
    _row(canvas, 60, "Item", "Plan")
    _row(canvas, 74, "Loss rate", "1.05")
    canvas.save()
    assert extract_pdf(path, identify=False)["pages"][1]["tables"] == []


def _line(text: str, top: float) -> dict:
    return {"text": text, "x0": 72.0, "x1": 200.0, "top": top, "bottom": top + 9, "size": 9.0}


def test_lead_of_the_page_before() -> None:
    table = {"bbox": [90, 600, 330, 700], "xs": [90, 200, 330], "cells": [{"text": "0.11"}],
             "method": "aligned"}
    ends = {"page": 1, "tables": [table], "lines": [_line("text", 100), _line("- 3 -", 780)]}
    lead = lead_of(ends, CAPTION)
    assert lead.table is table and not lead.caption and not lead.header_only
    noted = {**ends, "lines": [*ends["lines"], _line("Note: all figures planned.", 720)]}
    assert lead_of(noted, CAPTION).table is None
    ruled = {**ends, "tables": [{**table, "method": "ruled"}]}
    assert lead_of(ruled, CAPTION).table is None  # its rest is found by its rules
    captioned = {**ends, "lines": [*ends["lines"], _line("＜諸比率＞　（単位：％）", 720)]}
    assert lead_of(captioned, CAPTION).caption
    assert lead_of(None, CAPTION) == Lead()
    assert lead.furniture("12", 30) and lead.furniture("text", 101)
    assert not lead.furniture("text", 300)
