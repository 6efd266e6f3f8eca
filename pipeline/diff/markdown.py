"""The diff of one dataset as Markdown a person reads."""

from __future__ import annotations

import re

from pipeline.diff.compare import ADDED, REMOVED, DatasetDiff
from pipeline.diff.group import sections

# What Markdown (and the HTML it lets through) reads as markup inside a line: a printed note
# such as `<img src=x onerror=…>` or `[x](javascript:…)` must show as printed, never act.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKUP = re.compile(r"[\\`*_\[\]|~]")


def escape_markdown(text: str) -> str:
    """`text` on one line, as Markdown that shows it literally (HTML and markup escaped)."""
    text = " ".join(str(text).split())
    text = re.sub(r"[&<>]", lambda m: _ENTITIES[m[0]], text)
    return _MARKUP.sub(lambda m: "\\" + m[0], text)


def _cell(text: str) -> str:
    return escape_markdown(text) or " "


def entity_line(diff: DatasetDiff) -> str:
    """'banks added: 中部労働金庫; removed: 北陸労働金庫, 東海労働金庫', or '' when none."""
    added, removed = diff.entities(ADDED), diff.entities(REMOVED)
    parts = [f"added: {', '.join(added)}" if added else "",
             f"removed: {', '.join(removed)}" if removed else ""]
    said = "; ".join(p for p in parts if p)
    return f"{diff.spec.entity}s {said}" if said else ""


def summary_line(diff: DatasetDiff) -> str:
    """The banks gained and lost first, then '2 changed, 1 added, 0 removed row(s); 5 field
    change(s)'; or 'no changes'."""
    if diff.identical:
        return "no changes"
    counts = diff.counts
    entities = entity_line(diff)
    fields = len(diff.changes) - len(diff.entities(ADDED)) - len(diff.entities(REMOVED))
    rows = (f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed "
            f"row(s); {fields} field change(s)")
    return f"{entities}; {rows}" if entities else rows


def render_markdown(diff: DatasetDiff) -> str:
    """Title, summary, then a table of changed fields per row, grouped by section."""
    spec = diff.spec
    lines = [f"# {spec.name}: {diff.old_edition} → {diff.new_edition}", "",
             spec.title, "", f"**{summary_line(diff)}**", ""]
    for section in sections(diff):
        lines += [f"## {escape_markdown(section.title)}", ""]
        for entry in section.entries:
            lines += [f"### {escape_markdown(entry.label)} ({entry.change})", "",
                      "| field | old | new | change |", "| --- | --- | --- | --- |"]
            for f in entry.fields:
                lines.append(f"| {f['field']} | {_cell(f['old'])} | {_cell(f['new'])} | "
                             f"{_cell(f['description'])} |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
