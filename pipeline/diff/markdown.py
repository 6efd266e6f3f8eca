"""The diff of one dataset as Markdown a person reads."""

from __future__ import annotations

from pipeline.diff.compare import DatasetDiff
from pipeline.diff.group import sections


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or " "


def summary_line(diff: DatasetDiff) -> str:
    """'2 changed, 1 added, 0 removed row(s); 5 field change(s)' or 'no changes'."""
    if diff.identical:
        return "no changes"
    counts = diff.counts
    return (f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed "
            f"row(s); {len(diff.changes)} field change(s)")


def render_markdown(diff: DatasetDiff) -> str:
    """Title, summary, then a table of changed fields per row, grouped by section."""
    spec = diff.spec
    lines = [f"# {spec.name}: {diff.old_edition} → {diff.new_edition}", "",
             spec.title, "", f"**{summary_line(diff)}**", ""]
    for section in sections(diff):
        lines += [f"## {section.title}", ""]
        for entry in section.entries:
            lines += [f"### {entry.label} ({entry.change})", "",
                      "| field | old | new | change |", "| --- | --- | --- | --- |"]
            for f in entry.fields:
                lines.append(f"| {_cell(f['field'])} | {_cell(f['old'])} | {_cell(f['new'])} | "
                             f"{_cell(f['description'])} |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
