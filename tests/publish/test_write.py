"""Publishing is all or nothing: a failure at any point, even mid-move, leaves out/ as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline.clean.run import clean_artifact
from pipeline.core.errors import PipelineError
from pipeline.publish import write
from pipeline.validate.check import validate
from pipeline.validate.frames import build_frame


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def frames(npo_extracted) -> dict[str, pd.DataFrame]:
    cleaned = clean_artifact(npo_extracted)
    return {name: validate(name, build_frame(name, rows))
            for name, rows in cleaned["datasets"].items()}


@pytest.fixture(scope="module")
def sources(npo_extracted) -> list[dict]:
    source = npo_extracted["source"]
    return [{"title": source["file"], "path": source["file"],
             "hash": f"sha256:{source['sha256']}", "x_kind": "npo_loan"}]


@pytest.fixture()
def old_out(tmp_path, frames, sources) -> Path:
    """An out/ holding an earlier publish whose CSV was edited, plus an unrelated file."""
    out = tmp_path / "out"
    extra = tmp_path / "old.extract.json"
    extra.write_text('{"old": true}\n')
    write.publish(frames, sources, out, extra={"interim/x.extract.json": extra})
    csv = out / "npo_loan_terms.csv"
    csv.write_bytes(csv.read_bytes() + b"an,older,edition\n")
    (out / "README.txt").write_text("kept")
    return out


def test_publish_writes_datasets_stamp_and_extras(tmp_path, frames, sources) -> None:
    extra = tmp_path / "a.json"
    extra.write_text("{}\n")
    out = tmp_path / "out"
    written = write.publish(frames, sources, out, extra={"interim/a.json": extra})
    assert written[-1].name == write.STAMP
    names = set(snapshot(out))
    assert {"npo_loan_terms.csv", "npo_loan_terms.parquet", "datapackage.json",
            "interim/a.json"} <= names
    assert not [n for n in os.listdir(out) if n.startswith(".publish-")]


def test_publish_is_byte_identical_when_repeated(tmp_path, frames, sources) -> None:
    write.publish(frames, sources, tmp_path / "a")
    write.publish(frames, sources, tmp_path / "b")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


@pytest.mark.parametrize("fail_at", [1, 2, 4, 7])
def test_failure_mid_move_restores_every_file(old_out, frames, sources, tmp_path, monkeypatch,
                                              fail_at) -> None:
    before = snapshot(old_out)
    calls = []
    real_replace = os.replace

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == fail_at:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", flaky_replace)
    new_extra = tmp_path / "new.extract.json"
    new_extra.write_text('{"new": true}\n')
    with pytest.raises(PipelineError, match="cannot publish"):
        write.publish(frames, sources, old_out, extra={"interim/x.extract.json": new_extra,
                                                       "interim/y.clean.json": new_extra})
    assert fail_at == 1 or len(calls) > fail_at  # after the first move, the undo moved back
    assert snapshot(old_out) == before
    assert sorted(os.listdir(old_out)) == sorted({p.split("/")[0] for p in before})


def test_failure_while_writing_leaves_out_alone(old_out, frames, sources, monkeypatch) -> None:
    before = snapshot(old_out)

    def broken_parquet(name, frame, path):
        path.write_bytes(b"half a file")
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(write, "_write_parquet", broken_parquet)
    with pytest.raises(PipelineError):
        write.publish(frames, sources, old_out)
    assert snapshot(old_out) == before


def test_failed_first_publish_leaves_no_folder(tmp_path, frames, sources, monkeypatch) -> None:
    real_replace = os.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", flaky_replace)
    extra = tmp_path / "e.json"
    extra.write_text("{}")
    with pytest.raises(PipelineError):
        write.publish(frames, sources, tmp_path / "out", extra={"interim/e.json": extra})
    assert not (tmp_path / "out").exists()


def test_interrupt_mid_move_is_undone_too(old_out, frames, sources, monkeypatch) -> None:
    before = snapshot(old_out)
    real_replace = os.replace
    calls = []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write.publish(frames, sources, old_out)
    assert snapshot(old_out) == before


def test_a_formula_in_a_note_is_escaped_in_the_csv_only(tmp_path, frames, sources) -> None:
    """OWASP: a CSV cell starting with = + - @ is written with a quote in front; the Parquet
    file keeps the text as printed, and `-` (not offered) and signed numbers stay as they are."""
    import pyarrow.parquet as pq

    terms = frames["npo_loan_terms"].copy()
    terms.loc[terms.index[0], "note"] = "=HYPERLINK(\"http://example.invalid\",\"x\")"
    terms.loc[terms.index[1], "note"] = "@SUM(A1)"
    out = tmp_path / "out"
    write.publish({"npo_loan_terms": terms}, sources, out)
    read = pd.read_csv(out / "npo_loan_terms.csv", dtype=str, keep_default_na=False)
    assert read["note"][0] == "'=HYPERLINK(\"http://example.invalid\",\"x\")"
    assert read["note"][1] == "'@SUM(A1)"
    assert "-" in set(read["value"])  # a dash stays a dash
    parquet = pq.read_table(out / "npo_loan_terms.parquet").to_pandas()
    assert parquet["note"][0] == "=HYPERLINK(\"http://example.invalid\",\"x\")"


def _with_a_second_dataset(out: Path) -> None:
    """`out` as if its publish had also produced plan_key_figures (listed and present)."""
    import json

    package = json.loads((out / write.STAMP).read_text("utf-8"))
    for suffix in ("csv", "parquet"):
        (out / f"plan_key_figures.{suffix}").write_text("an older dataset\n")
        package["resources"].append({"name": f"plan_key_figures_{suffix}",
                                     "path": f"plan_key_figures.{suffix}"})
    (out / write.STAMP).write_text(json.dumps(package), "utf-8")


def test_a_dataset_no_longer_produced_loses_its_files_in_the_same_step(tmp_path, frames,
                                                                       sources) -> None:
    """Publishing replaces the whole set: the previous datapackage.json's datasets that this
    publish does not produce are removed with it, and so are the files of `drop`."""
    out = tmp_path / "out"
    old = tmp_path / "gone.extract.json"
    old.write_text("{}\n")
    write.publish(frames, sources, out, extra={"interim/gone.extract.json": old})
    _with_a_second_dataset(out)
    (out / "notes.txt").write_text("the user's own file")
    write.publish(frames, sources, out, drop=["interim/gone.extract.json"])
    names = set(snapshot(out))
    assert "plan_key_figures.csv" not in names and "plan_key_figures.parquet" not in names
    assert "interim/gone.extract.json" not in names
    assert {"npo_loan_terms.csv", "notes.txt", "datapackage.json"} <= names


def test_a_failed_publish_keeps_the_files_it_would_have_removed(tmp_path, frames, sources,
                                                                 monkeypatch) -> None:
    out = tmp_path / "out"
    write.publish(frames, sources, out)
    _with_a_second_dataset(out)
    before = snapshot(out)

    def broken(folder: Path) -> list[str]:
        raise PipelineError("cannot derive")

    with pytest.raises(PipelineError):
        write.publish(frames, sources, out, derive=broken)
    assert snapshot(out) == before
    real_replace = os.replace
    moves = []

    def failing_replace(src, dst):  # the stamp's move fails, after the removals
        moves.append(Path(src).name)
        if Path(src).name == write.STAMP and Path(src).parent.name == "new":
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", failing_replace)
    with pytest.raises(PipelineError, match="disk full"):
        write.publish(frames, sources, out)
    monkeypatch.setattr(write.os, "replace", real_replace)
    assert snapshot(out) == before
    assert "plan_key_figures.csv" in moves  # it had been moved out, and was put back


def test_a_listed_path_outside_out_is_never_removed(tmp_path, frames, sources) -> None:
    out = tmp_path / "out"
    write.publish(frames, sources, out)
    outside = tmp_path / "precious.csv"
    outside.write_text("keep me")
    package = out / write.STAMP
    text = package.read_text("utf-8").replace('"path": "npo_loan_terms.csv"',
                                              '"path": "../precious.csv"')
    package.write_text(text, "utf-8")
    write.publish(frames, sources, out)
    assert outside.read_text() == "keep me"
