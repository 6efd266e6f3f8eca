"""The diff of one dataset as Markdown a person reads, in the diff's language."""

from __future__ import annotations

import re

from pipeline.diff.compare import DatasetDiff
from pipeline.diff.group import sections, shown
from pipeline.diff.headline import entity_line, summary_line

__all__ = ["entity_line", "render_markdown", "summary_line"]

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


def render_markdown(diff: DatasetDiff) -> str:
    """Title, summary, then a table of changed fields per row, grouped by section (banks in
    the table's order)."""
    spec, say = diff.spec, diff.words
    title = say("diff.title", name=spec.name, old=diff.old_edition, new=diff.new_edition)
    lines = [f"# {title}", "", diff.title, "", f"**{summary_line(diff)}**", ""]
    header = [say(k) for k in ("diff.field", "diff.old", "diff.new", "diff.change")]
    for section in sections(diff):
        lines += [f"## {escape_markdown(section.title)}", ""]
        for entry in section.entries:
            lines += [f"### {escape_markdown(entry.label)} ({say('diff.' + entry.change)})", "",
                      "| " + " | ".join(header) + " |", "| --- | --- | --- | --- |"]
            for f in entry.fields:
                lines.append(f"| {f['field']} | {_cell(shown(diff, f, 'old'))} | "
                             f"{_cell(shown(diff, f, 'new'))} | {_cell(f['description'])} |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
