"""A page whose content is turned a quarter on an unrotated page, read in its upright frame."""

from __future__ import annotations

import pytest

from pipeline.core.errors import PipelineError
from pipeline.extract.primitives import Char, PageContent, Segment
from pipeline.extract.sideways import (
    SIDEWAYS_LIMIT,
    boxes_on_pages,
    check_sideways,
    frame_box,
    page_box,
    sideways_count,
    upright,
)

W, H = 600.0, 800.0


def _turned_line(text: str, x: float, top: float, down: bool) -> list[Char]:
    """`text` printed turned: each character 10 pt across, 8 pt along, one after the other
    down the page (turned clockwise) or up it."""
    chars = []
    for n, ch in enumerate(text):
        y = top + 8 * n if down else top - 8 * (n + 1)
        chars.append(Char(ch, x, y, x + 10, y + 8, 8.0, upright=False))
    return chars


@pytest.mark.parametrize(("down", "turn"), [(True, 90), (False, 270)])
def test_a_page_turned_either_way_reads_in_its_upright_frame(down, turn) -> None:
    chars = _turned_line("ABCDEF", 300, 400, down) + [Char("7", 20, 780, 26, 790, 10.0)]
    page = PageContent(1, W, H, chars, [Segment(100, 50, 100, 750)])
    turned, how = upright(page)
    assert how == turn and (turned.width, turned.height) == (H, W)
    letters = [c for c in turned.chars if c.text.isalpha()]
    assert all(c.upright for c in letters) and not turned.chars[-1].upright
    assert [c.text for c in sorted(letters, key=lambda c: c.x0)] == list("ABCDEF")
    assert {round(c.bottom - c.top, 3) for c in letters} == {10.0}  # a font size tall
    assert turned.segments[0].horizontal  # a vertical rule reads across
    assert sideways_count(turned) == 1
    artifact_page = {"turned": how, "width": turned.width, "height": turned.height}
    for c, before in zip(letters, [c for c in chars if c.text.isalpha()], strict=True):
        box = (c.x0, c.top, c.x1, c.bottom)
        assert page_box(artifact_page, box) == pytest.approx(
            (before.x0, before.top, before.x1, before.bottom))
        assert frame_box(artifact_page, page_box(artifact_page, box)) == pytest.approx(box)


def test_a_page_mostly_upright_or_reading_no_one_way_stays_as_it_is() -> None:
    upright_text = [Char("x", 50 + 8 * n, 100, 58 + 8 * n, 110, 10.0) for n in range(30)]
    mostly = PageContent(1, W, H, upright_text + _turned_line("ABCDEF", 300, 400, True))
    assert upright(mostly) == (mostly, 0)
    zigzag = _turned_line("AB", 300, 400, True) + _turned_line("CD", 300, 500, False)
    page = PageContent(1, W, H, zigzag)
    assert upright(page) == (page, 0)


def test_text_left_sideways_stops_a_page_and_boxes_go_back_on_the_page() -> None:
    check_sideways({"page": 1, "sideways": SIDEWAYS_LIMIT - 1})
    with pytest.raises(PipelineError, match="printed sideways"):
        check_sideways({"page": 1, "sideways": SIDEWAYS_LIMIT})
    artifact = {"pages": [{"page": 1, "width": W, "height": H},
                          {"page": 2, "turned": 90, "width": H, "height": W}]}
    records = [{"source_page": 1, "source_bbox": "1.00,2.00,3.00,4.00"},
               {"source_page": 2, "source_bbox": "100.00,10.00,200.00,30.00"},
               {"source_page": 2, "source_bbox": ""}]
    boxes_on_pages(records, artifact)
    assert [r["source_bbox"] for r in records] == [
        "1.00,2.00,3.00,4.00", "570.00,100.00,590.00,200.00", ""]
