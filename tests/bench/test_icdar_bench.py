"""The ICDAR 2013 benchmark's PDF side: coordinates, rules, engine adaptors, one document's run.

Each test draws its own tiny PDF with reportlab, with ground truth written as the competition
writes it (boxes in PDF space, origin bottom-left); the real dataset is never read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from bench.icdar_data import parse_regions, parse_structure, region_top_left
from bench.icdar_engines import camelot_cells, plumber_cells
from bench.icdar_metric import BELOW, Score, adjacency, relations
from bench.icdar_rules import count_rules, frame, has_rules, is_ruled, rule_segments, separated

PAGE = (400.0, 300.0)
XS = [50.0, 150.0, 250.0]
YS_UP = [250.0, 220.0, 190.0]  # PDF space: rules at these heights, origin bottom-left
WORDS = [(0, 0, "Name"), (0, 1, "Value"), (1, 0, "alpha"), (1, 1, "1.5")]


def draw(path: Path, *, rules: bool = True) -> Path:
    """A 2×2 table whose text sits at known PDF-space positions, ruled or not."""
    canvas = Canvas(str(path), pagesize=PAGE, invariant=1)
    canvas.setFont("Helvetica", 10)
    if rules:
        for y in YS_UP:
            canvas.line(XS[0], y, XS[-1], y)
        for x in XS:
            canvas.line(x, YS_UP[0], x, YS_UP[-1])
    for row, col, text in WORDS:
        canvas.drawString(XS[col] + 5, YS_UP[row] - 20, text)
    canvas.save()
    return path


def ground_truth_xml() -> tuple[str, str]:
    """-str.xml and -reg.xml for `draw`'s table, boxes in PDF space like the competition's."""
    cells = []
    for row, col, text in WORDS:
        x, y = XS[col] + 5, YS_UP[row] - 20
        cells.append(f'<cell id="1" start-row="{row}" start-col="{col}">'
                     f'<bounding-box x1="{x}" y1="{y - 2}" x2="{x + 30}" y2="{y + 8}"/>'
                     f"<content>{text}</content></cell>")
    structure = ('<document><table id="1"><region id="1" page="1">' + "".join(cells)
                 + "</region></table></document>")
    region = ("<document><table id='1'><region id='1' page='1'><bounding-box x1='55' y1='198' "
              "x2='185' y2='238'/></region></table></document>")
    return structure, region


def test_converted_boxes_hold_their_text_in_pdfplumber(tmp_path: Path) -> None:
    structure, _ = ground_truth_xml()
    with pdfplumber.open(draw(tmp_path / "t.pdf")) as pdf:
        page = pdf.pages[0]
        cells = parse_structure(structure, heights={1: float(page.height)})[("1", 1)]
        for cell in cells:
            assert page.crop(cell.bbox).extract_text() == cell.text


def test_rules_make_a_table_ruled_and_its_frame(tmp_path: Path) -> None:
    structure, region_xml = ground_truth_xml()
    for rules, ruled in ((True, True), (False, False)):
        with pdfplumber.open(draw(tmp_path / f"t{rules}.pdf", rules=rules)) as pdf:
            page = pdf.pages[0]
            segments = rule_segments(page)
            cells = parse_structure(structure, heights={1: float(page.height)})[("1", 1)]
            pairs = [(a.bbox, b.bbox, way) for a, b, way in adjacency(cells)]
            assert is_ruled(*separated(pairs, segments)) is ruled
            region = region_top_left(parse_regions(region_xml)[("1", 1)][0], float(page.height))
            given = frame(segments, region, tuple(page.bbox))
            # the crude reading counts rule positions: none crosses this text box, all its frame
            assert count_rules(segments, region) == ((1, 1) if rules else (0, 0))
            assert has_rules(*count_rules(segments, given)) is ruled
        if rules:  # grown to the outer rules (x 50..250, top 50..110), plus 3 pt
            assert given == pytest.approx((47.0, 47.0, 253.0, 113.0))
        else:
            assert given == pytest.approx((52.0, 59.0, 188.0, 105.0))


def test_pdfplumber_engine_scores_one_on_the_drawn_table(tmp_path: Path) -> None:
    from bench.icdar2013 import classify, run_engine, table_scores

    pdf = draw(tmp_path / "doc.pdf")
    structure, region = ground_truth_xml()
    (tmp_path / "doc-str.xml").write_text(structure)
    (tmp_path / "doc-reg.xml").write_text(region)
    truths, run = run_engine(pdf, "pdfplumber")
    assert run.error is None
    classify(truths, "grid")
    assert [t.ruled for t in truths] == [True]
    assert truths[0].shape == (2, 2, 4)
    for protocol in ("complete", "structure"):
        assert table_scores(truths, run, protocol) == [Score(4, 4, 4)]


def test_a_crashing_engine_is_counted_and_finds_nothing(tmp_path: Path, monkeypatch) -> None:
    import bench.icdar2013 as icdar

    pdf = draw(tmp_path / "doc.pdf")
    structure, region = ground_truth_xml()
    (tmp_path / "doc-str.xml").write_text(structure)
    (tmp_path / "doc-reg.xml").write_text(region)

    def boom(path: Path) -> list:
        raise RuntimeError("broken\nengine")

    monkeypatch.setitem(icdar.ENGINES, "ours", (boom, icdar.ENGINES["ours"][1]))
    truths, run = icdar.run_engine(pdf, "ours")
    assert run.error == "RuntimeError: broken engine"
    assert icdar.table_scores(truths, run, "complete") == [Score(0, 0, 4)]


def test_ours_reads_the_extract_artifact(tmp_path: Path, monkeypatch) -> None:
    import pipeline.extract.document as document
    from bench.icdar_engines import ours_complete

    artifact = {"pages": [{"page": 2, "width": 400, "height": 300, "lines": [], "tables": [{
        "bbox": [1, 2, 3, 4], "n_rows": 2, "n_cols": 2, "cells": [
            {"row": 0, "col": 0, "rowspan": 1, "colspan": 2, "text": "H", "bbox": [1, 2, 3, 3]},
            {"row": 1, "col": 0, "rowspan": 1, "colspan": 1, "text": "x", "bbox": [1, 3, 2, 4]},
        ]}]}]}
    monkeypatch.setattr(document, "extract_pdf", lambda path, **options: artifact)
    (table,) = ours_complete(tmp_path / "any.pdf")
    assert (table.page, table.bbox, table.shape) == (2, (1, 2, 3, 4), (2, 2))
    assert relations(table.cells) == Counter({("H", "x", BELOW): 1})


def test_pdfplumber_cells_keep_spans(tmp_path: Path) -> None:
    path = tmp_path / "span.pdf"
    canvas = Canvas(str(path), pagesize=PAGE, invariant=1)
    canvas.setFont("Helvetica", 10)
    for y in YS_UP:
        canvas.line(XS[0], y, XS[-1], y)
    for x, top in ((XS[0], YS_UP[0]), (XS[1], YS_UP[1]), (XS[2], YS_UP[0])):
        canvas.line(x, top, x, YS_UP[-1])  # no rule between the two header slots
    canvas.drawString(60, 230, "Head")
    canvas.drawString(60, 200, "a")
    canvas.drawString(160, 200, "b")
    canvas.save()
    with pdfplumber.open(path) as pdf:
        (table,) = pdf.pages[0].find_tables()
        cells = plumber_cells(table)
    assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in cells) == [
        (0, 0, 1, 2, "Head"), (1, 0, 1, 1, "a"), (1, 1, 1, 1, "b")]


def test_camelot_lattice_slots_joined_by_a_missing_rule_are_one_cell() -> None:
    def slot(text: str, **borders: bool) -> SimpleNamespace:
        edges = {"left": True, "right": True, "top": True, "bottom": True, **borders}
        return SimpleNamespace(text=text, **edges)

    table = SimpleNamespace(cells=[[slot("Head", right=False), slot("", left=False)],
                                   [slot("a"), slot("b")]])
    cells = camelot_cells(table, spans=True)
    assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in cells) == [
        (0, 0, 1, 2, "Head"), (1, 0, 1, 1, "a"), (1, 1, 1, 1, "b")]
    stream = SimpleNamespace(cells=table.cells, df=SimpleNamespace(
        values=SimpleNamespace(tolist=lambda: [["Head", ""], ["a", "b"]])))
    assert [(c.row, c.col) for c in camelot_cells(stream, spans=False)] == [(0, 0), (1, 0), (1, 1)]
