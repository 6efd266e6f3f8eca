"""The benchmark writes its figures into a named block of a document, leaving the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.markdown_block import recorded, replace_block

DOC = "# Perf\n\nprose\n<!-- bench:build -->\nold figures\n<!-- /bench:build -->\nmore prose\n"


def test_only_the_named_block_is_replaced() -> None:
    new = replace_block(DOC, "build", "1.2 s\n")
    assert new == ("# Perf\n\nprose\n<!-- bench:build -->\n```text\n1.2 s\n```\n"
                   "<!-- /bench:build -->\nmore prose\n")


def test_a_missing_block_is_an_error() -> None:
    with pytest.raises(ValueError, match="bench:ocr"):
        replace_block(DOC, "ocr", "x")


def test_what_is_printed_is_written(tmp_path: Path, capsys) -> None:
    doc = tmp_path / "PERF.md"
    doc.write_text(DOC, "utf-8")
    with recorded(doc, "build"):
        print("median 2.6 s")
    assert "median 2.6 s" in capsys.readouterr().out
    assert "```text\nmedian 2.6 s\n```" in doc.read_text("utf-8")


def test_a_failed_run_leaves_the_document(tmp_path: Path) -> None:
    doc = tmp_path / "PERF.md"
    doc.write_text(DOC, "utf-8")
    with pytest.raises(RuntimeError), recorded(doc, "build"):
        print("half")
        raise RuntimeError
    assert doc.read_text("utf-8") == DOC
