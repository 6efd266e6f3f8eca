"""Assemble OUT/report.html from the published files: one page, no scripts, no network."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from pipeline.core.files import write_atomic
from pipeline.core.html import element, esc, page, table
from pipeline.core.lang import DEFAULT, words
from pipeline.kinds import REPORT_PART, kinds
from pipeline.report import corrections, generic, validation
from pipeline.report.generic import dataset_title
from pipeline.report.load import Published, load_published
from pipeline.report.section import Section
from pipeline.validate.datasets import DATASETS

REPORT = "report.html"


class ReportModule(Protocol):
    """What a kind's report.py defines (the contract of REPORT_PART)."""

    def sections(self, pub: Published) -> list[Section]:
        """The kind's own sections of the report (its datasets then need no plain table)."""
        ...


def _editions_section(pub: Published) -> str:
    """Sources, editions, and links to the diff reports when a dataset has two editions."""
    say = pub.words
    header = [element("th", say(h)) for h in ("report.file", "report.kind", "report.sha256")]
    rows = [[element("td", esc(s["path"])), element("td", esc(s.get("x_kind", ""))),
             element("td", element("code", esc(s["hash"].removeprefix("sha256:"))))]
            for s in pub.sources]
    parts = [element("h2", esc(say("report.sources"))), table(header, rows)]
    several = {name: eds for name in sorted(pub.frames) if name in DATASETS
               and len(eds := pub.editions(name)) > 1}
    if several:
        listed = "; ".join(f"{name}: {', '.join(eds)}" for name, eds in several.items())
        parts.append(element("p", esc(say("report.several_editions", editions=listed))))
        links = pub.diff_pages()
        if links:
            items = "".join(element("li", element("a", esc(link), href=link)) for link in links)
            parts.append(element("h3", esc(say("report.diff_pages"))))
            parts.append(element("ul", items))
        else:
            parts.append(element("p", esc(say("report.no_diff_pages")), class_="foot"))
    return element("section", "".join(parts), id="sources")


def kind_sections(pub: Published) -> list[Section]:
    """Every registered kind's own sections (its report.py), in registry order."""
    found: list[Section] = []
    for kind in kinds():
        part = kind.part(REPORT_PART)
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
    say = pub.words
    for name in sorted(with_rows.frames):
        if name in shown or name not in DATASETS:
            continue
        sections.append(generic.section(DATASETS[name], pub.frames[name], say))
        nav.append((name, dataset_title(DATASETS[name], say)))
    sections.append(validation.section(pub.frames, extra, pub.digests(), say))
    nav.append(("validation", say("report.validation")))
    if (fixed := corrections.section(pub.frames, say)) is not None:
        sections.append(fixed)
        nav.append((corrections.ANCHOR, say("report.corrections")))
    sections.append(_editions_section(pub))
    nav.append(("sources", say("report.sources")))
    editions = "; ".join(f"{name} {', '.join(pub.editions(name))}"
                         for name in sorted(pub.frames) if name in DATASETS)
    return page(say("report.title"), say("report.subtitle", editions=editions), nav, sections,
                lang=pub.lang)


def write_report(out: Path, diffs_in: Path | None = None, lang: str = DEFAULT) -> Path:
    """Write OUT/report.html atomically, in language `lang`, from the files published in OUT,
    linking the diff pages of `diffs_in` (default OUT: `all` renders in a staging folder beside
    the real one)."""
    pub = replace(load_published(out), lang=words(lang).lang)
    if diffs_in is not None:
        pub = replace(pub, out=diffs_in)
    return write_atomic(out / REPORT, render_report(pub))
