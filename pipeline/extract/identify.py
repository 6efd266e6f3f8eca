"""Which document kind a PDF is, decided from its first page before the rest is read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from pipeline.core.errors import PipelineError
from pipeline.core.text import has_cid_garbage
from pipeline.extract.page_text import page_text
from pipeline.kinds import IDENTIFY_PART, kinds


class IdentifyModule(Protocol):
    """What a kind's identify.py defines (the contract of IDENTIFY_PART)."""

    # The labels the kind's pages print (title, row labels, legends): what a label OCR read
    # imperfectly is set right to (extract/ocr/match.py).
    VOCABULARY: Sequence[str]

    def identify(self, page: dict[str, Any]) -> int:
        """How sure `page` (an artifact's first page) is of this kind: 0 not, higher surer."""
        ...


def identify_kind(first: dict[str, Any], file: str) -> str:
    """The name of the kind whose `identify` is surest of `first` (an artifact page).

    PipelineError when no kind claims it: because its text is (cid:…) codes, or because it is
    no document this pipeline knows.
    """
    best, best_score = None, 0
    for candidate in kinds():
        part = candidate.part(IDENTIFY_PART)
        score = part.identify(first) if part else 0
        if score > best_score:
            best, best_score = candidate.name, score
    if best is not None:
        return best
    if has_cid_garbage(page_text(first)):
        raise PipelineError(
            "text extracts as (cid:…) codes: the PDF's fonts lack a Unicode map", file=file, page=1
        )
    known = ", ".join(k.title for k in kinds())
    raise PipelineError(f"not a known document: the first page is none of {known}", file=file)
