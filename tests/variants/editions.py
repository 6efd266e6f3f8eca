"""Edition transforms: pure dict → dict edits of an NPO edition or a plan, for every generator.

Editions are dicts in the truth-file formats (tests/data/*.truth.json) and every transform
returns a new dict, leaving its input alone, so they chain and feed any generator: the reportlab
ones (npo_pdf, plan_pdf), calc_npo, docx_plan and html_print.

What is printed and what a reader must get back usually agree; when they do not (a radical code
point printed where the reader must give the unified ideograph), the dict is the *printed* form
and carries the reader's form under the key "truth". `truth_of` gives the truth of any edition;
content transforms edit both forms, so the order of transforms does not matter.

Truth-format extensions (optional keys; absent means the 2025 form):
  NPO  "wrapped_words": [{"bank", "row", "field", "word"}]: a word the printing breaks across
       lines of that cell; a reader must give it whole, with no space (ＮＰＯ法人, not ＮＰ Ｏ法人).
  NPO  "limit_yen": [{"bank", "row", "yen"}]: the limit_yen a reader must give for that cell.
  NPO  "printed_labels": {label: printed text}: how an outer (group) label is printed (資\n金…,
       one character a line); printed form only, the truth has the label.
  plan key_figures.header.total: the printed label of the total column, "" (2025: 計画値 spans
       the three value columns and only 無担保 / 有担保 are labelled), "計" or "合計"; the
       figures are in the dataset as condition 計 either way.
  plan key_figures.unit / unit_label: 千円 / 百万円 / 億円 and （単位：千円） …; every figure of
       key_figures.rows is an int in that unit, as printed.
  plan key_figures.negative_sign: how a negative figure is printed, "△" (default) or "▲"
       (printed text: sign + digits with thousands commas; see `printed_figure`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
NPO_TRUTH = DATA / "npo_loan_comparison_2025-04-01.truth.json"
PLAN_TRUTH = DATA / "business_plan_2025.truth.json"
FIELDS = ("mark", "value", "unit", "note")
NPO_KEYS = ("title", "as_of", "as_of_label", "pages", "rows", "cells")
FIGURE_COLUMNS = ("total", "unsecured", "secured")
YEN_PER_UNIT = {"千円": 1_000, "百万円": 1_000_000, "億円": 100_000_000}
# Printed in place of unified ideographs by some fonts' maps (CJK Radicals Supplement, Kangxi
# Radicals); the reader must fold them back.
RADICALS = {"長": "\u2ed1", "民": "\u2ea0", "目": "\u2f6c"}
COMPATIBILITY = ("料", "\uf9be")  # CJK COMPATIBILITY IDEOGRAPH-F9BE, NFKC → 料

Edition = dict[str, Any]


def load_npo() -> Edition:
    """The shipped 2025 NPO edition (only the keys an edition has)."""
    data = json.loads(NPO_TRUTH.read_text("utf-8"))
    edition = {key: data[key] for key in NPO_KEYS}
    edition["cells"] = {
        bank: {row: {f: cell.get(f) for f in FIELDS} for row, cell in rows.items()}
        for bank, rows in data["cells"].items()
    }
    return edition


def load_plan() -> Edition:
    """The shipped 2025 business plan."""
    return json.loads(PLAN_TRUTH.read_text("utf-8"))


def truth_of(edition: Edition) -> Edition:
    """What a reader must get back from a printing of `edition` (a copy)."""
    truth = edition.get("truth", edition)
    return {key: copy.deepcopy(value) for key, value in truth.items() if key != "truth"}


def _both(edition: Edition, edit: Callable[[Edition], None]) -> Edition:
    """A copy of `edition` with `edit` applied in place to it and to its truth, if it has one."""
    new = copy.deepcopy(edition)
    edit(new)
    if "truth" in new:
        edit(new["truth"])
    return new


# ---- NPO -----------------------------------------------------------------------------------


def edit_cells(edition: Edition, edits: list[tuple[str, str, dict[str, str | None]]]) -> Edition:
    """`edition` with fields of some cells replaced: (bank, row, {field: text})."""
    def edit(e: Edition) -> None:
        for bank, row, fields in edits:
            unknown = set(fields) - set(FIELDS)
            if unknown:
                raise ValueError(f"unknown cell fields {sorted(unknown)}")
            e["cells"][bank][row].update(fields)

    return _both(edition, edit)


def next_year(edition: Edition) -> Edition:
    """A 2026 edition: changed values, marks (× offered no more, 要/否 swapped) and notes."""
    def edit(e: Edition) -> None:
        e["as_of"], e["as_of_label"] = "2026-04-01", "2026年4月1日現在"

    edition = _both(edition, edit)
    return edit_cells(edition, [
        ("北海道労働金庫", "融資額限度/無担保", {"value": "1,500", "note": None}),
        ("東北労働金庫", "金利/その他/無担保", {"value": "2.125", "note": "変動金利（新基準）"}),
        ("中央労働金庫", "資金使途/つなぎ資金", {"mark": "×", "note": "取扱いなし"}),
        ("九州労働金庫", "融資の種類/手形貸付", {"mark": "×"}),
        ("北海道労働金庫", "保証人要否", {"mark": "要"}),
        ("東北労働金庫", "保証人要否", {"mark": "否"}),
        ("北海道労働金庫", "返済期間/手形貸付", {"value": "18", "unit": "ヶ月"}),
        ("新潟県労働金庫", "融資額限度/有担保", {"value": "3,000", "note": "担保評価の範囲内"}),
        ("四国労働金庫", "資金使途/つなぎ資金", {"note": "新設：助成金交付までのつなぎ"}),
        ("近畿労働金庫", "資金使途/運転資金", {"note": None}),
    ])


def limits_in_words(edition: Edition) -> Edition:
    """Lending limits printed with number words (5千 万円, 1億5,000 万円, 1 億円), each with
    the limit_yen a reader must give (truth key "limit_yen")."""
    words = [
        ("北海道労働金庫", "融資額限度/無担保", "5千", "万円", 50_000_000),
        ("東北労働金庫", "融資額限度/有担保", "1億5,000", "万円", 150_000_000),
        ("中央労働金庫", "融資額限度/有担保", "1", "億円", 100_000_000),
    ]

    def edit(e: Edition) -> None:
        e["limit_yen"] = [{"bank": bank, "row": row, "yen": yen}
                          for bank, row, _, _, yen in words]

    edition = _both(edition, edit)
    return edit_cells(edition, [(bank, row, {"value": value, "unit": unit})
                                for bank, row, value, unit, _ in words])


def rename_bank(edition: Edition, old: str, new: str) -> Edition:
    """`edition` with bank `old` printed and read as `new` (…ろうきん, a name never seen)."""
    def edit(e: Edition) -> None:
        if old not in e["cells"]:
            raise ValueError(f"no bank {old}")
        e["pages"] = [[new if b == old else b for b in page] for page in e["pages"]]
        e["cells"] = {new if b == old else b: rows for b, rows in e["cells"].items()}

    return _both(edition, edit)


def merge_banks(
    edition: Edition, first: str = "北陸労働金庫", second: str = "東海労働金庫",
    into: str = "中部労働金庫",
) -> Edition:
    """Two neighbouring banks merged into one at the first's place (北陸 + 東海 → 中部: 12 banks,
    still north to south). Its cells are the first's, its name replacing theirs in the notes."""
    def edit(e: Edition) -> None:
        short_first, short_into = first.removesuffix("労働金庫"), into.removesuffix("労働金庫")
        cells = copy.deepcopy(e["cells"][first])
        for cell in cells.values():
            if cell.get("note"):
                cell["note"] = cell["note"].replace(short_first, short_into)
        e["pages"] = [[into if b == first else b for b in page if b != second]
                      for page in e["pages"]]
        e["pages"] = [page for page in e["pages"] if page]
        e["cells"] = {
            (into if b == first else b): (cells if b == first else rows)
            for b, rows in e["cells"].items() if b != second
        }

    return _both(edition, edit)


