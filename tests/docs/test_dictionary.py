"""docs/DATA.md is generated from the schemas, covers every column, and is never stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import kinds
from pipeline.docs import dictionary
from pipeline.docs.dictionary import allowed, dictionary_markdown, write_dictionary
from pipeline.publish.datapackage import field_descriptors
from pipeline.validate.datasets import DATASETS
from tests.conftest import ROOT


def test_committed_dictionary_is_current() -> None:
    committed = (ROOT / "docs" / "DATA.md").read_text("utf-8")
    assert committed == dictionary_markdown(), (
        "docs/DATA.md is stale: run `make docs` (python -m pipeline docs) and commit it")


def _section(text: str, name: str) -> str:
    start = text.index(f"## `{name}`")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_column_has_its_type_unit_and_meaning(name: str) -> None:
    dataset = DATASETS[name]
    section = _section(dictionary_markdown(), name)
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) == len(dataset.columns)
    for field, row in zip(field_descriptors(dataset.schema), rows, strict=True):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[0].startswith(f"`{field['name']}`")
        assert ("(key)" in cells[0]) == (field["name"] in dataset.key)
        assert cells[1] == field["type"]
        assert cells[2] == field.get("unit", "")
        assert cells[5] == " ".join(field["description"].split())
    assert "Primary key (one row per): " + ", ".join(f"`{c}`" for c in dataset.key) in section
    assert f"Edition column: `{dataset.edition}`" in section


def test_allowed_values_in_words() -> None:
    enum = {"constraints": {"enum": ["", "○", "×"]}}
    assert allowed(enum) == '`""` (empty), `○`, `×`'
    assert allowed({"constraints": {"minimum": 0, "maximum": 30}}) == "0 to 30"
    assert allowed({"constraints": {"minimum": 1}}) == "≥ 1"
    assert allowed({"constraints": {"pattern": "^R\\d+C\\d+$"}}) == "matches `^R\\d+C\\d+$`"
    assert allowed({"constraints": {"required": True}}) == ""


def test_a_new_kind_is_documented_without_new_code() -> None:
    kinds.register("tests.kinds.toy")
    try:
        text = dictionary_markdown()
    finally:
        kinds.unregister("tests.kinds.toy")
    section = _section(text, "toy_fees")
    assert "Fees of a test-only fee schedule, one row per item." in section
    assert "| `item` (key) | string |  | yes |" in section
    assert "| `fee_yen` | integer | JPY | yes | ≥ 0 | Fee in yen. |" in section
    assert "`toy_fees_latest` | view" in text
    assert "toy_fees" not in dictionary_markdown()


def test_write_reports_whether_it_changed(tmp_path: Path) -> None:
    target = tmp_path / "docs" / "DATA.md"
    assert write_dictionary(target) is True
    assert write_dictionary(target) is False
    assert target.read_text("utf-8") == dictionary.dictionary_markdown()


@pytest.mark.slow
def test_cli_writes_the_dictionary(tmp_path: Path) -> None:
    target = tmp_path / "DATA.md"
    done = subprocess.run([sys.executable, "-m", "pipeline", "docs", "--output", str(target)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert target.read_text("utf-8") == dictionary_markdown()
