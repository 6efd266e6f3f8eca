"""Write a dataset's diff under OUT/diffs: CSV for machines, Markdown and HTML for people."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.files import write_atomic
from pipeline.diff.compare import DatasetDiff
from pipeline.diff.html import render_html
from pipeline.diff.markdown import render_markdown
from pipeline.publish.formulas import escape_frame

DIFFS = "diffs"


def stem(diff: DatasetDiff) -> str:
    """File name without suffix, naming both editions: npo_loan_terms_2025-04-01_2026-04-01."""
    return f"{diff.spec.name}_{diff.old_edition}_{diff.new_edition}"


def csv_text(diff: DatasetDiff) -> str:
    """The machine-readable diff: key columns, field, change, old, new, deltas, description.
    What the PDFs print (the key, old, new) is escaped where a spreadsheet would run it as a
    formula, as in the published CSV; the deltas and descriptions are this pipeline's own
    words (+85,544百万円 (+4.7%)), written as they are."""
    printed = [*diff.spec.identity, "old", "new"]
    return escape_frame(diff.changes[diff.columns], printed).to_csv(index=False,
                                                                    lineterminator="\n")


def write_diff(diff: DatasetDiff, out: Path) -> list[Path]:
    """Write the CSV, Markdown and HTML of `diff` into OUT/diffs; returns their paths."""
    folder = out / DIFFS
    folder.mkdir(parents=True, exist_ok=True)
    base = stem(diff)
    files = {folder / f"{base}.csv": csv_text(diff),
             folder / f"{base}.md": render_markdown(diff),
             folder / f"{base}.html": render_html(diff)}
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)
