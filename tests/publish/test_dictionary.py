"""docs/DATA.md is generated from the schemas, covers every column, and is never stale."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandera.pandas as pa
import pytest
from pandera.typing import Series

from pipeline.datasets import DATASETS
from pipeline.publish import dictionary
from pipeline.publish.datapackage import field_descriptors
from pipeline.publish.dictionary import allowed, dictionary_markdown, write_dictionary
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


def test_a_new_dataset_appears_without_new_code(monkeypatch: pytest.MonkeyPatch) -> None:
    class Rates(pa.DataFrameModel):
        """Test rates, one row per year and name."""

        year: Series[int] = pa.Field(description="The year.", ge=2000)
        name: Series[str] = pa.Field(description="A | name.", isin=["a", "b"])
        rate: Series[float] = pa.Field(description="A rate.", metadata={"unit": "percent"})

    extra = replace(DATASETS["plan_key_figures"], name="test_rates", title="Test rates",
                    schema=Rates, key=("year", "name"), edition="year")
    monkeypatch.setitem(DATASETS, "test_rates", extra)
    section = _section(dictionary_markdown(), "test_rates")
    assert "Test rates, one row per year and name." in section
    assert "| `name` (key) | string |  | yes | `a`, `b` | A \\| name. |" in section
    assert "| `rate` | number | percent | yes |  | A rate. |" in section
    assert "`test_rates_latest` | view" in dictionary_markdown()


def test_write_reports_whether_it_changed(tmp_path: Path) -> None:
    target = tmp_path / "docs" / "DATA.md"
    assert write_dictionary(target) is True
    assert write_dictionary(target) is False
    assert target.read_text("utf-8") == dictionary.dictionary_markdown()


def test_cli_writes_the_dictionary(tmp_path: Path) -> None:
    target = tmp_path / "DATA.md"
    done = subprocess.run([sys.executable, "-m", "pipeline", "docs", "--output", str(target)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert target.read_text("utf-8") == dictionary_markdown()
