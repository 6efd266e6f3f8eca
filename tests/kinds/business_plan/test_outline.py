"""Outline levels, kinds and paths come from how numbers follow each other."""

from __future__ import annotations

from pipeline.kinds.business_plan.clean.blocks import Block, Line
from pipeline.kinds.business_plan.clean.numbers import split_number
from pipeline.kinds.business_plan.clean.outline import outline


def _blocks(*texts: str) -> list[Block]:
    blocks = []
    for i, text in enumerate(texts):
        number, rest = split_number(text)
        blocks.append(Block([Line(1, i, text, 0, 10, i * 10, 10)], number, rest))
    return blocks


def _shape(*texts: str) -> list[tuple[str, int, str]]:
    return [(n.kind, n.level, n.path) for n in outline("計画", None, _blocks(*texts))]


def test_same_scheme_nests_under_a_number_one() -> None:
    texts = ("１．A", "２．B", "［戦略１］C", "１．D", "（１）E", "①F", "②G", "２．H", "①I")
    assert _shape(*texts)[1:] == [
        ("outline", 0, "1"),
        ("heading", 0, "2"),
        ("heading", 1, "2 › 戦略1"),
        ("heading", 2, "2 › 戦略1 › 1"),
        ("heading", 3, "2 › 戦略1 › 1 › (1)"),
        ("outline", 4, "2 › 戦略1 › 1 › (1) › ①"),
        ("outline", 4, "2 › 戦略1 › 1 › (1) › ②"),
        ("heading", 2, "2 › 戦略1 › 2"),
        ("outline", 3, "2 › 戦略1 › 2 › ①"),
    ]


def test_paragraphs_belong_to_the_innermost_item() -> None:
    assert _shape("前文", "前文2", "１．A", "本文", "（１）B", "本文")[1:] == [
        ("paragraph", 0, "¶1"),
        ("paragraph", 0, "¶2"),
        ("heading", 0, "1"),
        ("paragraph", 1, "1 › ¶1"),
        ("heading", 1, "1 › (1)"),
        ("paragraph", 2, "1 › (1) › ¶1"),
    ]


def test_a_gap_in_the_numbering_stays_a_sibling() -> None:
    assert _shape("（１）A", "①B", "③C", "（３）D")[1:] == [
        ("heading", 0, "(1)"),
        ("outline", 1, "(1) › ①"),
        ("outline", 1, "(1) › ③"),
        ("outline", 0, "(3)"),
    ]


def test_title_row_and_parent_paths() -> None:
    nodes = outline("2026 年度事業計画", None, _blocks("１．A", "①B"))
    assert (nodes[0].kind, nodes[0].level, nodes[0].path, nodes[0].text) == (
        "title", 0, "", "2026 年度事業計画")
    assert [n.parent_path for n in nodes] == ["", "", "1"]
