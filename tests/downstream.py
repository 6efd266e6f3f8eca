"""Published output folders for the database, dictionary and report tests.

`publish_raw` runs the real pipeline over raw/; `add_edition` publishes a second, edited edition
of a dataset beside the first (through the real publish stage) so views and links that only
matter with two editions can be checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pipeline.report.load import load_published
from pipeline.validate.datasets import DATASETS
from tests.conftest import RAW


def publish_raw(out: Path, raw: Path = RAW) -> Path:
    """Run every stage over `raw` into `out`; returns `out`."""
    from pipeline.run import run_all

    run_all(raw, out, jobs=1)
    return out


def add_edition(out: Path, name: str, edition: object,
                edit: Callable[[pd.DataFrame], pd.DataFrame] = lambda f: f) -> pd.DataFrame:
    """Publish into `out` a copy of `name`'s edition renamed to `edition` and passed through
    `edit`, beside what is there; returns the new edition's rows."""
    from pipeline.publish.write import publish

    pub = load_published(out)
    dataset = DATASETS[name]
    current = pub.frames[name]
    new = edit(current.assign(**{dataset.edition: edition}).copy())
    new = new.assign(source_file=f"edition_{edition}.pdf")
    frames = dict(pub.frames)
    both = pd.concat([current, new], ignore_index=True)
    frames[name] = both.sort_values(list(dataset.key), kind="stable").reset_index(drop=True)
    sources = [*pub.sources, {"title": f"edition_{edition}.pdf", "path": f"edition_{edition}.pdf",
                              "hash": "sha256:" + "0" * 64, "x_kind": "test"}]
    publish(frames, sources, out)
    return new
