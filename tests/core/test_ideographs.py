"""The committed ideograph table is what the Unicode Character Database says, and is applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.ideographs import UNIFIED
from pipeline.core.ideographs_source import TARGET, UCD, table_source
from pipeline.core.text import clean_cell, fold, squeeze, unify_ideographs

needs_ucd = pytest.mark.skipif(
    not (UCD / "EquivalentUnifiedIdeograph.txt").is_file(),
    reason="Debian's unicode-data package is not installed (apt-get install unicode-data)",
)


@needs_ucd
def test_committed_table_is_regenerated_exactly() -> None:
    assert TARGET.read_text("utf-8") == table_source(UCD), (
        "pipeline/core/ideographs.py is stale: run python -m pipeline.core.ideographs_source")


def test_generator_reads_both_sources(tmp_path: Path) -> None:
    (tmp_path / "EquivalentUnifiedIdeograph.txt").write_text(
        "# EquivalentUnifiedIdeograph-99.0.0.txt\n2ED1 ; 9577 # LONG ONE\n2F00..2F01 ; 4E00\n",
        "utf-8")
    (tmp_path / "UnicodeData.txt").write_text(
        "F9D8;CJK COMPATIBILITY IDEOGRAPH-F9D8;Lo;0;L;5F8B;;;;N;;;;;\n"
        "FA0E;CJK COMPATIBILITY IDEOGRAPH-FA0E;Lo;0;L;;;;;N;;;;;\n"
        "3042;HIRAGANA LETTER A;Lo;0;L;;;;;N;;;;;\n", "utf-8")
    namespace: dict = {}
    exec(table_source(tmp_path), namespace)
    assert namespace["UNIFIED"] == {0x2ED1: 0x9577, 0x2F00: 0x4E00, 0x2F01: 0x4E00,
                                    0xF9D8: 0x5F8B}


@pytest.mark.parametrize(
    ("printed", "unified"),
    [
        ("⻑野県労働金庫", "長野県労働金庫"),  # CJK Radicals Supplement: NFKC leaves it
        ("市⺠活動", "市民活動"),
        ("項⽬", "項目"),  # Kangxi radical: NFKC would fold it too
        ("規律", "規律"),  # U+F9D8, a compatibility ideograph
    ],
)
def test_every_kind_of_look_alike_is_unified(printed: str, unified: str) -> None:
    assert unify_ideographs(printed) == unified
    assert fold(printed) == unified and squeeze(printed) == unified


def test_the_table_covers_the_supplement_and_the_kangxi_radicals() -> None:
    assert UNIFIED[0x2ED1] == ord("長") and UNIFIED[0x2EA0] == ord("民")
    assert sum(0x2F00 <= code <= 0x2FD5 for code in UNIFIED) == 214  # every Kangxi radical
    assert sum(0xF900 <= code <= 0xFAFF for code in UNIFIED) > 400


def test_latin_wrapped_inside_japanese_joins_without_a_space() -> None:
    assert clean_cell("ＮＰ\nＯ法人であること") == "NPO法人であること"
    assert clean_cell("the quick\nbrown fox") == "the quick brown fox"  # English wraps at spaces
    assert clean_cell("1,0\n00") == "1,000"