def vertical_group_labels(edition: Edition) -> Edition:
    """The group labels (the outer labels of rows with a condition) set vertically, one
    character a line (their mark legends after them as printed); read back as the label."""
    printed = copy.deepcopy(edition)
    printed["truth"] = truth_of(edition)
    legends = {"資金使途": "\n○：対象\n×：対象外", "融資の種類": "\n○：あり\n×：なし"}
    groups = {row.split("/")[0] for row in edition["rows"] if "/" in row}
    printed["printed_labels"] = {label: "\n".join(label) + legends.get(label, "")
                                 for label in sorted(groups)}
    return printed


def reiwa_date(edition: Edition) -> Edition:
    """The as-of date printed in the 令和 era with full-width digits (令和７年４月１日現在)."""
    def edit(e: Edition) -> None:
        year, month, day = (int(part) for part in e["as_of"].split("-"))
        e["as_of_label"] = f"令和{year - 2018}年{month}月{day}日現在".translate(
            str.maketrans("0123456789", "０１２３４５６７８９"))

    return _both(edition, edit)


def rename_row(edition: Edition, old: str = "保証人要否", new: str = "連帯保証人の要否") -> Edition:
    """A row's label renamed: published as printed."""
    def edit(e: Edition) -> None:
        if old not in e["rows"]:
            raise ValueError(f"no row {old}")
        e["rows"] = [new if row == old else row for row in e["rows"]]
        for rows in e["cells"].values():
            rows[new] = rows.pop(old)

    return _both(edition, edit)


