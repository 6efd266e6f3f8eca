"""datapackage.json describes the published files truthfully: fields, units, key, hashes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.clean.run import clean_artifact
from pipeline.core.artifact import write_artifact
from pipeline.run import publish_files
from pipeline.validate.datasets import DATASETS


@pytest.fixture(scope="module")
def out(npo_extracted, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pub")
    clean_path = folder / "npo.clean.json"
    write_artifact(clean_artifact(npo_extracted), clean_path)
    publish_files([clean_path], folder)
    return folder


def test_resources_match_files(out: Path) -> None:
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert {"npo_loan_terms.csv", "npo_loan_terms.parquet"} <= set(resources)
    for path, resource in resources.items():
        data = (out / path).read_bytes()
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        assert resource["bytes"] == len(data)
    csv = resources["npo_loan_terms.csv"]
    assert csv["profile"] == "tabular-data-resource"
    parquet = resources["npo_loan_terms.parquet"]
    assert parquet["x_table_of"] == "npo_loan_terms" and parquet["format"] == "parquet"
    assert csv["schema"]["primaryKey"] == ["as_of", "bank", "item", "condition"]
    fields = {f["name"]: f for f in csv["schema"]["fields"]}
    assert list(fields) == DATASETS["npo_loan_terms"].columns
    assert fields["limit_yen"]["unit"] == "JPY" and fields["limit_yen"]["type"] == "integer"
    assert fields["rate_min_pct"]["type"] == "number"
    assert fields["as_of"]["type"] == "date"
    assert set(fields["mark"]["constraints"]["enum"]) == {"", "○", "×", "要", "否"}
    assert all(f["description"] for f in fields.values())
    assert "pattern" not in fields["as_of"]["constraints"]  # not a constraint of a date
    # An empty text cell is the value "nothing printed"; an empty typed cell is missing.
    assert fields["condition"]["missingValues"] == [] and fields["note"]["missingValues"] == []
    assert fields["limit_yen"]["missingValues"] == [""] and fields["as_of"]["missingValues"] == [""]
    assert fields["is_offered"]["trueValues"] == ["true"]
    assert fields["is_offered"]["falseValues"] == ["false"]


def test_data_terms_name_the_publishers_and_claim_no_public_domain(out: Path) -> None:
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    text = json.dumps(package, ensure_ascii=False).lower()
    assert "other-pd" not in text and "public domain" not in text
    publishers = [c["title"] for c in package["contributors"] if c["role"] == "publisher"]
    assert len(publishers) == 1 and "労働金庫" in publishers[0]  # only the NPO table here
    assert "日本労働者信用基金協会" in package["description"]
    assert "労働金庫" in package["description"]
    assert all(license_.get("name") for license_ in package["licenses"])
    assert "publishers" in package["licenses"][0]["title"]


def test_sources_name_pdf_and_hash(out: Path, npo_extracted) -> None:
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert package["sources"] == [{
        "title": npo_extracted["source"]["file"],
        "path": npo_extracted["source"]["file"],
        "hash": f"sha256:{npo_extracted['source']['sha256']}",
        "x_kind": "npo_loan",
    }]


def test_csv_and_parquet_hold_the_same_rows(out: Path) -> None:
    csv = pd.read_csv(out / "npo_loan_terms.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(out / "npo_loan_terms.parquet")
    for column in ("is_offered", "is_required"):
        assert set(csv[column]) == {"true", "false", ""}
        assert csv[column].tolist() == [
            "" if pd.isna(v) else str(bool(v)).lower() for v in parquet[column]]
    assert list(csv.columns) == list(parquet.columns)
    assert len(csv) == len(parquet) == 195
    for column in ("bank", "item", "condition", "mark", "value", "unit", "note"):
        assert csv[column].tolist() == parquet[column].tolist()
    assert csv["limit_yen"].tolist() == [
        "" if pd.isna(v) else str(int(v)) for v in parquet["limit_yen"]
    ]
    keys = list(zip(csv["as_of"], csv["bank"], csv["item"], csv["condition"], strict=True))
    assert keys == sorted(keys)
