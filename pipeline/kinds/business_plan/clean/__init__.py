"""Clean the guarantee association's annual business plan (事業計画) into two datasets.

plan_key_figures: every number of the captioned figure tables (＜主要計数＞, ＜諸比率＞);
plan_measures: every block of the outline (title, headings, measures, paragraphs) in order.
The fiscal year is read from the title 「…年度事業計画」, never from the file name.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.core.dates import find_fiscal_year
from pipeline.core.errors import PipelineError
from pipeline.core.grid import box_text
from pipeline.core.reading import page_method, read_columns
from pipeline.core.text import fold, has_cid_garbage, squeeze
from pipeline.extract.sideways import boxes_on_pages
from pipeline.kinds.business_plan.clean.blocks import Block, Line, blocks, page_lines, split_title
from pipeline.kinds.business_plan.clean.captions import (
    Caption,
    caption_above,
    check_announced,
    stranded_header,
)
from pipeline.kinds.business_plan.clean.figures import Figure, read_figures
from pipeline.kinds.business_plan.clean.outline import outline

KEY_FIGURES = "plan_key_figures"
MEASURES = "plan_measures"
TITLE_WORD = "事業計画"
_PLAN_YEAR = re.compile(r"(?:(?:令和|平成)(?:\d+|元)|\d{4})年度" + TITLE_WORD)


def clean(artifact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Records of plan_key_figures and plan_measures from an extract artifact."""
    source = artifact["source"]
    _check_text(artifact)
    figures, consumed = _figures(artifact)
    lines = page_lines(artifact, consumed)
    title_lines, body = split_title(lines)
    if not title_lines and body and TITLE_WORD in squeeze(body[0].text):
        title_lines, body = body[:1], body[1:]
    fiscal_year = _fiscal_year(title_lines, artifact)
    body_blocks = blocks(body)
    if not body_blocks:
        raise PipelineError("no outline text found below the title", file=source["file"])
    title = _title_block(title_lines)
    nodes = outline(title.text if title else None, title, body_blocks)
    provenance = {"source_file": source["file"], "source_sha256": source["sha256"]}
    pages = {page["page"]: page for page in artifact["pages"]}
    measures = [
        {
            "fiscal_year": fiscal_year,
            "seq": seq,
            "kind": node.kind,
            "level": node.level,
            "number": node.number.printed if node.number else "",
            "text": node.text,
            "path": node.path,
            "parent_path": node.parent_path,
            **provenance,
            "source_page": node.block.page if node.block else 1,
            **_block_read(node.block, pages),
            "source_bbox": box_text(node.block.bbox) if node.block else "",
        }
        for seq, node in enumerate(nodes, start=1)
    ]
    key_figures = [
        _figure_record(figure, page, fiscal_year, provenance, page_method(pages[page]))
        for page, figure in figures
    ]
    boxes_on_pages(key_figures, artifact)
    boxes_on_pages(measures, artifact)
    return {KEY_FIGURES: key_figures, MEASURES: measures}


def _check_text(artifact: dict[str, Any]) -> None:
    for page in artifact["pages"]:
        for line in page["lines"]:
            if has_cid_garbage(line["text"]):
                raise PipelineError(
                    "text extracts as (cid:…) codes: the PDF's fonts lack a Unicode map",
                    file=artifact["source"]["file"], page=page["page"],
                )


def _captioned_tables(artifact: dict[str, Any]) -> list[tuple[Caption, list[tuple[int, dict]]]]:
    """Each captioned table with its parts (page, table): a table with no caption at the top of
    the page after a captioned one is that table continued (its header repeated or not), unless
    the page before ends with a caption (its table printed overleaf)."""
    found: list[tuple[Caption, list[tuple[int, dict]]]] = []
    file = artifact["source"]["file"]
    for previous, page in zip([None, *artifact["pages"]], artifact["pages"], strict=False):
        for n, table in enumerate(page["tables"], start=1):
            caption = caption_above(page, table, previous if n == 1 else None)
            if caption is not None and caption.name:
                found.append((caption, [(page["page"], table)]))
                continue
            if n == 1 and (name := stranded_header(previous)) is not None:
                raise PipelineError(
                    f"table ＜{name}＞: its caption and header rows end the page, its rows are "
                    "printed overleaf without them: the header cannot be matched to the rows",
                    file=file, page=previous["page"])
            continues = n == 1 and found and found[-1][1][-1][0] == page["page"] - 1
            if not continues:
                raise PipelineError(f"table {n} has no caption ＜…＞ on the lines above it",
                                    file=file, page=page["page"])
            found[-1][1].append((page["page"], table))
    return found


def _figures(artifact: dict[str, Any]) -> tuple[list[tuple[int, Figure]], set[tuple[int, int]]]:
    """Every figure of every captioned table, and the caption lines the tables used."""
    figures: list[tuple[int, Figure]] = []
    consumed: set[tuple[int, int]] = set()
    file = artifact["source"]["file"]
    for caption, parts in _captioned_tables(artifact):
        page = parts[0][0]
        consumed.update(caption.consumed(page))
        try:
            read = read_figures(parts[0][1], caption, [table for _, table in parts[1:]])
        except PipelineError as exc:
            raise exc.located(file=file, page=page) from None
        figures += [(parts[part][0], figure) for part, figure in read]
    check_announced(artifact, consumed)
    if not figures:
        raise PipelineError("no figure table (＜主要計数＞ …) found", file=file)
    return figures, consumed


def _fiscal_year(title_lines: list[Line], artifact: dict[str, Any]) -> int:
    """The year of 「…年度事業計画」 in the title, else on the first page."""
    candidates = [line.text for line in title_lines]
    candidates += [line["text"] for line in artifact["pages"][0]["lines"]]
    for text in candidates:
        match = _PLAN_YEAR.search(squeeze(fold(text)))
        if match and (year := find_fiscal_year(match[0])):
            return year
    raise PipelineError(
        "no fiscal year (…年度事業計画) found on the first page",
        file=artifact["source"]["file"], page=1,
    )


def _title_block(lines: list[Line]) -> Block | None:
    if not lines:
        return None
    return Block(list(lines), None, lines[0].text, [line.text for line in lines[1:]])


def _block_read(block: Block | None, pages: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """How a block's lines were read: their page's method, OCR's least sure line."""
    if block is None:
        return read_columns(page_method(pages[min(pages)]), [])
    return read_columns(page_method(pages[block.page]), (
        pages[line.page]["lines"][line.index].get("confidence") for line in block.lines))


def _figure_record(
    figure: Figure, page: int, fiscal_year: int, provenance: dict[str, str], method: str
) -> dict[str, Any]:
    return {
        "fiscal_year": fiscal_year,
        "table": figure.table,
        "item": figure.item,
        "condition": figure.condition,
        "value": float(figure.value),
        "value_text": figure.value_text,
        "unit": figure.unit,
        "amount_yen": figure.amount_yen,
        **provenance,
        "source_page": page,
        **read_columns(method, [figure.confidence]),
        "source_bbox": box_text(figure.bbox),
        "source_cell": figure.cell,
    }
