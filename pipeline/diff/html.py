"""The diff of one dataset as a self-contained HTML page (inline CSS, nothing fetched), in the
diff's language, built with the same page and ✎ as the report (pipeline/core/html.py)."""

from __future__ import annotations

import difflib

from pipeline.core.html import corrected_mark, element, esc, page
from pipeline.diff.compare import CHANGED, REASON, DatasetDiff
from pipeline.diff.describe import SHORT_TEXT
from pipeline.diff.group import sections, shown
from pipeline.diff.headline import summary_line

CSS = """
table.diff { width: 100%; max-width: 70rem; }
table.diff td.field { white-space: nowrap; font-family: monospace; }
.added { color: #1a7f37; } .removed { color: #cf222e; } .changed { color: #9a6700; }
del { background: #ffebe9; text-decoration: line-through; }
ins { background: #dafbe1; text-decoration: none; }
p.summary { font-weight: bold; }
"""


def inline_diff(old: str, new: str) -> tuple[str, str]:
    """Old and new text as HTML, the characters that differ marked <del> and <ins>."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    before, after = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = esc(old[i1:i2]), esc(new[j1:j2])
        if op == "equal":
            before.append(a)
            after.append(b)
            continue
        if a:
            before.append(f"<del>{a}</del>")
        if b:
            after.append(f"<ins>{b}</ins>")
    return "".join(before), "".join(after)


def _row(field: dict[str, str], diff: DatasetDiff) -> str:
    old, new = shown(diff, field, "old"), shown(diff, field, "new")
    if field["change"] == CHANGED and max(len(old), len(new)) > SHORT_TEXT:
        old_html, new_html = inline_diff(old, new)
    elif field["change"] == CHANGED:  # a short value is read whole: 2.875 → 2.625, not 87 → 62
        old_html, new_html = f"<del>{esc(old)}</del>", f"<ins>{esc(new)}</ins>"
    else:
        old_html, new_html = esc(old), esc(new)
    if field.get(REASON):  # a reviewer's correction: marked, the reason on hover
        new_html += " " + corrected_mark(diff.words("corrected", reason=field[REASON]))
    return "<tr>" + "".join((element("td", esc(field["field"]), class_="field"),
                             element("td", old_html), element("td", new_html),
                             element("td", esc(field["description"])))) + "</tr>"


def render_html(diff: DatasetDiff) -> str:
    """A page with the summary and one table of changed fields per row, grouped by section
    (banks in the table's order)."""
    spec, say = diff.spec, diff.words
    title = say("diff.title", name=spec.name, old=diff.old_edition, new=diff.new_edition)
    head = "".join(element("th", esc(say(k))) for k in ("diff.field", "diff.old", "diff.new",
                                                          "diff.change"))
    parts = [element("p", esc(summary_line(diff)), class_="summary")]
    nav = []
    for n, section in enumerate(sections(diff), start=1):
        nav.append((f"s{n}", section.title))
        body = [element("h2", esc(section.title), id=f"s{n}")]
        for entry in section.entries:
            body.append(element("h3", esc(entry.label) + " " + element(
                "span", esc(f"({say('diff.' + entry.change)})"), class_=entry.change)))
            rows = "".join(_row(f, diff) for f in entry.fields)
            body.append(f'<div class="scroll"><table class="diff"><thead><tr>{head}</tr>'
                        f"</thead><tbody>{rows}</tbody></table></div>")
        parts.append(element("section", "".join(body)))
    return page(title, diff.title, nav, parts, extra_css=CSS, lang=diff.lang)
