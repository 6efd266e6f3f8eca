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
