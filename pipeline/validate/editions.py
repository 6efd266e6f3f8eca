"""An edition must come from one source file: two PDFs of the same edition is an input error."""

from __future__ import annotations

import pandas as pd

from pipeline.core.errors import PipelineError
from pipeline.validate.datasets import DATASETS


def check_one_source_per_edition(name: str, frame: pd.DataFrame) -> None:
    """PipelineError naming the files when one edition of `name` was read from several PDFs."""
    edition = DATASETS[name].edition
    if frame.empty or "source_file" not in frame:
        return
    files = frame.groupby(edition, sort=True)["source_file"].unique()
    for value, names in files.items():
        if len(names) > 1:
            listed = ", ".join(sorted(names))
            raise PipelineError(
                f"{name}: edition {edition}={value} is printed by more than one PDF ({listed}); "
                "keep one of them in the raw folder"
            )
