"""Generators are deterministic: the same edition and options give byte-identical files.

(Runs after the read-back tests: the office twins are the last files of the soffice call.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.producers.cases import CASES
from tests.variants import editions as E
from tests.variants.html_print import npo_html, plan_html
from tests.variants.office import truth_path


@pytest.mark.office
def test_office_twins_are_byte_identical(producers) -> None:
    assert producers.twins, "no office cases"
    for name, twin in producers.twins.items():
        first = producers.pdf(next(c for c in CASES if c.name == name))
        second = producers.pdf(twin)
        assert first.read_bytes() == second.read_bytes(), name
        assert truth_path(first).read_text("utf-8") == truth_path(second).read_text("utf-8")


def test_html_pages_are_identical(tmp_path: Path) -> None:
    for write, edition in ((npo_html, E.load_npo()), (plan_html, E.load_plan())):
        a, b = tmp_path / "a.html", tmp_path / "b.html"
        assert write(edition, a) == write(edition, b)
        assert a.read_bytes() == b.read_bytes()
