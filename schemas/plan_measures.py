"""Schema of plan_measures: one row per block of a business plan's outline, in document order."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline.core.text import PATH_SEP
from schemas.fields import field
from schemas.provenance import SourcePage

KEY = ["fiscal_year", "seq"]
KINDS = ["title", "heading", "paragraph", "outline"]
SEP = PATH_SEP


class PlanMeasuresColumns(pa.DataFrameModel):
    """The columns of plan_measures before its provenance."""

    fiscal_year: Series[int] = field(
        "Fiscal year the plan is for, from its title 「…年度事業計画」.", ge=1990, le=2100
    )
    seq: Series[int] = field("1-based position of the block in the document.", ge=1)
    kind: Series[str] = field(
        "title; heading (a numbered block with blocks under it); outline (a "
        "numbered measure with nothing under it); paragraph (unnumbered text).",
        isin=KINDS,
    )
    level: Series[int] = field(
        "Outline depth: 0 title, preamble and top sections (１．); one "
        "more per nesting (［基本戦略N］ 1 … ① 4); a paragraph is one below "
        "its heading.",
        ge=0,
        le=12,
    )
    number: Series[str] = field(
        "The number as printed (［基本戦略１］, １．, （１）, ①); empty "
        "for the title and paragraphs."
    )
    text: Series[str] = field(
        "The block's text as printed, without its number and the gap after it; "
        "wrapped lines joined the Japanese way (no space); not NFKC-folded.",
        str_length={"min_value": 1},
    )
    path: Series[str] = field(
        "Normalised numbers from the top down to this block joined by ' › ' "
        "(3 › 基本戦略2 › 2 › (7) › ②); paragraphs count as ¶1, ¶2 … within their "
        "parent; empty for the title."
    )
    parent_path: Series[str] = field("path of the block this one sits under; empty at the top.")


class PlanMeasures(SourcePage, PlanMeasuresColumns):
    """The outline of the guarantee association's business plan (事業計画), block by block.

    One row per block: the title, each heading (［基本戦略１］, １．, （１）), each numbered
    measure (①) and each unnumbered paragraph. Text is kept as printed (full-width letters and
    digits are not folded, so it matches the document); wrapped lines are joined the Japanese
    way (no space); page numbers, running heads, table captions and the closing 以上 are
    dropped. Levels come from the numbering alone: a number continuing an open sequence (２．
    after １．) is a sibling, a number 1 opens a list under the innermost open item, so the same
    scheme can nest (３．個別施策 › ［基本戦略１］ › １．). To find a measure:
    `path == "3 › 基本戦略2 › 2 › (7) › ②"`, or every block of a section with
    `path.str.startswith("3 › 基本戦略2 › ")`.
    """

    class Config:
        strict = True
        ordered = True
        coerce = True
        unique = KEY

    @pa.dataframe_check(name="number_only_on_headings_and_measures")
    def _numbers(cls, df: pd.DataFrame) -> Series[bool]:
        numbered = df["kind"].isin(["heading", "outline"])
        return numbered == (df["number"] != "")

    @pa.dataframe_check(name="outline_is_consistent")
    def _consistent(cls, df: pd.DataFrame) -> bool:
        return not outline_problems(df)


def _ordinal(label: str) -> tuple[str, int] | None:
    """A path label's numbering scheme and its number: (7) → ("()", 7), ② → ("circled", 2)."""
    digits = re.search(r"\d+$", label.rstrip(")"))
    if digits:
        return re.sub(r"\d+", "", label), int(digits[0])
    if len(label) == 1 and unicodedata.category(label) == "No":
        return "circled", int(unicodedata.numeric(label))
    return None


def numbering_gaps(part: pd.DataFrame, where: str) -> list[str]:
    """Numbered siblings must count 1, 2, 3 … in document order: a gap means a lost block."""
    problems = []
    numbered = part[part["number"] != ""].sort_values("seq")
    # Plain lists, not a groupby of itertuples: a pandas call per parent costs more than the
    # check (this runs on every publish).
    siblings: dict[str, list[tuple[object, str, str]]] = {}
    for parent, path, seq, number in zip(numbered["parent_path"], numbered["path"],
                                         numbered["seq"], numbered["number"], strict=True):
        siblings.setdefault(parent, []).append((seq, path, number))
    for parent in sorted(siblings):
        counts: dict[str, int] = {}
        for seq, path, label in siblings[parent]:
            found = _ordinal(path.split(SEP)[-1])
            if found is None or found[0].startswith("¶"):
                continue
            scheme, number = found
            expected = counts.get(scheme, 0) + 1
            if number != expected:
                under = f" under '{parent}'" if parent else ""
                problems.append(
                    f"{where} seq {seq}: {label}{under} where number {expected} was "
                    "expected (a block is missing or misread)"
                )
            counts[scheme] = number
    return problems


def _depth(path: str) -> int:
    return len(path.split(SEP)) - 1 if path else 0


def outline_problems(df: pd.DataFrame) -> list[str]:
    """Per edition: one title, seq 1…n, unique paths, parents that exist, levels that match,
    numbers without gaps."""
    problems = []
    for year, part in df.groupby("fiscal_year", sort=True):
        where = f"fiscal_year {year}"
        titles = int((part["kind"] == "title").sum())
        if titles != 1:
            problems.append(f"{where}: {titles} title rows, expected 1")
        seqs = sorted(int(s) for s in part["seq"])
        if seqs != list(range(1, len(seqs) + 1)):
            problems.append(f"{where}: seq is not 1…{len(seqs)} without gaps")
        paths = part["path"].tolist()
        seen: set[str] = set()
        for path in paths:
            if path in seen:
                problems.append(f"{where}: path '{path}' appears twice")
            seen.add(path)
        for row in part.itertuples(index=False):
            if row.parent_path and row.parent_path not in seen:
                problems.append(f"{where} seq {row.seq}: parent '{row.parent_path}' is not a block")
            if row.path and row.parent_path != SEP.join(row.path.split(SEP)[:-1]):
                problems.append(
                    f"{where} seq {row.seq}: path '{row.path}' is not under '{row.parent_path}'"
                )
            if row.kind != "title" and int(row.level) != _depth(row.path):
                problems.append(
                    f"{where} seq {row.seq}: level {row.level} but path "
                    f"'{row.path}' is {_depth(row.path)} deep"
                )
        problems.extend(numbering_gaps(part, where))
    return problems
