"""The few lines the terminal shows after a diff."""

from __future__ import annotations

from pipeline.core.lang import words
from pipeline.diff.headline import summary_line
from pipeline.diff.run import DiffRun
from pipeline.diff.write import DIFFS, stem


def summary_lines(run: DiffRun) -> list[str]:
    """One line per compared dataset (with where its reports are), one per skipped one; in
    English, as every line the command line prints."""
    lines = []
    for diff in run.diffs:
        said = summary_line(diff, words("en"))
        lines.append(f"diff {diff.spec.name} {diff.old_edition} → {diff.new_edition}: "
                     f"{said} → {run.out / DIFFS / stem(diff)}.{{csv,md,html}}")
        for field, count in diff.changes["field"].value_counts().sort_index().items():
            lines.append(f"  {field}: {count}")
    lines += [f"diff {name}: skipped, {why}" for name, why in sorted(run.skipped.items())]
    return lines