def add_row(edition: Edition, row: str = "保証料", after: str = "返済期間/証書貸付") -> Edition:
    """A new row (a guarantee fee in ％ a year, a value per bank) after `after`."""
    def edit(e: Edition) -> None:
        at = e["rows"].index(after) + 1
        e["rows"] = [*e["rows"][:at], row, *e["rows"][at:]]
        for n, rows in enumerate(e["cells"].values()):
            rows[row] = {"mark": None, "value": f"0.{n + 10:02d}", "unit": "％",
                         "note": "年率" if n % 2 else None}

    return _both(edition, edit)


def _printed_strings(edition: Edition) -> Iterator[tuple[dict[str, Any], str]]:
    """(container, key) of every printed string of an NPO edition or plan, in document order."""
    if "cells" in edition:
        yield edition, "title"
        for rows in edition["cells"].values():
            for cell in rows.values():
                for f in FIELDS:
                    if cell.get(f):
                        yield cell, f
        return
    for block in edition["blocks"]:
        yield block, "text"
    for table in ("key_figures", "ratios"):
        for row in edition.get(table, {}).get("rows", []):
            yield row, "item"


def with_radicals(edition: Edition) -> Edition:
    """Printed with radical code points for 長 ⻑ U+2ED1, 民 ⺠ U+2EA0, 目 ⽬ U+2F6C, and one
    note (or block) with the compatibility ideograph U+F9BE for 料; bank names too (⻑野県労働金庫).
    The truth keeps the unified ideographs. Only producers that embed TrueType fonts print
    these code points (Calc, Writer, Chromium): reportlab's CID fonts encode the radicals as
    the unified ideographs' CIDs and drop the compatibility ideograph."""
    printed = copy.deepcopy(edition)
    printed["truth"] = truth_of(edition)
    compat_done = False
    for container, key in _printed_strings(printed):
        text = container[key]
        for unified, radical in RADICALS.items():
            text = text.replace(unified, radical)
        if not compat_done and key in ("note", "text") and COMPATIBILITY[0] in text:
            text = text.replace(*COMPATIBILITY)
            compat_done = True
        container[key] = text
    if "cells" in printed:
        rename = {b: b.translate(str.maketrans(RADICALS)) for b in printed["cells"]}
        printed["pages"] = [[rename[b] for b in page] for page in printed["pages"]]
        printed["cells"] = {rename[b]: rows for b, rows in printed["cells"].items()}
    if not compat_done:
        raise ValueError(f"no printed text holds {COMPATIBILITY[0]} for the compatibility form")
    return printed


def wrap_latin_word(
    edition: Edition, bank: str = "北海道労働金庫", row: str = "対象団体の主な条件",
    field: str = "note", word: str = "ＮＰＯ法人", at: int = 2,
) -> Edition:
    """The first unbroken `word` of a cell printed with a line break after its first `at`
    characters (ＮＰ / Ｏ法人); the truth has the word whole and lists it in wrapped_words."""
    printed = copy.deepcopy(edition)
    printed["truth"] = truth_of(edition)
    text = printed["cells"][bank][row][field] or ""
    if word not in text:
        raise ValueError(f"{bank} {row} {field} has no {word}")
    printed["cells"][bank][row][field] = text.replace(word, word[:at] + "\n" + word[at:], 1)
    printed["truth"].setdefault("wrapped_words", []).append(
        {"bank": bank, "row": row, "field": field, "word": word})
    return printed


# ---- business plan ---------------------------------------------------------------------------


