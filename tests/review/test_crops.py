"""The review page's crops: made ahead from the clean artifacts they are the published rows'
crops (corrections change values, not where they were printed), and what is known is not
cropped again."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.review import crops as crops_module
from pipeline.review.build import render_review
from pipeline.review.crops import crop_ahead, crop_every_row
from pipeline.review.pages import Sources
from pipeline.review.rows import read_rows
from tests.conftest import RAW


@pytest.mark.slow
def test_crops_made_ahead_are_the_published_rows_crops(published_corrected: Path) -> None:
    cleaned = sorted((published_corrected / "interim").glob("*.clean.json"))
    assert len(cleaned) == 2
    ahead = crop_ahead(cleaned, RAW, jobs=2)
    sources = Sources(RAW)
    try:
        published = crop_every_row(read_rows(published_corrected), sources, jobs=1)
    finally:
        sources.close()
    assert len(published) == 371 and ahead == published


@pytest.mark.slow
def test_known_crops_are_not_cropped_again(published_corrected: Path, monkeypatch) -> None:
    cleaned = sorted((published_corrected / "interim").glob("*.clean.json"))
    ahead = crop_ahead(cleaned, RAW)
    asked: list[int] = []
    real = crops_module.crop_documents

    def counting(wanted, jobs=1):
        asked.append(sum(len(boxes) for boxes in wanted.values()))
        return real(wanted, jobs)

    monkeypatch.setattr(crops_module, "crop_documents", counting)
    some = dict(list(ahead.items())[:100])
    page = render_review(published_corrected, RAW, known=some)
    assert asked == [len(ahead) - 100]  # only the crops not given
    assert page == render_review(published_corrected, RAW)
