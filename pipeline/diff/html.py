"""The diff of one dataset as a self-contained HTML page (inline CSS, nothing fetched)."""

from __future__ import annotations

import difflib
from html import escape

from pipeline.diff.compare import CHANGED, DatasetDiff
from pipeline.diff.describe import SHORT_TEXT
from pipeline.diff.group import sections
from pipeline.diff.markdown import summary_line

STYLE = """
body{font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:2rem;
color:#222;max-width:70rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;
margin-top:2rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin-bottom:.6rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.field{white-space:nowrap;font-family:monospace}
.added{color:#1a7f37}.removed{color:#cf222e}.changed{color:#9a6700}
del{background:#ffebe9;text-decoration:line-through}ins{background:#dafbe1;text-decoration:none}
.summary{font-weight:bold}.corrected{color:#8250df;cursor:help}
""".strip()
CORRECTED = "corrected: "
MARK = "✎"


def inline_diff(old: str, new: str) -> tuple[str, str]:
    """Old and new text as HTML, the characters that differ marked <del> and <ins>."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    before, after = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = escape(old[i1:i2]), escape(new[j1:j2])
        if op == "equal":
            before.append(a)
            after.append(b)
            continue
        if a:
            before.append(f"<del>{a}</del>")
        if b:
            after.append(f"<ins>{b}</ins>")
    return "".join(before), "".join(after)


def _row(field: dict[str, str]) -> str:
    old, new = field["old"], field["new"]
    if field["change"] == CHANGED and max(len(old), len(new)) > SHORT_TEXT:
        old_html, new_html = inline_diff(old, new)
    elif field["change"] == CHANGED:  # a short value is read whole: 2.875 → 2.625, not 87 → 62
        old_html, new_html = f"<del>{escape(old)}</del>", f"<ins>{escape(new)}</ins>"
    else:
        old_html, new_html = escape(old), escape(new)
    if CORRECTED in field["description"]:  # a reviewer's correction: marked, reason on hover
        reason = field["description"].split(CORRECTED, 1)[1]
        new_html += (f' <span class="corrected" title="corrected: {escape(reason)}">'
                     f"{MARK}</span>")
    return (f"<tr><td class=\"field\">{escape(field['field'])}</td><td>{old_html}</td>"
            f"<td>{new_html}</td><td>{escape(field['description'])}</td></tr>")


def render_html(diff: DatasetDiff) -> str:
    """A page with the summary and one table of changed fields per row, grouped by section."""
    spec = diff.spec
    title = f"{spec.name}: {diff.old_edition} → {diff.new_edition}"
    parts = ["<!DOCTYPE html>", '<html lang="ja">', "<head>", '<meta charset="utf-8">',
             f"<title>{escape(title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
             f"<h1>{escape(title)}</h1>", f"<p>{escape(spec.title)}</p>",
             f'<p class="summary">{escape(summary_line(diff))}</p>']
    for section in sections(diff):
        parts.append(f"<h2>{escape(section.title)}</h2>")
        for entry in section.entries:
            parts.append(f'<h3>{escape(entry.label)} <span class="{entry.change}">'
                         f"({entry.change})</span></h3>")
            parts.append("<table><thead><tr><th>field</th><th>old</th><th>new</th>"
                         "<th>change</th></tr></thead><tbody>")
            parts += [_row(f) for f in entry.fields]
            parts.append("</tbody></table>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
