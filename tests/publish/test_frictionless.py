"""The real `frictionless validate` (frictionless-py from PyPI) accepts the published package
with no error and no warning, and still catches a damaged file."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from csv import reader, writer
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def frictionless() -> str:
    """The frictionless command installed beside this Python (the [test] extra brings it)."""
    beside = Path(sys.executable).parent / "frictionless"
    found = str(beside) if beside.is_file() else shutil.which("frictionless")
    assert found, "frictionless is not installed: pip install -e '.[test]'"
    return found


def validate(package: Path) -> dict:
    done = subprocess.run([frictionless(), "validate", "--json", package.name],
                          cwd=package.parent, capture_output=True, text=True, timeout=300)
    assert done.stdout, done.stderr
    return json.loads(done.stdout)


def problems(report: dict) -> list[str]:
    found = [f"package: {e['message']}" for e in report.get("errors", [])]
    found += [f"package warning: {w}" for w in report.get("warnings", [])]
    for task in report["tasks"]:
        found += [f"{task['name']}: {e['message']}" for e in task["errors"]]
        found += [f"{task['name']} warning: {w}" for w in task.get("warnings", [])]
    return found


def test_frictionless_validates_the_package_without_errors_or_warnings(published_once) -> None:
    report = validate(published_once / "datapackage.json")
    assert problems(report) == []
    assert report["valid"] and report["stats"]["errors"] == report["stats"]["warnings"] == 0
    tasks = {task["name"]: task for task in report["tasks"]}
    package = json.loads((published_once / "datapackage.json").read_text("utf-8"))
    assert set(tasks) == {r["name"] for r in package["resources"]}  # Parquet files too
    assert tasks["npo_loan_terms"]["type"] == "table"
    assert tasks["npo_loan_terms"]["stats"]["rows"] == 195
    assert tasks["npo_loan_terms_parquet"]["stats"]["sha256"] == (
        next(r for r in package["resources"] if r["name"] == "npo_loan_terms_parquet")
        ["hash"].removeprefix("sha256:"))


@pytest.mark.parametrize(("column", "bad"), [("as_of", "2025-13-01"), ("limit_yen", "many"),
                                             ("is_offered", "True")])
def test_frictionless_catches_a_bad_typed_cell(published_once, tmp_path, column, bad) -> None:
    out = tmp_path / "out"
    shutil.copytree(published_once, out)
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    csv = out / "npo_loan_terms.csv"
    rows = list(reader(io.StringIO(csv.read_text("utf-8"))))
    rows[1][rows[0].index(column)] = bad
    text = io.StringIO()
    writer(text, lineterminator="\n").writerows(rows)
    csv.write_text(text.getvalue(), "utf-8")
    # Drop the hash and size, which would differ too, so that only the cell is wrong.
    for resource in package["resources"]:
        if resource["path"] == csv.name:
            resource.pop("hash"), resource.pop("bytes")
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), "utf-8")
    found = problems(validate(out / "datapackage.json"))
    assert found and all(column in line and "npo_loan_terms:" in line for line in found), found
