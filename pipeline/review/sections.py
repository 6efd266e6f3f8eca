"""The review page's sections: one per source document (its rows grouped by bank, table or
section), and on top what needs a look."""

from __future__ import annotations

from pipeline.core.html import element, esc
from pipeline.core.lang import Words
from pipeline.core.shown import number
from pipeline.kinds import kinds
from pipeline.review import attention
from pipeline.review.attention import LABELS, Look
from pipeline.review.cells import header_row, image, row_html
from pipeline.review.pages import Crops, Sources
from pipeline.review.rows import Rows, group_of, printed_order


def document_section(n: int, file: str, kind: str, edition: str, rows: dict[str, Rows],
                     flagged: dict[tuple[str, int], list[Look]], sources: Sources,
                     crops: Crops, say: Words) -> str:
    """Section `n`: the rows read from `file`, each dataset's grouped by bank, table or section
    in printed order, the rows needing a look marked."""
    titles = {k.name: say(f"kind.{k.name}") if say.has(f"kind.{k.name}") else k.title
              for k in kinds()}
    parts = []
    sha = ""
    for name, part in rows.items():
        mine = [i for i, row in enumerate(part.records) if row["source_file"] == file]
        if not mine:
            continue
        sha = part.row(mine[0]).get("source_sha256", "")
        groups = group_of(part).tolist()
        ordered = printed_order(part, mine)
        group_order = list(dict.fromkeys(groups[i] for i in ordered))
        title = (say(f"dataset.{name}") if say.has(f"dataset.{name}")
                 else part.dataset.title)
        body = [element("h3", f"{esc(name)} <span class=\"sub\">{esc(title)} · "
                              f"{esc(say('review.n_rows', n=number(len(mine))))}</span>")]
        for group in group_order:
            members = [i for i in ordered if groups[i] == group]
            marked = sum(1 for i in members if flagged.get((name, i)))
            count = say("review.n_rows", n=len(members)) + (
                say("review.n_marked", n=marked) if marked else "")
            head = esc(group or "—") + element("span", " " + esc(count), class_="count")
            table_rows = "".join(row_html(part, i, group, sources, crops,
                                          flagged.get((name, i), []), say) for i in members)
            body.append(element("details", element("summary", head) + (
                f'<div class="scroll"><table class="review"><thead><tr>{header_row(say)}'
                f"</tr></thead><tbody>{table_rows}</tbody></table></div>"), open=True))
        parts.append("".join(body))
    document = sources.document(file, sha)
    status = (element("p", f"PDF: {esc(document.path.name)} (sha256 {esc(sha)})", class_="foot")
              if document is not None else
              element("p", esc(say("review.pdf_missing", why=sources.missing.get(file, ""))),
                      class_="missing"))
    title = f"{esc(file)} <span class=\"sub\">{esc(titles.get(kind, kind))} · {esc(edition)}</span>"
    return element("section", element("h2", title) + status + "".join(parts), id=f"doc-{n}")


def looks_section(found: list[Look], rows: dict[str, Rows], checks: list | None,
                  sources: Sources, crops: Crops, documents: dict[str, int],
                  say: Words) -> str:
    """The top of the page: what needs a look, by kind then document and row, each linking to
    its row with the image of its print; and which signals there were none of."""
    counts = {k: sum(1 for look in found if look.kind == k) for k in LABELS}
    summary = say("review.list_separator").join(
        say("review.count", label=say(LABELS[k]), n=counts[k]) for k in LABELS)
    notes = []
    if checks is None:
        notes.append(say("review.no_crosscheck"))
    if not any(attention.read_by_ocr(part.frame) for part in rows.values()):
        notes.append(say("review.no_ocr"))
    if sources.missing:
        notes += [say("review.pdf_missing", why=why)
                  for why in sorted(set(sources.missing.values()))]

    def order(look: Look) -> tuple:
        if look.row is None:
            return (look.kind, len(documents), 0, look.detail)
        part = rows[look.dataset]
        file = part.row(look.row)["source_file"]
        return (look.kind, documents.get(file, 0), list(rows).index(look.dataset), look.row,
                look.field)

    body = []
    for look in sorted(found, key=order):
        label = element("span", esc(say(LABELS[look.kind])), class_=f"badge k{look.kind}")
        if look.row is None:
            body.append(element("tr", element("td", label) + element("td", "—")
                                + element("td", esc(look.detail)) + element("td", "")))
            continue
        part = rows[look.dataset]
        row = part.row(look.row)
        where = (f"{look.dataset} {row[part.dataset.edition]} {part.key(look.row)}"
                 + (f" {look.field}" if look.field else ""))
        link = element("a", esc(where), href=f"#{part.anchors[look.row]}")
        body.append(element("tr", element("td", label) + element("td", link)
                            + element("td", esc(look.detail))
                            + element("td", image(part, look.row, sources, crops, say),
                                      class_="img")))
    header = "".join(element("th", esc(say(h))) for h in (
        "review.kind", "review.where", "review.detail", "review.print"))
    table = (f'<div class="scroll"><table class="looks"><thead><tr>{header}</tr></thead>'
             f"<tbody>{''.join(body)}</tbody></table></div>") if body else element(
        "p", esc(say("review.nothing")))
    parts = [element("h2", esc(say("review.looks")) + ' <span class="sub">'
                     + esc(say("review.n_looks", n=len(found))) + "</span>"),
             element("p", esc(summary)),
             *[element("p", esc(note), class_="foot") for note in notes],
             element("p", esc(say("review.how_to_correct")), class_="foot"),
             table]
    return element("section", "".join(parts), id="looks")
