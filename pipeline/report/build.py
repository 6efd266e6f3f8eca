"""Assemble OUT/report.html from the published files: one page, no scripts, no network."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.core.files import write_atomic
from pipeline.kinds import kinds
from pipeline.report import corrections, generic, validation
from pipeline.report.html import element, esc, page, table
from pipeline.report.load import Published, load_published
from pipeline.report.section import Section
from pipeline.validate.datasets import DATASETS

REPORT = "report.html"
TITLE = "労働金庫 NPO向け融資と日本労信協 事業計画"


def _editions_section(pub: Published) -> str:
    """Sources, editions, and links to the diff reports when a dataset has two editions."""
    header = [element("th", h) for h in ("ファイル", "種類", "sha256")]
    rows = [[element("td", esc(s["path"])), element("td", esc(s.get("x_kind", ""))),
             element("td", element("code", esc(s["hash"].removeprefix("sha256:"))))]
            for s in pub.sources]
    parts = [element("h2", "出典と版 <span class=\"sub\">sources and editions</span>"),
             table(header, rows)]
    several = {name: eds for name in sorted(pub.frames) if name in DATASETS
               and len(eds := pub.editions(name)) > 1}
    if several:
        listed = "; ".join(f"{name}: {', '.join(eds)}" for name, eds in several.items())
        parts.append(element("p", f"複数の版があります — {esc(listed)}"))
        links = pub.diff_pages()
        if links:
            items = "".join(element("li", element("a", esc(link), href=link)) for link in links)
            parts.append(element("h3", "版の間の変更 <span class=\"sub\">diff reports</span>"))
            parts.append(element("ul", items))
        else:
            parts.append(element("p", "差分レポートはまだありません（python -m pipeline diff）。",
                                 class_="foot"))
    return element("section", "".join(parts), id="sources")


def kind_sections(pub: Published) -> list[Section]:
    """Every registered kind's own sections (its report.py), in registry order."""
    found: list[Section] = []
    for kind in kinds():
        part = kind.part("report")
        found += part.sections(pub) if part else []
    return found


def render_report(pub: Published) -> str:
    """The report's HTML text; equal published files give equal text. A dataset published
    with no rows has no section of its own (the validation section still counts it)."""
    sections, nav = [], []
    extra: dict[str, str] = {}
    shown: set[str] = set()
    with_rows = replace(pub, frames={n: f for n, f in pub.frames.items() if len(f)})
    for part in kind_sections(with_rows):
        sections.append(part.html)
        nav.append((part.anchor, part.label))
        extra.update(part.notes)
        shown.update(part.datasets)
    for name in sorted(with_rows.frames):
        if name in shown or name not in DATASETS:
            continue
        sections.append(generic.section(DATASETS[name], pub.frames[name]))
        nav.append((name, name))
    sections.append(validation.section(pub.frames, extra, pub.digests()))
    nav.append(("validation", "検証結果"))
    if (fixed := corrections.section(pub.frames)) is not None:
        sections.append(fixed)
        nav.append((corrections.ANCHOR, corrections.LABEL))
    sections.append(_editions_section(pub))
    nav.append(("sources", "出典と版"))
    editions = "; ".join(f"{name} {', '.join(pub.editions(name))}"
                         for name in sorted(pub.frames) if name in DATASETS)
    return page(TITLE, f"公開データ {editions}", nav, sections)


def write_report(out: Path, diffs_in: Path | None = None) -> Path:
    """Write OUT/report.html atomically from the files published in OUT, linking the diff pages
    of `diffs_in` (default OUT: `all` renders in a staging folder beside the real one)."""
    pub = load_published(out)
    if diffs_in is not None:
        pub = replace(pub, out=diffs_in)
    return write_atomic(out / REPORT, render_report(pub))