def printed_figure(value: int | float, sign: str = "△", decimals: int = 0) -> str:
    """A figure as a plan prints it: thousands commas, a negative with `sign` (△1,234)."""
    text = f"{abs(value):,.{decimals}f}"
    return (sign + text) if value < 0 else text


def figure_text(plan: Edition, value: int) -> str:
    """How `plan` prints the key figure `value`."""
    return printed_figure(value, plan["key_figures"].get("negative_sign", "△"))


def in_unit(plan: Edition, unit: str) -> Edition:
    """The key figures in another unit (千円, 百万円, 億円), as a plan in that unit would print
    them: 億円 rounds each figure on its own; 千円 adds the digits a finer ledger would show, so
    that every total is still exactly 無担保 + 有担保 (1 百万円 off would be 1,000 千円 off)."""
    if unit not in YEN_PER_UNIT:
        raise ValueError(f"unit must be one of {sorted(YEN_PER_UNIT)}, not {unit!r}")

    def edit(p: Edition) -> None:
        figures = p["key_figures"]
        ratio = YEN_PER_UNIT[figures["unit"]] / YEN_PER_UNIT[unit]
        for n, row in enumerate(figures["rows"]):
            if ratio > 1:
                unsecured = round(row["unsecured"] * ratio) + (137 * n + 41) % 1000
                secured = round(row["secured"] * ratio) + (271 * n + 503) % 1000
                row.update(unsecured=unsecured, secured=secured, total=unsecured + secured)
            else:
                for column in FIGURE_COLUMNS:
                    row[column] = round(row[column] * ratio)
        figures["unit"] = unit
        figures["unit_label"] = f"（単位：{unit}）"

    return _both(plan, edit)


def total_label(plan: Edition, label: str) -> Edition:
    """The key figures' total column printed with `label` ("計", "合計" or "" as in 2025)."""
    def edit(p: Edition) -> None:
        p["key_figures"]["header"]["total"] = label

    return _both(plan, edit)


def with_figure_rows(
    plan: Edition, extra_key: list[tuple[str, int, int]], extra_ratios: list[tuple[str, str]]
) -> Edition:
    """More rows: key figures (item, unsecured, secured; total their sum) and ratios (item,
    printed value) appended."""
    def edit(p: Edition) -> None:
        for item, unsecured, secured in extra_key:
            p["key_figures"]["rows"].append(
                {"item": item, "total": unsecured + secured, "unsecured": unsecured,
                 "secured": secured})
        for item, text in extra_ratios:
            p["ratios"]["rows"].append({"item": item, "value": float(text), "value_text": text})

    return _both(plan, edit)


def with_negatives(plan: Edition, sign: str = "△") -> Edition:
    """A year-on-year row with negative figures, printed with `sign` (△ or ▲)."""
    if sign not in ("△", "▲"):
        raise ValueError(f"sign must be △ or ▲, not {sign!r}")
    plan = with_figure_rows(plan, [("前年度比増減", -48_210, -13_517)], [])

    def edit(p: Edition) -> None:
        p["key_figures"]["negative_sign"] = sign

    return _both(plan, edit)


def katakana_items(plan: Edition, under: int = 2) -> Edition:
    """The first `under` ① items of the outline each with two sub-items numbered ア． イ．
    (a level below them), as a plan that breaks a measure down prints them; an item with
    sub-items heads them (kind heading, as every numbered block with children is)."""
    def edit(p: Edition) -> None:
        blocks, done = [], 0
        for block in p["blocks"]:
            blocks.append(block)
            if done < under and block["kind"] == "outline" and block["number"] == "①":
                done += 1
                blocks[-1] = {**block, "kind": "heading"}
                level = block["level"] + 1
                blocks += [
                    {**block, "level": level, "number": "ア．",
                     "text": "対象となる制度の周知を図るため、説明資料を整備する。"},
                    {**block, "level": level, "number": "イ．",
                     "text": "取扱状況を四半期ごとに確認し、必要な見直しを行う。"},
                ]
        p["blocks"] = blocks

    return _both(plan, edit)


def retitle(plan: Edition, title: str, fiscal_year: int) -> Edition:
    """A new title (in both places the plan records it) and fiscal year."""
    def edit(p: Edition) -> None:
        p["title"], p["fiscal_year"] = title, fiscal_year
        for block in p["blocks"]:
            if block["kind"] == "title":
                block["text"] = title

    return _both(plan, edit)
