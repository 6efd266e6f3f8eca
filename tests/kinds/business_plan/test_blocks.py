"""Lines → blocks: page furniture dropped, wrapped lines joined, block starts found."""

from __future__ import annotations

from pipeline.kinds.business_plan.clean.blocks import blocks, lead_width, page_lines, split_title

SIZE = 10.0
LEFT, RIGHT = 60.0, 460.0  # a 40-character measure


def _line(text: str, top: float, indent: int = 0, size: float = SIZE) -> dict:
    x0 = LEFT + indent * SIZE
    width = sum(SIZE if ord(ch) > 0x2E80 else SIZE / 2 for ch in text)
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size,
            "size": size}


def _artifact(*pages: list[dict]) -> dict:
    return {"pages": [{"page": n, "lines": lines, "tables": []}
                      for n, lines in enumerate(pages, start=1)]}


FULL = "あ" * 40


def test_page_numbers_running_heads_and_closing_are_dropped() -> None:
    head = "日本労働者信用基金協会"
    artifact = _artifact(
        [_line(head, 20), _line("２０２５年度事業計画", 50, size=15), _line("本文。", 80),
         _line("- 1 -", 800)],
        [_line(head, 20), _line("続き。", 80), _line("以 上", 100), _line("2", 800)],
    )
    lines = page_lines(artifact, set())
    assert [line.text for line in lines] == ["２０２５年度事業計画", "本文。", "続き。"]
    title, body = split_title(lines)
    assert [line.text for line in title] == ["２０２５年度事業計画"]
    assert [line.page for line in body] == [1, 2]


def test_wrapped_lines_join_and_new_blocks_start_where_they_should() -> None:
    pitch = 17.0
    rows = [
        ("① " + "い" * 38, 0),  # full: continues
        ("う" * 10 + "。", 0),  # short: ends the block
        ("（２）見出し", 0),     # numbered: a block of its own
        ("え" * 39, 1),           # first-line indent under the heading's text
        ("お" * 40, 0),
        ("か" * 5 + "。", 0),
        ("き" * 40, 0),          # after a short line: a new paragraph
        ("く。", 0),
    ]
    lines = page_lines(_artifact([_line(t, 50 + i * pitch, ind) for i, (t, ind) in
                                  enumerate(rows)]), set())
    got = [(b.number.printed if b.number else "", b.text) for b in blocks(lines)]
    assert got == [
        ("①", "い" * 38 + "う" * 10 + "。"),
        ("（２）", "見出し"),
        ("", "え" * 39 + "お" * 40 + "か" * 5 + "。"),
        ("", "き" * 40 + "く。"),
    ]


def test_a_blank_line_gap_starts_a_block() -> None:
    tops = [50, 67, 84, 101, 135, 152]  # a blank line between the 4th and 5th
    lines = page_lines(_artifact([_line(FULL, top) for top in tops]), set())
    assert [b.text for b in blocks(lines)] == [FULL * 4, FULL * 2]


def test_lead_width_keeps_kinsoku_characters_together() -> None:
    assert lead_width("あった", 10) == 20  # っ may not start a line
    assert lead_width("マーハ", 10) == 20
    assert lead_width("（光学的", 10) == 20  # （ may not end a line
    assert lead_width("2025 年", 10) == 4 * 6.5
    assert lead_width("漢字", 10) == 10
