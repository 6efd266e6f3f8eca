"""Log records, ours and the libraries', reach stderr only with --verbose."""

from __future__ import annotations

import logging

import pytest

from pipeline.core.logs import configure


@pytest.fixture(autouse=True)
def _restore():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("pipeline").setLevel(logging.NOTSET)
    logging.captureWarnings(False)


def _emit() -> None:
    logging.getLogger("a_library.fonts").warning("Could not get FontBBox")
    logging.getLogger("pipeline.extract.document").info("page 1 read by OCR")
    logging.getLogger("a_library.parser").debug("a token")


def test_nothing_is_shown_by_default(capsys) -> None:
    configure(0)
    _emit()
    assert capsys.readouterr().err == ""


def test_verbose_shows_our_steps_and_the_libraries_warnings(capsys) -> None:
    configure(1)
    _emit()
    err = capsys.readouterr().err.splitlines()
    assert "a_library.fonts: WARNING: Could not get FontBBox" in err
    assert "pipeline.extract.document: INFO: page 1 read by OCR" in err
    assert not any("a token" in line for line in err)


def test_very_verbose_shows_everything(capsys) -> None:
    configure(2)
    _emit()
    assert "a_library.parser: DEBUG: a token" in capsys.readouterr().err.splitlines()
