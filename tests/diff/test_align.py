from __future__ import annotations

import pytest

from pipeline.core.errors import PipelineError
from pipeline.diff.align import align_keys, align_outline


def test_keys_pair_by_value_not_position() -> None:
    old = _rows(("A", "金利"), ("B", "金利"), ("C", "金利"))
    new = _rows(("C", "金利"), ("A", "金利"), ("D", "金利"))
    pairs = sorted(align_keys(old, new), key=str)
    assert sorted(pairs, key=str) == sorted([(0, 1), (1, None), (2, 0), (None, 2)], key=str)


def test_duplicate_key_is_an_error() -> None:
    with pytest.raises(PipelineError, match="appears twice"):
        align_keys([("A",), ("A",)], [("A",)], "npo")


def _rows(*rows: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(path, text, text) for path, text in rows]


def _paired(pairs):
    return {(i, j) for i, j in pairs if i is not None and j is not None}


def test_outline_identical_text_under_new_number_is_renumbered() -> None:
    old = _rows(("1", "はじめに"), ("2", "保証審査の改善"), ("3", "人材の育成"))
    new = _rows(("1", "はじめに"), ("2", "新しい施策の追加"), ("3", "保証審査の改善"),
                ("4", "人材の育成"))
    pairs = align_outline(old, new)
    assert _paired(pairs) == {(0, 0), (1, 2), (2, 3)}
    assert (None, 1) in pairs


def test_outline_reworded_under_same_number_is_one_change() -> None:
    old = _rows(("1", "ホームページをリニューアルし情報発信を拡充します。"))
    new = _rows(("1", "ホームページをリニューアルし情報発信を一層拡充します。"))
    assert align_outline(old, new) == [(0, 0)]


def test_outline_unrelated_text_under_same_number_is_removed_and_added() -> None:
    old = _rows(("1", "ホームページをリニューアルし情報発信を拡充します。"))
    new = _rows(("1", "職員研修を年二回実施する。"))
    assert sorted(align_outline(old, new), key=str) == sorted([(0, None), (None, 0)], key=str)


def test_outline_renumbered_and_reworded_prefers_the_similar_text() -> None:
    tuning = "AI保証審査モデルのチューニング作業を実施し、モデルの性能向上に"
    old = _rows(("2", tuning + "取組みます。"))
    new = _rows(("2", "AI保証審査モデルの新たな運用を開始します。"),
                ("3", tuning + "取り組みます。"))
    pairs = align_outline(old, new)
    assert (0, 1) in pairs and (None, 0) in pairs


def test_outline_repeated_text_pairs_in_order() -> None:
    old = _rows(("1", "同上"), ("2", "同上"))
    new = _rows(("1", "同上"), ("2", "同上"))
    assert sorted(align_outline(old, new)) == [(0, 0), (1, 1)]


def test_outline_text_naming_its_own_year_matches_its_masked_form() -> None:
    old = [("", "2025年度事業計画", "\ue000年度事業計画")]
    new = [("", "2026年度事業計画", "\ue000年度事業計画")]
    assert align_outline(old, new) == [(0, 0)]
