"""Assemble OUT/review.html: every published value beside the print it was read from.

Built from the published files (datapackage.json, hashes checked, and each dataset as the CSV
spells it) and the source PDFs in RAW, found by the rows' source_file and source_sha256; each
row's source_bbox is cropped from its rendered page. Rows are grouped by document, then by bank
(or table, or outline section), in printed order; on top is what most needs a look. One page,
nothing fetched, no script; the same inputs give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.files import write_atomic
from pipeline.core.html import page
from pipeline.core.lang import DEFAULT, Words, words
from pipeline.corrections.correctable import correctable
from pipeline.diff.load import edition_order
from pipeline.diff.spec import NUMBER, spec_for
from pipeline.review import attention
from pipeline.review.attention import Look
from pipeline.review.cells import CSS
from pipeline.review.checks import Disagreement, read_disagreements
from pipeline.review.crops import crop_every_row
from pipeline.review.pages import Crops, Sources
from pipeline.review.rows import Rows, document_order, read_rows
from pipeline.review.sections import document_section, looks_section
from pipeline.validate.datasets import Dataset

REVIEW = "review.html"


def _numeric(dataset: Dataset) -> list[str]:
    """The dataset's numeric typed columns (as the diff reads them)."""
    spec = spec_for(dataset)
    return [c for c, kind in spec.kinds.items() if kind == NUMBER]


def looks(rows: dict[str, Rows], checks: list[Disagreement] | None,
          say: Words | None = None) -> list[Look]:
    """Everything that needs a look, every dataset; cross-check lines placed on no row last
    (those of a PDF published now: a listing of other bytes is stale)."""
    found: list[Look] = []
    published = {(file, sha) for part in rows.values()
                 for file, sha in zip(part.frame["source_file"], part.frame["source_sha256"],
                                      strict=True)}
    placed: set[int] = set()
    rules = correctable()
    say = say or words()
    for name, part in rows.items():
        dataset, frame = part.dataset, part.frame
        found += attention.untyped(dataset, frame, rules.get(name), _numeric(dataset), say)
        found += attention.changed(dataset, frame, say)
        hits, on = attention.disagreements(dataset, frame, checks or [])
        found += hits
        placed |= on
        found += attention.low_confidence(dataset, frame, say)
        found += attention.corrected(dataset, frame, say)
    found += [Look(attention.ENGINES, "", None, "", f"{c.file} p.{c.page} {c.where}: {c.what}")
              for n, c in enumerate(checks or [])
              if n not in placed and (c.file, c.sha256) in published]
    return found


def render_review(out: Path, raw: Path | None, checks_in: Path | None = None,
                  jobs: int = 1, known: Crops | None = None, lang: str = DEFAULT) -> str:
    """The review page's HTML, in language `lang`, from the files published in `out` and the
    PDFs in `raw` (cropped by up to `jobs` workers, but for the `known` crops: crop_ahead's);
    the cross-check listing is read from `checks_in` (default `out`)."""
    say = words(lang)
    rows = read_rows(out)
    checks = read_disagreements(checks_in or out)
    found = looks(rows, checks, say)
    flagged: dict[tuple[str, int], list[Look]] = {}
    for look in found:
        if look.row is not None:
            flagged.setdefault((look.dataset, look.row), []).append(look)
    sources = Sources(raw)
    try:
        crops: Crops = crop_every_row(rows, sources, jobs, known)
        documents = document_order(rows)
        number = {file: n for n, (file, _, _) in enumerate(documents, start=1)}
        sections = [document_section(n, file, kind, edition, rows, flagged, sources, crops, say)
                    for n, (file, kind, edition) in enumerate(documents, start=1)]
        top = looks_section(found, rows, checks, sources, crops, number, say)
    finally:
        sources.close()
    nav = [("looks", say("review.nav_looks", n=len(found)))] + [
        (f"doc-{n}", f"{file}") for file, n in number.items()]
    editions = "; ".join(
        f"{name} {', '.join(sorted(set(part.frame[part.dataset.edition]), key=edition_order))}"
        for name, part in rows.items())
    return page(say("review.title"), say("review.subtitle", editions=editions), nav,
                [top, *sections], extra_css=CSS, lang=say.lang)


def write_review(out: Path, raw: Path | None, checks_in: Path | None = None,
                 jobs: int = 1, known: Crops | None = None, lang: str = DEFAULT) -> Path:
    """Write OUT/review.html atomically (see render_review)."""
    return write_atomic(out / REVIEW, render_review(out, raw, checks_in, jobs, known, lang))
