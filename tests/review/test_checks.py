"""The cross-check's JSON listing read back as disagreements, each with its box."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.review.checks import Disagreement, parse_listing, read_disagreements

LISTING = {"artifact": "crosscheck", "error": "they disagree", "disagreements": [
    {"file": "npo.pdf", "sha256": "a" * 64, "check": "camelot", "page": 1,
     "where": "table 1 R6C4", "why": "text differs",
     "readings": {"pdfplumber": "'1,000'", "camelot": "'1,O00'"}, "bbox": [10, 20, 30, 40]},
    {"file": "npo.pdf", "sha256": "a" * 64, "check": "camelot", "page": 2,
     "where": "table 1 camelot R3C9", "why": "cell only camelot sees",
     "readings": {"pdfplumber": None, "camelot": "'x'"}, "bbox": None},
    {"file": "npo.pdf", "sha256": "a" * 64, "check": "engines", "page": 1,
     "where": "line 3", "why": "position differs", "readings": {}, "bbox": [1, 2, 3, 4]},
]}


def test_every_disagreement_is_read_with_its_box() -> None:
    found = parse_listing(LISTING)
    assert [(d.page, d.where, d.cell, d.box) for d in found] == [
        (1, "table 1 R6C4", "R6C4", (10.0, 20.0, 30.0, 40.0)),
        (2, "table 1 camelot R3C9", "", None),
        (1, "line 3", "", (1.0, 2.0, 3.0, 4.0))]
    assert found[0].what == "camelot: text differs: pdfplumber '1,000' camelot '1,O00'"
    assert found[0].sha256 == "a" * 64


def test_no_listing_means_the_cross_check_did_not_run(tmp_path: Path) -> None:
    assert read_disagreements(tmp_path) is None
    (tmp_path / "interim").mkdir()
    (tmp_path / "interim" / "crosscheck.json").write_text("{not json", "utf-8")
    assert read_disagreements(tmp_path) is None
    (tmp_path / "interim" / "crosscheck.json").write_text(json.dumps(LISTING), "utf-8")
    found = read_disagreements(tmp_path)
    assert found is not None and len(found) == 3 and isinstance(found[0], Disagreement)
