"""A rectangle painted with fill only and thick both ways is a background, not four rules, in
both engines alike; a thin filled rectangle (a border as browsers draw it) and a stroked one
are rules as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from pipeline.extract.engines import NAMES, open_document
from pipeline.extract.primitives import BACKGROUND, is_background

HEIGHT = 300


def draw(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=(400, HEIGHT), invariant=1)
    canvas.setFillGray(0.85)
    canvas.rect(50, HEIGHT - 80, 300, 20, stroke=0, fill=1)  # a shaded row: 300 × 20
    canvas.rect(50, HEIGHT - 120, 300, 20, stroke=0, fill=1)  # and another
    canvas.setFillGray(0)
    canvas.rect(50, HEIGHT - 150, 300, 0.75, stroke=0, fill=1)  # a rule drawn as a hair box
    canvas.rect(50, HEIGHT - 250, 300, 60, stroke=1, fill=1)  # a box with its border drawn
    canvas.save()
    return path


@pytest.mark.parametrize("engine", NAMES)
def test_shaded_rows_are_backgrounds_and_rules_stay_rules(tmp_path, engine) -> None:
    pdf = draw(tmp_path / "shaded.pdf")
    with open_document(pdf, engine) as document:
        page = next(document.pages())
    fills = sorted((round(f.x0), round(f.top), round(f.x1), round(f.bottom))
                   for f in page.fills)
    assert fills == [(50, 60, 350, 80), (50, 100, 350, 120)]
    tops = sorted({round(s.top, 1) for s in page.segments if s.horizontal})
    # the hair box's two sides, the stroked box's top and bottom; nothing of the shaded rows
    assert 60 not in tops and 80 not in tops and 100 not in tops and 120 not in tops
    assert {149.2, 150.0, 190.0, 250.0} <= set(tops)


def test_both_engines_read_the_same_backgrounds(tmp_path) -> None:
    pdf = draw(tmp_path / "shaded.pdf")
    read = []
    for engine in NAMES:
        with open_document(pdf, engine) as document:
            page = next(document.pages())
        read.append(([tuple(round(v, 3) for v in (f.x0, f.top, f.x1, f.bottom))
                      for f in page.fills],
                     sorted((round(s.x0, 3), round(s.top, 3), round(s.x1, 3), round(s.bottom, 3))
                            for s in page.segments)))
    assert read[0] == read[1]


def test_a_background_is_thick_both_ways() -> None:
    assert is_background(0, 0, 300, BACKGROUND)
    assert not is_background(0, 0, 300, BACKGROUND - 0.5)  # a thick rule
    assert not is_background(0, 0, BACKGROUND - 0.5, 300)
